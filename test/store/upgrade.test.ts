import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { endpointFromHref } from '../../src/store/endpoint.js';
import type { Snapshot } from '../../src/store/types.js';
import { WatchStore } from '../../src/store/watch-store.js';

// Written by sbexport-tui 0.1.0's serializeWatchFile (see test/fixtures/store/README.md).
const FIXTURE = path.resolve('test/fixtures/store/watchlist-0.1.0.json');
const BDC = 'https://api.sb.biodatacatalyst.nhlbi.nih.gov/v2';
const CGC = 'https://cgc-api.sbgenomics.com/v2';
const SBG_EU = 'https://eu-api.sbgenomics.com/v2';

let dir: string;
const open: WatchStore[] = [];
function openStore(opts: Parameters<typeof WatchStore.open>[0] = {}): WatchStore {
  const store = WatchStore.open({ cwd: dir, debounceMs: 20, ...opts });
  open.push(store);
  return store;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-upgrade-'));
});
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface OldEntry {
  id: string;
  addedAt: string;
  snapshot?: Snapshot;
}
const oldEntries = (): OldEntry[] => JSON.parse(fs.readFileSync(FIXTURE, 'utf8')).entries;

describe('upgrading a watch list written by 0.1.0', () => {
  it('gives every entry the platform of its href, else the default; drops nothing, changes no state', () => {
    const before = oldEntries();
    expect(before.length).toBeGreaterThanOrEqual(8);
    expect(before.every((e) => !('endpoint' in e))).toBe(true);
    fs.copyFileSync(FIXTURE, path.join(dir, 'watchlist.json'));

    const s = openStore({ defaultEndpoint: SBG_EU });
    expect(s.warnings).toEqual([]);
    expect(s.ids()).toEqual(before.map((e) => e.id));
    for (const old of before) {
      const entry = s.entry(old.id)!;
      expect(entry.addedAt).toBe(old.addedAt);
      expect(s.snapshot(old.id)).toEqual(old.snapshot);
      const href = old.snapshot?.job?.href;
      expect(entry.endpoint).toBe(href ? endpointFromHref(href) : SBG_EU);
    }
    const byId = new Map(before.map((e) => [e.id, s.entry(e.id)!.endpoint]));
    // The fixture's hrefs: BDC, CGC in upper case, a simulator on a port, CAVATICA with its default port.
    expect(byId.get('a'.repeat(32))).toBe(BDC);
    expect(byId.get('b'.repeat(32))).toBe(CGC);
    expect(byId.get('c'.repeat(32))).toBe('http://127.0.0.1:8123/v2');
    expect(byId.get('2'.repeat(32))).toBe('https://cavatica-api.sbgenomics.com/v2');
    // No href (a job without one, not-found, no-access, never fetched): the default platform.
    for (const c of ['d', 'e', 'f', '1']) expect(byId.get(c.repeat(32))).toBe(SBG_EU);
  });

  it('saves the endpoints at once: a later run with another default does not move the jobs', () => {
    fs.copyFileSync(FIXTURE, path.join(dir, 'watchlist.json'));
    openStore({ defaultEndpoint: SBG_EU }).close();
    const again = openStore({ defaultEndpoint: CGC });
    expect(again.entry('d'.repeat(32))!.endpoint).toBe(SBG_EU);
    expect(again.entry('b'.repeat(32))!.endpoint).toBe(CGC);
    expect(again.ids()).toEqual(oldEntries().map((e) => e.id));
    for (const old of oldEntries()) expect(again.snapshot(old.id)).toEqual(old.snapshot);
  });
});

describe('endpoints of new entries', () => {
  const A = 'a1'.repeat(16);
  const B = 'b2'.repeat(16);
  const C = 'c3'.repeat(16);

  it('stores the endpoint given to add, and a default only when none is given', () => {
    const s = openStore({ defaultEndpoint: `${BDC}/` });
    s.add([A], { endpoint: CGC });
    const job = { id: B, state: 'RUNNING', href: `https://EU-API.sbgenomics.com/v2/storage/exports/${B}` };
    s.add([B, C], { snapshots: new Map([[B, { status: 'ok', fetchedAt: new Date().toISOString(), job }]]) });
    const reopened = openStore();
    expect(reopened.entry(A)!.endpoint).toBe(CGC);
    expect(reopened.entry(B)!.endpoint).toBe(SBG_EU);
    expect(reopened.entry(C)!.endpoint).toBe(BDC);
    expect(reopened.endpoints()).toEqual([CGC, SBG_EU, BDC]);
    expect(reopened.idsOn(SBG_EU)).toEqual([B]);
    expect(reopened.idsOn('https://elsewhere.example/v2')).toEqual([]);
  });

  it('persists goneAt and keeps the old job with it', () => {
    const s = openStore();
    s.add([A], { endpoint: CGC });
    const gone: Snapshot = {
      status: 'ok',
      fetchedAt: '2026-11-25T19:00:00.000Z',
      goneAt: '2026-12-01T08:00:00.000Z',
      job: { id: A, state: 'COMPLETED', destination: { volume: 'me/v', location: 'x.bam' } },
    };
    s.putSnapshots(new Map([[A, gone]]));
    s.close();
    expect(openStore().snapshot(A)).toEqual(gone);
  });

  it('a bad saved endpoint is replaced with a warning, the entry kept', () => {
    const file = path.join(dir, 'watchlist.json');
    const entries = [{ id: A, addedAt: '2026-11-25T19:00:00.000Z', endpoint: 'ftp://nope' }];
    fs.writeFileSync(file, JSON.stringify({ format: 1, entries }));
    const s = openStore({ defaultEndpoint: CGC });
    expect(s.entry(A)!.endpoint).toBe(CGC);
    expect(s.warnings.join('\n')).toContain('unusable endpoint "ftp://nope"');
  });
});

describe('upgrading where the list cannot be written', () => {
  it.skipIf(process.getuid?.() === 0)('opens a 0.1.0 list in a read-only directory, from memory', () => {
    fs.copyFileSync(FIXTURE, path.join(dir, 'watchlist.json'));
    fs.chmodSync(dir, 0o555);
    try {
      const s = WatchStore.open({ cwd: dir, defaultEndpoint: SBG_EU });
      expect(s.ids()).toEqual(oldEntries().map((e) => e.id));
      for (const old of oldEntries()) expect(s.snapshot(old.id)).toEqual(old.snapshot);
      expect(s.lastError).toMatch(/Could not save the upgraded watch list/);
    } finally {
      fs.chmodSync(dir, 0o755);
    }
  });
});

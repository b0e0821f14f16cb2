import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Snapshot, WatchEntry } from '../../src/store/types.js';
import { WatchStore } from '../../src/store/watch-store.js';
import { journalRecords } from './journal-file.js';

const id = (n: number, prefix = 'job') => `${prefix}${String(n).padStart(32 - prefix.length, '0')}`;
const A = id(1);
const B = id(2);
const C = id(3);
const D = id(4);

let dir: string;
const open: WatchStore[] = [];

function openStore(opts: Parameters<typeof WatchStore.open>[0] = {}): WatchStore {
  const store = WatchStore.open({ cwd: dir, debounceMs: 20, ...opts });
  open.push(store);
  return store;
}

function snap(jobId: string, state: string, fetchedAt = '2026-11-25T19:00:00.000Z'): Snapshot {
  return {
    status: 'ok',
    fetchedAt,
    job: {
      id: jobId,
      state,
      source: { file: 'file-1' },
      destination: { volume: 'me/vol', location: 'out/a.bam' },
      properties: { aws_storage_class: 'STANDARD' },
      overwrite: false,
    },
  };
}

async function until(cond: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!cond()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** An entry's content (a snapshot kept in the journal is read by its getter). */
const plain = (e: WatchEntry) => ({
  id: e.id,
  addedAt: e.addedAt,
  endpoint: e.endpoint,
  snapshot: e.snapshot,
});
const readFile = (store: WatchStore) => JSON.parse(fs.readFileSync(store.path, 'utf8'));
const journal = (store: WatchStore) => journalRecords(store.journalPath);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-store-'));
});

afterEach(() => {
  for (const s of open.splice(0)) s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('WatchStore', () => {
  it('persists ids in order and reloads them', () => {
    const s = openStore();
    expect(s.path).toBe(path.join(dir, 'watchlist.json'));
    expect(s.add([B, A])).toEqual({ added: [B, A], alreadyWatched: [] });
    expect(s.add([C, A])).toEqual({ added: [C], alreadyWatched: [A] });
    expect(s.ids()).toEqual([B, A, C]);
    s.close();

    const again = openStore();
    expect(again.ids()).toEqual([B, A, C]);
    expect(again.entries().map((e) => e.id)).toEqual([B, A, C]);
    expect(again.has(A)).toBe(true);
    expect(again.warnings).toEqual([]);
  });

  it('inserts after a given id', () => {
    const s = openStore();
    s.add([A, B, C]);
    s.add([D], { after: A });
    expect(s.ids()).toEqual([A, D, B, C]);
    s.close();
    expect(openStore().ids()).toEqual([A, D, B, C]);
  });

  it('puts each new id under its own anchor, in one write (a bulk restart)', () => {
    const s = openStore();
    s.add([A, B, C]);
    const E = D.replace(/^./, 'e');
    const before = s.writes;
    s.add([D, E], {
      placements: new Map([
        [D, C],
        [E, A],
      ]),
    });
    expect(s.writes).toBe(before + 1);
    expect(s.ids()).toEqual([A, E, B, C, D]);
    s.close();
    expect(openStore().ids()).toEqual([A, E, B, C, D]);
  });

  it('removes ids and persists that', () => {
    const s = openStore();
    s.add([A, B, C]);
    expect(s.remove([B, D])).toEqual([B]);
    expect(s.ids()).toEqual([A, C]);
    s.close();
    expect(openStore().ids()).toEqual([A, C]);
  });

  it('rejects ids that are not export job ids', () => {
    const s = openStore();
    expect(() => s.add(['short'])).toThrow(TypeError);
    expect(s.ids()).toEqual([]);
  });

  it('keeps ids() and entries() stable until something changes, and bumps version on change', () => {
    const s = openStore();
    s.add([A, B]);
    const ids = s.ids();
    const entries = s.entries();
    const v = s.version;
    expect(s.ids()).toBe(ids);
    expect(s.entries()).toBe(entries);
    s.putSnapshots(new Map([[A, snap(A, 'RUNNING')]]));
    expect(s.version).toBe(v + 1);
    expect(s.ids()).toBe(ids);
    expect(s.entries()).not.toBe(entries);
    expect(s.entries()[1]).toBe(entries[1]); // the unchanged row keeps its identity
  });

  it('adds 10,000 ids with one write, and loads them back quickly', () => {
    const s = openStore();
    const ids = Array.from({ length: 10_000 }, (_, i) => id(i));
    const before = s.writes;
    const result = s.add(ids);
    expect(result.added).toHaveLength(10_000);
    expect(s.writes - before).toBe(1);
    expect(readFile(s).entries).toHaveLength(10_000);
    s.close();
    const again = openStore();
    expect(again.ids()).toEqual(ids);
  });

  it('writes snapshots once per debounce, ignores unwatched ids and unchanged snapshots', async () => {
    const s = openStore({ debounceMs: 30 });
    s.add([A, B]);
    const writes = s.writes;
    const v = s.version;
    s.putSnapshots(new Map([[A, snap(A, 'PENDING')]]));
    s.putSnapshots(
      new Map([
        [A, snap(A, 'RUNNING')],
        [B, snap(B, 'RUNNING')],
        [C, snap(C, 'RUNNING')],
      ]),
    );
    expect(s.version).toBe(v + 2);
    expect(s.snapshot(A)?.job?.state).toBe('RUNNING');
    expect(s.has(C)).toBe(false);
    expect(s.writes).toBe(writes);
    await until(() => s.writes === writes + 1, 'debounced write');
    const file = readFile(s);
    expect(file.entries).toHaveLength(2);
    const records = journal(s);
    expect(records.map((r) => [r.id, r.snapshot?.job?.state])).toEqual([
      [A, 'RUNNING'],
      [B, 'RUNNING'],
    ]);

    // Same content again (a new but equal object): no change, no write.
    s.putSnapshots(new Map([[A, snap(A, 'RUNNING')]]));
    expect(s.version).toBe(v + 2);
    s.flush();
    expect(s.writes).toBe(writes + 1);
  });

  it('flush writes pending snapshots at once; a reopened store has them', () => {
    const s = openStore({ debounceMs: 60_000 });
    s.add([A]);
    s.putSnapshots(new Map([[A, snap(A, 'COMPLETED')]]));
    s.close();
    expect(openStore().snapshot(A)).toEqual(snap(A, 'COMPLETED'));
  });

  it('moves a corrupt file aside, says where, and starts empty', () => {
    const file = path.join(dir, 'watchlist.json');
    fs.writeFileSync(file, '{"entries": [ this is not json');
    const s = openStore();
    expect(s.ids()).toEqual([]);
    expect(s.warnings).toHaveLength(1);
    const backups = fs.readdirSync(dir).filter((f) => f.startsWith('watchlist.json.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^watchlist\.json\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
    expect(s.warnings[0]).toContain(path.join(dir, backups[0]!));
    expect(s.warnings[0]).toContain('was corrupt');
    expect(fs.readFileSync(path.join(dir, backups[0]!), 'utf8')).toBe('{"entries": [ this is not json');
    s.add([A]);
    expect(openStore().ids()).toEqual([A]);
  });

  it('treats a wrong top-level shape as corrupt', () => {
    fs.writeFileSync(path.join(dir, 'watchlist.json'), JSON.stringify([A, B]));
    const s = openStore();
    expect(s.ids()).toEqual([]);
    expect(s.warnings[0]).toMatch(/corrupt.*found an array/);
    fs.writeFileSync(path.join(dir, 'other.json'), JSON.stringify({ entries: 'nope' }));
    const t = openStore({ configName: 'other' });
    expect(t.warnings[0]).toContain('moved it to');
  });

  it('skips entries of the wrong type with a warning and keeps the rest', () => {
    fs.writeFileSync(
      path.join(dir, 'watchlist.json'),
      JSON.stringify({
        entries: [
          { id: A, addedAt: '2026-01-01T00:00:00Z' },
          { id: 12345, addedAt: '2026-01-01T00:00:00Z' },
          B, // hand-written bare id: accepted
          { id: C, addedAt: 'yesterday', snapshot: 'RUNNING' },
          { id: D, snapshot: { status: 'ok', fetchedAt: '2026-01-01T00:00:00Z', job: { id: D, state: 7 } } },
          { id: 'not-an-id' },
          null,
          { id: A },
        ],
      }),
    );
    const s = openStore();
    expect(s.ids()).toEqual([A, B, C, D]);
    expect(s.snapshot(C)).toBeUndefined();
    expect(s.snapshot(D)).toBeUndefined();
    expect(s.entries()[0]!.addedAt).toBe('2026-01-01T00:00:00Z');
    expect(Number.isNaN(Date.parse(s.entries()[2]!.addedAt))).toBe(false);
    const w = s.warnings.join('\n');
    expect(w).toContain('entry 2 had a non-string id; skipped');
    expect(w).toMatch(/entry 4 .*snapshot/);
    expect(w).toMatch(/entry 5 .*job\.state/);
    expect(w).toContain('entry 6 has an id that is not 32 letters and digits');
    expect(w).toContain('entry 7 is null');
    expect(w).toMatch(/entry 8 repeats/);
    // And the file as it was is kept, since the next write leaves those entries out.
    const copy = /the file as it was is at (\S+)\.$/.exec(s.warnings.at(-1) ?? '')?.[1];
    expect(copy && fs.readFileSync(copy, 'utf8')).toContain('not-an-id');
    expect(s.warnings).toHaveLength(7);
  });

  it('two instances on one file do not lose each other’s ids', () => {
    const one = openStore();
    const two = openStore();
    one.add([A]);
    two.add([B]); // two never saw A: the merge before writing keeps it
    one.add([C]);
    expect(openStore().ids()).toEqual([A, B, C]);
    expect(one.ids()).toEqual([A, B, C]);
    two.reload();
    expect(two.ids()).toEqual([A, B, C]);
  });

  it('a removal is not resurrected by another instance’s stale copy', () => {
    const one = openStore();
    one.add([A, B, C]);
    const two = openStore();
    expect(two.ids()).toEqual([A, B, C]);
    one.remove([B]);
    two.add([D]); // two still holds B in memory
    expect(two.ids()).toEqual([A, C, D]);
    expect(openStore().ids()).toEqual([A, C, D]);
    one.reload();
    expect(one.ids()).toEqual([A, C, D]);
  });

  it('merges snapshots: the newest fetchedAt wins', () => {
    const one = openStore();
    one.add([A, B]);
    const two = openStore();
    one.putSnapshots(
      new Map([
        [A, snap(A, 'COMPLETED', '2026-11-25T19:00:10Z')],
        [B, snap(B, 'RUNNING', '2026-11-25T19:00:00Z')],
      ]),
    );
    two.putSnapshots(
      new Map([
        [A, snap(A, 'RUNNING', '2026-11-25T19:00:05Z')],
        [B, snap(B, 'FAILED', '2026-11-25T19:00:20Z')],
      ]),
    );
    one.flush();
    two.flush();
    const fresh = openStore();
    expect(fresh.snapshot(A)?.job?.state).toBe('COMPLETED');
    expect(fresh.snapshot(B)?.job?.state).toBe('FAILED');
    expect(two.snapshot(A)?.job?.state).toBe('COMPLETED');
  });

  it('picks up another process’s change with watchExternal and notifies subscribers', async () => {
    const tui = openStore({ watchExternal: true });
    tui.add([A]);
    let calls = 0;
    const unsubscribe = tui.subscribe(() => calls++);
    const script = openStore();
    script.add([B]);
    await until(() => tui.has(B), 'the TUI to see B');
    expect(tui.ids()).toEqual([A, B]);
    expect(calls).toBeGreaterThan(0);
    unsubscribe();
    script.remove([A]);
    await until(() => !tui.has(A), 'the TUI to see A removed');
    expect(tui.ids()).toEqual([B]);
  });

  it('does not notify for its own writes', async () => {
    const tui = openStore({ watchExternal: true, debounceMs: 10 });
    tui.add([A]);
    tui.putSnapshots(new Map([[A, snap(A, 'RUNNING')]]));
    const v = tui.version;
    await until(() => tui.writes === 2, 'the snapshot write');
    // Give the directory watcher time to fire for our own write; nothing may change.
    await new Promise((r) => setTimeout(r, 300));
    expect(tui.version).toBe(v);
  });

  it('keeps the demo list in a separate file', () => {
    const real = openStore();
    const demo = openStore({ configName: 'demo-watchlist' });
    real.add([A]);
    demo.add([B]);
    expect(demo.path).toBe(path.join(dir, 'demo-watchlist.json'));
    expect(openStore().ids()).toEqual([A]);
    expect(openStore({ configName: 'demo-watchlist' }).ids()).toEqual([B]);
  });

  it('honours XDG_CONFIG_HOME when no cwd is given', () => {
    const saved = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = dir;
    try {
      const s = WatchStore.open({ debounceMs: 20 });
      open.push(s);
      expect(s.path).toBe(path.join(dir, 'sbexport-tui', 'watchlist.json'));
      s.add([A]);
      expect(fs.existsSync(path.join(dir, 'sbexport-tui', 'watchlist.json'))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = saved;
    }
  });

  it('opening creates the config directory but writes nothing', () => {
    const cwd = path.join(dir, 'new', 'config');
    const s = openStore({ cwd });
    expect(fs.existsSync(cwd)).toBe(true);
    expect(fs.readdirSync(cwd)).toEqual([]);
    expect(s.writes).toBe(0);
    fs.writeFileSync(path.join(dir, 'blocker'), '');
    expect(() => openStore({ cwd: path.join(dir, 'blocker', 'config') })).toThrow(
      /Cannot open the watch list/,
    );
  });

  it('merges another process’s list without reading any snapshot (a merge at 100,000 jobs read each)', () => {
    const many = Array.from({ length: 200 }, (_, n) => id(n + 100, 'm'));
    const first = openStore();
    first.add(many, { snapshots: new Map(many.map((id) => [id, snap(id, 'RUNNING')])) });
    first.close();
    const tui = openStore();
    const script = openStore();
    script.add([D]);
    expect(tui.reload()).toBe(true);
    expect(tui.ids()).toEqual([...many, D]);
    expect(tui.snapshotReads).toBe(0);
  });

  it('takes the platform another process watches a job on again, and lists it under that platform', () => {
    const cgc = 'https://cgc-api.sbgenomics.com/v2';
    const bdc = 'https://api.sb.biodatacatalyst.nhlbi.nih.gov/v2';
    const first = openStore();
    first.add([A, B], { endpoint: cgc });
    first.close();
    const tui = openStore();
    expect(tui.idsOn(cgc)).toEqual([A, B]);
    const script = openStore();
    script.remove([B]);
    script.add([B], { endpoint: bdc });
    tui.reload();
    expect(tui.entry(B)?.endpoint).toBe(bdc);
    expect(tui.idsOn(cgc)).toEqual([A]);
    expect(tui.idsOn(bdc)).toEqual([B]);
    // And our next write keeps it there.
    tui.add([C], { endpoint: cgc });
    expect(openStore().entry(B)?.endpoint).toBe(bdc);
  });

  it('a change another process writes after we opened is merged into our next write', () => {
    const first = openStore();
    first.add([A, B, C]);
    first.putSnapshots(
      new Map([
        [A, snap(A, 'RUNNING')],
        [B, snap(B, 'RUNNING')],
        [C, snap(C, 'RUNNING')],
      ]),
    );
    first.close();
    const linesBefore = fs.readFileSync(first.path, 'utf8').split('\n');

    const tui = openStore(); // reads the file once, keeps its lines for the next write
    const script = openStore();
    script.add([D]);
    script.putSnapshots(new Map([[A, snap(A, 'COMPLETED', '2026-11-25T19:05:00.000Z')]]));
    script.flush();

    tui.putSnapshots(new Map([[B, snap(B, 'FAILED', '2026-11-25T19:06:00.000Z')]]));
    tui.flush();
    const fresh = openStore();
    expect(fresh.ids()).toEqual([A, B, C, D]);
    expect(fresh.snapshot(A)?.job?.state).toBe('COMPLETED');
    expect(fresh.snapshot(B)?.job?.state).toBe('FAILED');
    expect(fresh.snapshot(C)?.job?.state).toBe('RUNNING');
    expect(fresh.warnings).toEqual([]);
    const linesAfter = fs.readFileSync(tui.path, 'utf8').split('\n');
    expect(linesAfter[5]).toBe(`${linesBefore[5]},`); // C's line as it was, no longer the last
    expect(readFile(tui).entries.map((e: { id: string }) => e.id)).toEqual([A, B, C, D]);

    // And the entries the merge took from the re-read file are written right by the write after.
    tui.putSnapshots(new Map([[C, snap(C, 'COMPLETED', '2026-11-25T19:07:00.000Z')]]));
    tui.flush();
    const again = openStore();
    expect(again.entries().map(plain)).toEqual(tui.entries().map(plain));
    expect(again.snapshot(A)?.job?.state).toBe('COMPLETED');
    expect(again.has(D)).toBe(true);
  });

  it('survives the file being deleted while open', () => {
    const s = openStore();
    s.add([A]);
    fs.rmSync(s.path);
    s.add([B]);
    expect(openStore().ids()).toEqual([A, B]);
  });

  it('never stores a token: the files hold only ids, times, endpoints and snapshots', () => {
    const s = openStore();
    s.add([A]);
    s.putSnapshots(new Map([[A, snap(A, 'RUNNING')]]));
    s.flush();
    const file = readFile(s);
    expect(Object.keys(file).sort()).toEqual(['entries', 'format']);
    expect(Object.keys(file.entries[0]).sort()).toEqual(['addedAt', 'endpoint', 'id']);
    expect(journal(s).map((r) => Object.keys(r))).toEqual([['id', 'len', 'snapshot', 'row']]);
    expect(fs.readdirSync(dir).sort()).toEqual(['watchlist.json', 'watchlist.snapshots.jsonl']);
  });
});

// Issue 15 (the first frame): a store opens from the cache the last store to close here left, holding what a
// whole read of the files would hold; and it reads the files whenever the cache does not describe them as
// they are (another process wrote the list, a compaction replaced the journal, the cache is damaged).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobFacts } from '../../src/store/facts.js';
import { decodeCache, encodeCache, type OpenCache } from '../../src/store/open-cache.js';
import type { Snapshot } from '../../src/store/types.js';
import { WatchStore } from '../../src/store/watch-store.js';
import { VERSION } from '../../src/version.js';
import { ids, job, jobId, snapshotOf } from '../watch/helpers.js';

const CGC = 'https://cgc-api.sbgenomics.com/v2';
const BDC = 'https://api.sb.biodatacatalyst.nhlbi.nih.gov/v2';
const STATES = ['COMPLETED', 'RUNNING', 'FAILED', 'PENDING', 'QUEUED_LATER'] as const;

let dir: string;
const open: WatchStore[] = [];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-cache-'));
});
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const cachePath = () => path.join(dir, 'watchlist.cache');
const listPath = () => path.join(dir, 'watchlist.json');
const journalPath = () => path.join(dir, 'watchlist.snapshots.jsonl');

function reopen(opts: Parameters<typeof WatchStore.open>[0] = {}): WatchStore {
  const store = WatchStore.open({ cwd: dir, debounceMs: 1e9, ...opts });
  open.push(store);
  return store;
}

/** Job n: a state (one the API does not send yet among them), every 9th not found, every 7th gone. */
function snapshotFor(id: string, n: number): Snapshot {
  if (n % 9 === 4) return { status: 'not-found', fetchedAt: '2026-12-01T00:00:00.000Z' };
  const snap = snapshotOf(job(id, STATES[n % STATES.length]!));
  return n % 7 === 3 ? { ...snap, goneAt: '2026-12-01T01:00:00.000Z' } : snap;
}

/** Jobs on two platforms, most with snapshots, some never fetched; saved by a store that then closes. */
function saveJobs(): string[] {
  const cgc = ids('C', 60);
  const bdc = ids('B', 25);
  const store = reopen();
  store.add(cgc, { endpoint: CGC, snapshots: new Map(cgc.map((id, n) => [id, snapshotFor(id, n)])) });
  store.add(bdc.slice(0, 20), {
    endpoint: BDC,
    snapshots: new Map(bdc.slice(0, 20).map((id, n) => [id, snapshotFor(id, n + 60)])),
  });
  store.add(bdc.slice(20), { endpoint: BDC }); // never fetched: no journal record
  store.close();
  return [...cgc, ...bdc];
}

/** Everything a store shows of its jobs, in order. */
function view(store: WatchStore) {
  return store.entries().map((e) => ({
    id: e.id,
    addedAt: e.addedAt,
    endpoint: e.endpoint,
    facts: store.facts(e.id),
    summary: store.summary(e.id),
    snapshot: store.snapshot(e.id),
  }));
}

/** What a store opened without the cache shows. */
function viewFromFiles(): ReturnType<typeof view> {
  const saved = fs.existsSync(cachePath()) ? fs.readFileSync(cachePath()) : undefined;
  fs.rmSync(cachePath(), { force: true });
  const store = WatchStore.open({ cwd: dir });
  expect(store.openedFromCache).toBe(false);
  const seen = view(store);
  store.close();
  if (saved) fs.writeFileSync(cachePath(), saved);
  return seen;
}

describe('the open cache', () => {
  it('is written when a store closes, and the next open takes the list and the index from it', () => {
    // A cache writer killed before its rename left this behind: the next writer clears it away.
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(`${cachePath()}.tmp-99999999`, 'half a cache');
    const list = saveJobs();
    expect(fs.existsSync(cachePath())).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    const fromFiles = viewFromFiles();
    const store = reopen();
    expect(store.openedFromCache).toBe(true);
    expect(store.ids()).toEqual(list);
    expect(view(store)).toEqual(fromFiles);
    expect(fromFiles.filter((v) => v.snapshot === undefined).length).toBeGreaterThanOrEqual(5);
    // Nothing of the table was read to open: summaries are read when asked, as without the cache.
    const fresh = reopen();
    expect(fresh.summaryReads).toBe(0);
  });

  it('keeps working as a store: changes are saved, and the next open (cached again) has them', () => {
    const list = saveJobs();
    const store = reopen();
    expect(store.openedFromCache).toBe(true);
    const changed = snapshotOf(job(list[1]!, 'FAILED'));
    store.putSnapshots(new Map([[list[1]!, changed]]));
    store.remove([list[2]!]);
    const extra = ids('X', 2);
    store.add(extra, {
      endpoint: CGC,
      snapshots: new Map([[extra[0]!, snapshotOf(job(extra[0]!, 'RUNNING'))]]),
    });
    store.close();
    const again = reopen();
    expect(again.openedFromCache).toBe(true);
    expect(again.ids()).toEqual([...list.filter((id) => id !== list[2]), ...extra]);
    expect(again.snapshot(list[1]!)).toEqual(changed);
    expect(again.facts(extra[0]!)?.state).toBe('RUNNING');
    expect(view(again)).toEqual(viewFromFiles());
  });

  it('is not used for a list file another process wrote since', () => {
    saveJobs();
    const stale = fs.readFileSync(cachePath());
    const other = reopen();
    const theirs = ids('T', 3);
    other.add(theirs, { endpoint: CGC });
    other.close();
    // The cache from before their write, put back: it describes the list as it was.
    fs.writeFileSync(cachePath(), stale);
    const store = reopen();
    expect(store.openedFromCache).toBe(false);
    expect(store.ids().slice(-3)).toEqual(theirs);
  });

  it('is not used for a journal another process replaced, and reads what was appended after it', () => {
    const list = saveJobs();
    const stale = fs.readFileSync(cachePath());
    // Appended after the cache was written: the cache stands, and the record is read from the tail.
    const appended = snapshotOf(job(list[0]!, 'FAILED'));
    const other = reopen();
    other.putSnapshots(new Map([[list[0]!, appended]]));
    other.flush();
    fs.writeFileSync(cachePath(), stale);
    const tail = reopen();
    expect(tail.openedFromCache).toBe(true);
    expect(tail.snapshot(list[0]!)).toEqual(appended);
    expect(tail.facts(list[0]!)?.state).toBe('FAILED');
    tail.close();
    other.close();
    // A journal written anew (as a compaction does) has another token: the cache is not for it.
    const records = fs.readFileSync(journalPath(), 'utf8').split('\n');
    fs.writeFileSync(journalPath(), [`{"journal":"${'0'.repeat(16)}"}`, ...records.slice(1)].join('\n'));
    fs.writeFileSync(cachePath(), stale);
    const store = reopen();
    expect(store.openedFromCache).toBe(false);
    expect(store.snapshot(list[0]!)).toEqual(appended);
  });

  it('stands when a save killed after it left half a record: the half is ignored, the next save is read', () => {
    const list = saveJobs();
    const before = viewFromFiles();
    const whole = snapshotOf(job(list[0]!, 'FAILED'));
    const record = `{"id":"${list[0]}","len":${JSON.stringify(whole).length},"snapshot":${JSON.stringify(whole)}`;
    fs.appendFileSync(journalPath(), record.slice(0, 60));
    const store = reopen();
    expect(store.openedFromCache).toBe(true);
    expect(view(store)).toEqual(before);
    const saved = snapshotOf(job(list[1]!, 'FAILED'));
    store.putSnapshots(new Map([[list[1]!, saved]]));
    store.flush();
    const next = reopen();
    expect(next.snapshot(list[1]!)).toEqual(saved);
    expect(next.snapshot(list[0]!)).toEqual(before[0]!.snapshot);
  });

  it('is ignored when damaged (cut short, a byte changed, not a cache), and nothing is lost', () => {
    saveJobs();
    const good = fs.readFileSync(cachePath());
    const want = viewFromFiles();
    const flipped = Buffer.from(good);
    flipped[Math.floor(good.length / 2)]! ^= 0x20;
    for (const bad of [
      good.subarray(0, good.length - 9),
      flipped,
      Buffer.from('{"entries": []}'),
      Buffer.alloc(0),
    ]) {
      fs.writeFileSync(cachePath(), bad);
      const store = WatchStore.open({ cwd: dir });
      expect(store.openedFromCache).toBe(false);
      expect(view(store)).toEqual(want);
      store.close();
    }
  });

  it('is ignored when another version of the app wrote it', () => {
    saveJobs();
    const good = fs.readFileSync(cachePath());
    const stamp = Buffer.from(`"app":"${VERSION}"`);
    const other = Buffer.from(`"app":"${'9'.repeat(VERSION.length)}"`);
    const at = good.indexOf(stamp);
    expect(at).toBeGreaterThan(0);
    const theirs = Buffer.from(good);
    other.copy(theirs, at);
    theirs.writeUInt32LE(zlib.crc32(theirs.subarray(0, theirs.length - 4)), theirs.length - 4);
    fs.writeFileSync(cachePath(), theirs);
    expect(reopen().openedFromCache).toBe(false);
  });

  it('is ignored when whole but not fitting the files (a slot past the index), and nothing is lost', () => {
    saveJobs();
    const cache = decodeCache(fs.readFileSync(cachePath()))!;
    const want = viewFromFiles();
    cache.list.slots[3] = cache.index.ids.length + 5;
    fs.writeFileSync(cachePath(), encodeCache(cache));
    const store = reopen();
    expect(store.openedFromCache).toBe(false);
    expect(view(store)).toEqual(want);
  });

  it('is not written for a list read with entries left out, nor for a journal without a header', () => {
    saveJobs();
    fs.rmSync(cachePath());
    const text = fs.readFileSync(listPath(), 'utf8');
    fs.writeFileSync(listPath(), text.replace(`"id":"${jobId('C', 1)}"`, '"id":"not-an-id"'));
    const store = reopen();
    expect(store.warnings.join('\n')).toMatch(/not 32 letters and digits/);
    store.close();
    expect(fs.existsSync(cachePath())).toBe(false);
    // An older writer's journal: no first line to know the file by.
    fs.writeFileSync(listPath(), text);
    const records = fs.readFileSync(journalPath(), 'utf8').split('\n');
    fs.writeFileSync(journalPath(), records.slice(1).join('\n'));
    const old = reopen();
    expect(old.warnings).toEqual([]);
    old.close();
    expect(fs.existsSync(cachePath())).toBe(false);
  });
});

describe('the open cache file', () => {
  it('decodes to what was encoded', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9]{32}$/);
    const facts = fc.constantFrom(
      undefined,
      null,
      jobFacts('ok', 'RUNNING', false),
      jobFacts('ok', 'COMPLETED', true),
      jobFacts('not-found', undefined, false),
      jobFacts('no-access', undefined, true),
    );
    const content = fc.uniqueArray(id, { maxLength: 30 }).chain((slotIds) =>
      fc.record({
        token: fc.stringMatching(/^[0-9a-f]{16}$/),
        end: fc.nat(),
        facts: fc.array(facts, { minLength: slotIds.length, maxLength: slotIds.length }),
        numbers: fc.array(fc.tuple(fc.nat(1e12), fc.nat(1e6), fc.nat(1e4)), {
          minLength: slotIds.length,
          maxLength: slotIds.length,
        }),
        slotIds: fc.constant(slotIds),
        entries: fc.array(fc.tuple(fc.integer({ min: -3, max: 40 }), fc.nat(2), fc.nat(1)), {
          maxLength: 30,
        }),
        bytes: fc.nat(),
        crc: fc.nat(2 ** 32 - 1),
      }),
    );
    fc.assert(
      fc.property(content, (c) => {
        const cache: OpenCache = {
          token: c.token,
          end: c.end,
          index: {
            ids: c.slotIds,
            offset: Float64Array.from(c.numbers, (n) => n[0]),
            length: Int32Array.from(c.numbers, (n) => n[1]),
            rowLength: Int32Array.from(c.numbers, (n) => n[2]),
            facts: c.facts,
          },
          list: {
            bytes: c.bytes,
            crc: c.crc,
            slots: Int32Array.from(c.entries, (e) => e[0]),
            times: Int32Array.from(c.entries, (e) => e[1]),
            endpoints: Int32Array.from(c.entries, (e) => e[2]),
            timeTable: ['2026-12-01T00:00:00.000Z', 'é', ''],
            endpointTable: [CGC, BDC],
            loose: ['a', 'b', 'c'],
          },
        };
        expect(decodeCache(encodeCache(cache))).toEqual(cache);
      }),
      { numRuns: 100 },
    );
  });
});

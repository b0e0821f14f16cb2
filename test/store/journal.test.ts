import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isWellFormedSnapshot } from '../../src/store/file-format.js';
import type { Snapshot } from '../../src/store/types.js';
import { WatchStore } from '../../src/store/watch-store.js';
import { journalRecords } from './journal-file.js';

const FIXTURE = path.resolve('test/fixtures/store/watchlist-0.1.0.json');
const CHILD = path.resolve('test/store/saver-child.ts');
const CGC = 'https://cgc-api.sbgenomics.com/v2';
const id = (n: number, prefix = 'job') => `${prefix}${String(n).padStart(32 - prefix.length, '0')}`;

let dir: string;
const open: WatchStore[] = [];
function openStore(opts: Parameters<typeof WatchStore.open>[0] = {}): WatchStore {
  const store = WatchStore.open({ cwd: dir, debounceMs: 1e9, ...opts });
  open.push(store);
  return store;
}
const snap = (jobId: string, state: string, second = 0): Snapshot => ({
  status: 'ok',
  fetchedAt: new Date(Date.parse('2026-12-01T00:00:00.000Z') + second * 1000).toISOString(),
  job: { id: jobId, state, destination: { volume: 'me/v', location: `out/${jobId}.cram` } },
});

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-journal-'));
});
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the snapshot journal', () => {
  it('a save appends only what changed', () => {
    const s = openStore();
    const ids = Array.from({ length: 1000 }, (_, i) => id(i));
    s.add(ids, { endpoint: CGC, snapshots: new Map(ids.map((x) => [x, snap(x, 'RUNNING')])) });
    const listBytes = fs.statSync(s.path).size;
    const before = s.bytesWritten;
    s.putSnapshots(new Map(ids.slice(0, 3).map((x) => [x, snap(x, 'COMPLETED', 5)])));
    s.flush();
    const written = s.bytesWritten - before;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(2000); // three records (~400 bytes each), not the list or the journal again
    expect(fs.statSync(s.path).size).toBe(listBytes);
    const reopened = openStore();
    expect(reopened.snapshot(ids[0]!)?.job?.state).toBe('COMPLETED');
    expect(reopened.snapshot(ids[3]!)?.job?.state).toBe('RUNNING');
  });

  it('ignores a torn last record, and the next save is still read', () => {
    const s = openStore();
    s.add([id(1), id(2)], { endpoint: CGC });
    s.putSnapshots(new Map([[id(1), snap(id(1), 'RUNNING')]]));
    s.close();
    const journalPath = s.journalPath;
    const whole = fs.readFileSync(journalPath, 'utf8');
    // What a kill in the middle of an append leaves: part of a newer record, no newline.
    const newer = JSON.stringify({ id: id(1), len: 500, snapshot: snap(id(1), 'COMPLETED', 9) });
    fs.appendFileSync(journalPath, `\n${newer.slice(0, 80)}`);
    const again = openStore();
    expect(again.snapshot(id(1))?.job?.state).toBe('RUNNING');
    again.putSnapshots(new Map([[id(2), snap(id(2), 'FAILED', 3)]]));
    again.close();
    expect(fs.readFileSync(journalPath, 'utf8').startsWith(whole)).toBe(true);
    const third = openStore();
    expect(third.snapshot(id(1))?.job?.state).toBe('RUNNING');
    expect(third.snapshot(id(2))?.job?.state).toBe('FAILED');
    expect(third.warnings).toEqual([]);
  });

  it('compacts once well past the live records, and a second open store keeps reading right', () => {
    const ids = Array.from({ length: 20 }, (_, i) => id(i));
    const writer = openStore({ compactMinBytes: 10_000 });
    writer.add(ids, { endpoint: CGC, snapshots: new Map(ids.map((x) => [x, snap(x, 'S0')])) });
    const reader = openStore({ compactMinBytes: 10_000 });
    let largest = 0;
    for (let round = 1; round <= 60; round++) {
      writer.putSnapshots(new Map(ids.map((x) => [x, snap(x, `S${round}`, round)])));
      writer.flush();
      largest = Math.max(largest, fs.statSync(writer.journalPath).size);
    }
    const batch = fs.statSync(writer.journalPath).size; // compacted: one record per job, as one save appends
    // 60 saves appended 60 batches, yet the file never held much more than the threshold plus a batch.
    expect(writer.bytesWritten).toBeGreaterThan(60 * batch);
    expect(largest).toBeLessThanOrEqual(10_000 + 2 * batch);
    // The reader indexed the journal before it was replaced: it still reads that file, whole ...
    expect(reader.snapshot(ids[0]!)?.job?.state).toBe('S0');
    // ... and after catching up, the new one, and appends to it.
    expect(reader.reload()).toBe(true);
    expect(reader.snapshot(ids[0]!)?.job?.state).toBe('S60');
    reader.putSnapshots(new Map([[ids[1]!, snap(ids[1]!, 'DONE', 100)]]));
    reader.flush();
    const fresh = openStore();
    expect(fresh.snapshot(ids[0]!)?.job?.state).toBe('S60');
    expect(fresh.snapshot(ids[1]!)?.job?.state).toBe('DONE');
  });

  it('a removed job that is watched again does not bring back its old snapshot', () => {
    const s = openStore();
    s.add([id(1)], { endpoint: CGC, snapshots: new Map([[id(1), snap(id(1), 'FAILED')]]) });
    s.remove([id(1)]);
    s.add([id(1)], { endpoint: CGC });
    expect(openStore().snapshot(id(1))).toBeUndefined();
  });

  it('moves a 0.1.0 list’s inline snapshots into the journal and writes the list without them', () => {
    fs.copyFileSync(FIXTURE, path.join(dir, 'watchlist.json'));
    const old = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')).entries as { id: string; snapshot?: Snapshot }[];
    openStore().close();
    const list = JSON.parse(fs.readFileSync(path.join(dir, 'watchlist.json'), 'utf8'));
    expect(list.format).toBe(2);
    expect(list.entries.map((e: { id: string }) => e.id)).toEqual(old.map((e) => e.id));
    expect(list.entries.every((e: object) => !('snapshot' in e))).toBe(true);
    const records = journalRecords(path.join(dir, 'watchlist.snapshots.jsonl'));
    expect(records.map((r) => r.id)).toEqual(old.filter((e) => e.snapshot).map((e) => e.id));
    const s = openStore();
    for (const e of old) expect(s.snapshot(e.id)).toEqual(e.snapshot);
  });
});

interface Child {
  proc: ChildProcess;
  lines: string[];
  exited: Promise<void>;
}

function startChild(prefix: string, rounds: number, compactMinBytes: number): Child {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, dir, prefix, String(rounds), String(compactMinBytes)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines: string[] = [];
  let rest = '';
  proc.stdout!.setEncoding('utf8');
  proc.stdout!.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    lines.push(...parts);
  });
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  return { proc, lines, exited };
}

async function until(cond: () => boolean, what: string): Promise<void> {
  // Not a timing window: a generous bound on a wait for an event that will come.
  for (let i = 0; !cond(); i++) {
    if (i > 6000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Every ID the children said were added is there, and every snapshot is whole and at least as new as said. */
function checkIntact(children: Child[]): void {
  const store = WatchStore.open({ cwd: dir, debounceMs: 1e9 });
  try {
    expect(store.warnings).toEqual([]);
    for (const child of children) {
      let savedRound = 0;
      const addedBefore = new Map<string, number>();
      for (const line of child.lines) {
        const [what, ...rest] = line.split(' ');
        if (what === 'added') for (const x of rest) addedBefore.set(x, savedRound);
        if (what === 'saved') savedRound = Number(rest[0]);
      }
      for (const [x] of addedBefore) expect(store.has(x)).toBe(true);
      for (const [x] of addedBefore) {
        const s = store.snapshot(x);
        if (s === undefined) continue; // added, killed before its first snapshot was saved
        expect(isWellFormedSnapshot(s)).toBe(true);
        expect(s.job?.id).toBe(x);
        const round = Number(s.job?.state.slice(1));
        // Saved rounds are on disk; the one being saved when killed may or may not be.
        expect(round).toBeGreaterThanOrEqual(
          savedRound > 0 && addedBefore.get(x)! < savedRound ? savedRound : 0,
        );
        expect(round).toBeLessThanOrEqual(savedRound + 1);
      }
    }
    for (const e of store.entries()) expect(e.endpoint).toBe(CGC);
  } finally {
    store.close();
  }
  expect(fs.readdirSync(dir).filter((f) => f.includes('.corrupt-') || f.includes('.skipped-'))).toEqual([]);
  // At most one temporary file of each kind, left by the last kill (the next write removes it).
  expect(fs.readdirSync(dir).filter((f) => f.includes('.json.tmp-')).length).toBeLessThanOrEqual(1);
  expect(fs.readdirSync(dir).filter((f) => f.includes('.jsonl.tmp-')).length).toBeLessThanOrEqual(1);
}

describe('crash safety', () => {
  it('kill -9 in the middle of saves, again and again: the list is intact, snapshots old or new', async () => {
    const runs: Child[] = [];
    for (let run = 0; run < 6; run++) {
      const child = startChild('kil', 1_000_000, 30_000);
      runs.push(child);
      const killAfter = 2 + Math.floor(Math.random() * 25);
      await until(() => child.lines.filter((l) => l.startsWith('saved')).length >= killAfter, 'saves');
      child.proc.kill('SIGKILL');
      await child.exited;
      checkIntact([child]);
    }
    // Every run's IDs, not only the last one's.
    const store = openStore();
    const said = runs.flatMap((c) =>
      c.lines.filter((l) => l.startsWith('added')).flatMap((l) => l.split(' ').slice(1)),
    );
    expect(said.length).toBeGreaterThan(30);
    for (const x of said) expect(store.has(x)).toBe(true);
  }, 120_000);

  it('two processes saving at once lose no ID and no snapshot', async () => {
    const a = startChild('aaa', 40, 30_000);
    const b = startChild('bbb', 40, 30_000);
    await Promise.all([a.exited, b.exited]);
    expect(a.lines.at(-1)).toBe('done');
    expect(b.lines.at(-1)).toBe('done');
    checkIntact([a, b]);
    const store = openStore();
    expect(store.size).toBe(2 * 40 * 3);
    for (const x of store.ids()) expect(store.snapshot(x)?.job?.state).toBe('S40');
  }, 120_000);
});

describe('summaries', () => {
  it('are held for every job loaded from the journal, equal to what the snapshot says', async () => {
    const { summarize, summaryOf } = await import('../../src/store/summary.js');
    const s = openStore();
    const failed: Snapshot = {
      status: 'ok',
      fetchedAt: '2026-12-01T00:00:00.000Z',
      goneAt: '2026-12-02T00:00:00.000Z',
      job: {
        id: id(1),
        state: 'FAILED',
        source: { file: 'f1' },
        destination: { volume: 'me/v', location: 'a/b.cram' },
        started_on: '2026-11-30T00:00:00Z',
        finished_on: '2026-11-30T01:00:00Z',
        error: { code: 9107, message: 'Destination exists' },
      },
    };
    const gone: Snapshot = {
      status: 'not-found',
      fetchedAt: failed.fetchedAt,
      error: { code: 9008, message: 'nope' },
    };
    s.add([id(1), id(2), id(3)], {
      endpoint: CGC,
      snapshots: new Map([
        [id(1), failed],
        [id(2), gone],
      ]),
    });
    s.close();
    const again = openStore();
    const [one, two, three] = again.entries();
    expect(summaryOf(one!)).toEqual(summarize(failed));
    expect(summaryOf(one!)).toMatchObject({
      state: 'FAILED',
      errorCode: 9107,
      goneAt: failed.goneAt,
      file: 'f1',
    });
    expect(summaryOf(two!)).toEqual({
      status: 'not-found',
      fetchedAt: gone.fetchedAt,
      errorCode: 9008,
      errorMessage: 'nope',
    });
    expect(summaryOf(three!)).toBeUndefined();
    // A snapshot held in memory is summarised from it.
    expect(summaryOf({ id: id(4), addedAt: failed.fetchedAt, endpoint: CGC, snapshot: failed })).toEqual(
      summarize(failed),
    );
  });
});

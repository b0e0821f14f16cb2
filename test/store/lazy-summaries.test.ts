// Issue 15: a saved list of any size opens holding each job's facts (status, state, gone) and where its
// records are, and nothing else: the table reads a job's summary from the journal when it draws, sorts by or
// searches that job, never for the whole list at once just to show the first screen.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryFacts, summaryOf } from '../../src/store/summary.js';
import type { Snapshot } from '../../src/store/types.js';
import { WatchStore } from '../../src/store/watch-store.js';
import { watchedJobsOf } from '../../src/ui/export-flow/watched.js';
import { nextRowModel } from '../../src/ui/row-model.js';
import { visibleRows } from '../../src/ui/rows.js';
import { ids, job, snapshotOf } from '../watch/helpers.js';

const CGC = 'https://cgc-api.sbgenomics.com/v2';
const STATES = ['COMPLETED', 'RUNNING', 'FAILED', 'PENDING'] as const;

let dir: string;
const open: WatchStore[] = [];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-lazy-'));
});
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function reopen(opts: Parameters<typeof WatchStore.open>[0] = {}): WatchStore {
  const store = WatchStore.open({ cwd: dir, debounceMs: 1e9, ...opts });
  open.push(store);
  return store;
}

/** Job n: a state from STATES, every 7th gone from the platform, every 11th answered not-found. */
function snapshotFor(id: string, n: number): Snapshot {
  if (n % 11 === 5) return { status: 'not-found', fetchedAt: '2026-12-01T00:00:00.000Z' };
  const snap = snapshotOf({
    ...job(id, STATES[n % 4]!),
    started_on: `2026-11-${String(28 - (n % 20)).padStart(2, '0')}T00:00:00Z`,
  });
  return n % 7 === 3 ? { ...snap, goneAt: '2026-12-01T01:00:00.000Z' } : snap;
}

function saveJobs(list: readonly string[]): Map<string, Snapshot> {
  const snaps = new Map(list.map((id, n) => [id, snapshotFor(id, n)]));
  const first = reopen();
  first.add(list, { endpoint: CGC, snapshots: snaps });
  first.close();
  return snaps;
}

describe('a reopened list', () => {
  it('counts and orders by state from the facts alone, and reads a summary only for a row shown', () => {
    const list = ids('L', 2000);
    const snaps = saveJobs(list);
    const store = reopen();
    const model = nextRowModel(undefined, store.entries());
    const want = { COMPLETED: 0, RUNNING: 0, FAILED: 0, PENDING: 0, 'NOT FOUND': 0 };
    for (const s of snaps.values()) {
      if (s.status === 'not-found') want['NOT FOUND']++;
      else want[s.job!.state as keyof typeof want]++;
    }
    expect(model.counts).toMatchObject(want);
    expect(model.rows.filter((r) => r.gone).length).toBe(
      list.filter((_, n) => n % 7 === 3 && n % 11 !== 5).length,
    );
    const byState = visibleRows(model.rows, '', { key: 'state', descending: false });
    expect(byState[0]!.state).toBe('RUNNING');
    expect(store.summaryReads).toBe(0);

    // The first screen: its rows' cells, from their summaries.
    const screen = model.rows.slice(0, 40);
    expect(screen.map((r) => r.location)).toEqual(
      list
        .slice(0, 40)
        .map((id, n) => snaps.get(id)!.job?.destination?.location ?? (n % 11 === 5 ? '' : '?')),
    );
    expect(store.summaryReads).toBe(40);

    // Sorting by a time needs every job's: read then, once each.
    const byStart = visibleRows(model.rows, '', { key: 'started', descending: false });
    expect(byStart[byStart.length - 1]!.startedOn).toBe('2026-11-28T00:00:00Z');
    expect(store.summaryReads).toBe(2000);
    visibleRows(model.rows, '', { key: 'started', descending: true });
    expect(store.summaryReads).toBe(2000);

    // What the export and restart flows are told of the list: from the summaries, no snapshot parsed.
    const watched = watchedJobsOf(store.entries(), CGC);
    expect(watched.length).toBe(list.filter((_, n) => n % 11 !== 5).length);
    expect(watched[1]).toEqual({
      id: list[1],
      state: 'RUNNING',
      source: { file: snaps.get(list[1]!)!.job!.source!.file },
      destination: { volume: 'lab/exports', location: snaps.get(list[1]!)!.job!.destination!.location },
    });
    const parsed = store.entries().filter((e) => (e as unknown as { cached: unknown }).cached !== false);
    expect(parsed).toEqual([]);
  });

  it('finds every job’s records when the list is not in the journal’s order, and after a compaction', () => {
    const list = ids('O', 300);
    const snaps = saveJobs(list);
    // New jobs placed between old ones: the list's order is no longer the journal's.
    const store = reopen();
    const placed = ids('P', 50);
    store.add(placed, {
      endpoint: CGC,
      placements: new Map(placed.map((id, n) => [id, list[n * 5]!])),
      snapshots: new Map(placed.map((id) => [id, snapshotOf(job(id, 'RUNNING'))])),
    });
    store.close();

    const again = reopen({ compactMinBytes: 400_000 });
    const before = again.entries();
    // Through the entries themselves: those held from before a compaction too.
    const current = new Map(snaps);
    const check = (entries: typeof before) => {
      for (const e of entries) {
        const want = current.get(e.id) ?? snapshotOf(job(e.id, 'RUNNING'));
        expect(entryFacts(e)?.state, e.id).toBe(want.job?.state);
        expect(summaryOf(e)?.location, e.id).toBe(want.job?.destination?.location);
      }
    };
    expect(before.map((e) => e.id)).not.toEqual([...list, ...placed]);
    check(before);
    // Changes appended (read anew, not from what was read before), then enough of them to compact: the
    // journal is rewritten and indexed anew under the entries held.
    const sizes = [fs.statSync(again.journalPath).size];
    for (let round = 0; round < 6; round++) {
      for (const id of list) {
        const was = current.get(id)!;
        if (!was.job) continue;
        const location = `round-${round}/${id}.cram`;
        current.set(id, { ...was, job: { ...was.job, destination: { volume: 'lab/exports', location } } });
      }
      again.putSnapshots(new Map(list.map((id) => [id, current.get(id)!])));
      again.flush();
      check(again.entries());
      check(before);
      sizes.push(fs.statSync(again.journalPath).size);
    }
    expect(sizes[1]! > sizes[0]!, 'the first round appends').toBe(true);
    expect(
      sizes.some((size, i) => i > 0 && size < sizes[i - 1]!),
      'a later round compacts',
    ).toBe(true);
    check(before);
  });

  it('gives a job another process saved a new entry, so its row and its snapshot follow', () => {
    const [a, z] = ids('X', 2) as [string, string];
    saveJobs([a, z]);
    const mine = reopen();
    const before = nextRowModel(undefined, mine.entries());
    expect(mine.snapshot(a)?.job?.state).toBe(STATES[0]);
    const other = reopen();
    other.putSnapshots(
      new Map([[a, { ...snapshotOf(job(a, 'FAILED')), fetchedAt: '2030-01-01T00:00:00.000Z' }]]),
    );
    other.flush();
    // Our next save reads what the other one appended.
    mine.putSnapshots(
      new Map([[z, { ...snapshotOf(job(z, 'FAILED')), fetchedAt: '2030-01-01T00:00:00.000Z' }]]),
    );
    mine.flush();
    const after = nextRowModel(before, mine.entries());
    expect(after.rows.map((r) => r.state)).toEqual(['FAILED', 'FAILED']);
    expect(after.counts.FAILED).toBe(2);
    expect(mine.entries()[0]!.snapshot?.job?.state).toBe('FAILED');
  });

  it('ignores a record a crash cut short just after a `]}` inside its row, and keeps the one before', () => {
    const [a] = ids('T', 1) as [string];
    const failed = (at: string): Snapshot => ({
      status: 'ok',
      fetchedAt: at,
      job: { ...job(a, 'FAILED'), error: { code: 9107, message: 'bad {"x":["y"]} z' } },
    });
    const first = reopen();
    first.add([a], { endpoint: CGC, snapshots: new Map([[a, failed('2026-12-01T00:00:00.000Z')]]) });
    first.putSnapshots(
      new Map([[a, { ...failed('2026-12-02T00:00:00.000Z'), goneAt: '2026-12-02T00:00:00.000Z' }]]),
    );
    first.close();
    // The newer record, cut where its row's error message has `]}`, then the next writer's newline.
    const lines = fs.readFileSync(first.journalPath, 'utf8').trimEnd().split('\n');
    const last = lines.pop()!;
    const torn = last.slice(0, last.indexOf(']}', last.indexOf(',"row":')) + 2);
    fs.writeFileSync(first.journalPath, `${[...lines, torn].join('\n')}\n`);

    const again = reopen();
    expect(again.facts(a)).toEqual({ status: 'ok', state: 'FAILED', gone: false });
    expect(again.snapshot(a)?.fetchedAt).toBe('2026-12-01T00:00:00.000Z');
  });
});

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
});

import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/store/types.js';
import { backoffDelay, maintenanceDelay } from '../../src/watch/backoff.js';
import { AskLog, chunksOf, dueIds, dueInOrder, isDue } from '../../src/watch/due.js';
import { sameSnapshot, snapshotFromItem } from '../../src/watch/snapshots.js';
import { ids, job, MemoryTarget, snapshotOf } from './helpers.js';

const AT = '2024-05-01T00:00:00.000Z';

describe('isDue / dueIds', () => {
  it('polls missing, PENDING, RUNNING and unknown states; never final, not-found or no-access', () => {
    expect(isDue(undefined)).toBe(true);
    expect(isDue(snapshotOf(job('a', 'PENDING')))).toBe(true);
    expect(isDue(snapshotOf(job('a', 'RUNNING')))).toBe(true);
    expect(isDue(snapshotOf(job('a', 'QUEUED_SOMEWHERE_NEW')))).toBe(true);
    expect(isDue(snapshotOf(job('a', 'COMPLETED')))).toBe(false);
    expect(isDue(snapshotOf(job('a', 'FAILED')))).toBe(false);
    expect(isDue({ status: 'not-found', error: { status: 404, code: 9008 }, fetchedAt: AT })).toBe(false);
    expect(isDue({ status: 'no-access', error: { status: 403, code: 9005 }, fetchedAt: AT })).toBe(false);
    expect(isDue({ ...snapshotOf(job('a', 'RUNNING')), goneAt: AT })).toBe(false);
  });

  it('orders a cycle: extras, never fetched (list order), then the longest unrefreshed', () => {
    const [a, b, c, d, e] = ids('o', 5) as [string, string, string, string, string];
    const running = (id: string): [string, Snapshot] => [id, snapshotOf(job(id, 'RUNNING'))];
    const target = new MemoryTarget([a, b, c, d, e], [running(a), running(c), running(d)]);
    const asked = new AskLog();
    asked.mark([d]);
    asked.mark([a]);
    // c never asked in this run counts as oldest; b and e have no snapshot at all.
    expect(dueInOrder(target, new Set(), asked)).toEqual({ ids: [b, e, c, d, a], unknown: 2 });
    expect(dueInOrder(target, new Set([a]), asked)).toEqual({ ids: [a, b, e, c, d], unknown: 2 });
    asked.mark([b, e, c]);
    expect(dueInOrder(target, new Set(), asked).ids).toEqual([b, e, d, a, c]);
  });

  it('picks the 300 active of 10,000 watched, in list order, plus explicit extras that are watched', () => {
    const all = ids('j', 10_000);
    const snaps: [string, Snapshot][] = all.map((id, i) => [
      id,
      snapshotOf(job(id, i % 100 < 3 ? 'RUNNING' : 'COMPLETED')),
    ]);
    const target = new MemoryTarget(all, snaps);
    const due = dueIds(target);
    expect(due).toHaveLength(300);
    expect(due[0]).toBe(all[0]);
    expect(due[3]).toBe(all[100]);
    const withExtra = dueIds(target, new Set([all[50]!, 'not-watched']));
    expect(withExtra).toHaveLength(301);
    expect(withExtra).toContain(all[50]);
    expect(withExtra).not.toContain('not-watched');
  });

  it('chunks into 100s', () => {
    expect(chunksOf(ids('c', 250), 100).map((c) => c.length)).toEqual([100, 100, 50]);
    expect(chunksOf([], 100)).toEqual([]);
  });
});

describe('snapshotFromItem / sameSnapshot', () => {
  it('maps 404 / 9008 to not-found, 403 to no-access, other errors to an item error', () => {
    expect(snapshotFromItem({ id: 'a', error: { status: 404, code: 9008 } }, AT)).toMatchObject({
      status: 'not-found',
    });
    expect(snapshotFromItem({ id: 'a', error: { code: 9008 } }, AT)).toMatchObject({ status: 'not-found' });
    expect(snapshotFromItem({ id: 'a', error: { status: 403, code: 9005 } }, AT)).toMatchObject({
      status: 'no-access',
    });
    expect(snapshotFromItem({ id: 'a', error: { status: 500 } }, AT)).toEqual({ itemError: { status: 500 } });
  });

  it('a job seen before keeps its snapshot on 404 (marked gone once) and on 403 (reported only)', () => {
    const known = snapshotOf(job('a', 'COMPLETED'));
    const LATER = '2024-06-01T00:00:00.000Z';
    const gone = snapshotFromItem({ id: 'a', error: { status: 404, code: 9008 } }, AT, known);
    expect(gone).toEqual({ ...known, goneAt: AT });
    const still = snapshotFromItem({ id: 'a', error: { status: 404, code: 9008 } }, LATER, gone as Snapshot);
    expect(still).toBe(gone);
    expect(snapshotFromItem({ id: 'a', error: { status: 403, code: 9005 } }, AT, known)).toEqual({
      itemError: { status: 403, code: 9005 },
    });
    // What we knew was only "not found": a 404 is still just that.
    const notFound: Snapshot = { status: 'not-found', error: { status: 404 }, fetchedAt: AT };
    expect(snapshotFromItem({ id: 'a', error: { status: 404 } }, LATER, notFound)).toMatchObject({
      status: 'not-found',
      fetchedAt: LATER,
    });
  });

  it('ignores fetchedAt but not a changed field', () => {
    const a = snapshotOf(job('a', 'RUNNING'));
    expect(sameSnapshot(a, { ...a, fetchedAt: AT })).toBe(true);
    expect(sameSnapshot(a, snapshotOf({ ...job('a', 'RUNNING'), started_on: AT }))).toBe(false);
    expect(sameSnapshot(undefined, a)).toBe(false);
    expect(sameSnapshot(a, { ...a, goneAt: AT })).toBe(false);
  });
});

describe('back-off', () => {
  it('grows from the base with jitter, capped', () => {
    expect(backoffDelay(1, 1000, 300_000, () => 0)).toBe(1000);
    expect(backoffDelay(1, 1000, 300_000, () => 1)).toBe(2000);
    expect(backoffDelay(3, 1000, 300_000, () => 0.5)).toBe(6000);
    expect(backoffDelay(50, 1000, 300_000, () => 1)).toBe(300_000);
    expect(backoffDelay(5000, 1000, 300_000, () => 0)).toBe(150_000);
  });

  it('maintenance waits 1, 2, 4 … minutes up to the cap', () => {
    const m = [1, 2, 3, 4, 5].map((n) => maintenanceDelay(n, 60_000, 15 * 60_000) / 60_000);
    expect(m).toEqual([1, 2, 4, 8, 15]);
  });
});

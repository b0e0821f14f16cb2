import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Snapshot, WatchEntry } from '../../src/store/types.js';
import { changesSince, nextRowModel, type RowModel } from '../../src/ui/row-model.js';

const STATES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
const id = (n: number) => `job${String(n).padStart(29, '0')}`;
const snap = (n: number, state: string): Snapshot => ({
  status: 'ok',
  job: { id: id(n), state },
  fetchedAt: '2026-12-01T00:00:00Z',
});

type Step =
  | { kind: 'refresh'; changes: Array<[number, number]> }
  | { kind: 'add' }
  | { kind: 'remove'; at: number };

/** What a model must say about `entries`, worked out from scratch. */
function expected(entries: readonly WatchEntry[], model: RowModel) {
  const counts: Record<string, number> = {};
  for (const row of model.rows) counts[row.state] = (counts[row.state] ?? 0) + 1;
  return {
    ids: entries.map((e) => e.id),
    states: entries.map((e) => e.snapshot?.job?.state ?? 'UNKNOWN'),
    counts,
  };
}

describe('row model', () => {
  it('follows any mix of refreshes, additions and removals as a fresh build would', () => {
    const step: fc.Arbitrary<Step> = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant('refresh' as const),
          changes: fc.array(fc.tuple(fc.nat(30), fc.nat(3)), { maxLength: 6 }),
        }),
      },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('add' as const) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), at: fc.nat(30) }) },
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        let next = 0;
        let entries: WatchEntry[] = Array.from({ length: 8 }, () => {
          const n = next++;
          return {
            id: id(n),
            addedAt: 'x',
            endpoint: 'https://api.example.test/v2',
            snapshot: snap(n, 'PENDING'),
          };
        });
        let model = nextRowModel(undefined, entries);
        for (const s of steps) {
          const before = model;
          const beforeStates = new Map(model.rows.map((r) => [r.id, r]));
          if (s.kind === 'add') {
            const n = next++;
            entries = [...entries, { id: id(n), addedAt: 'x', endpoint: 'https://api.example.test/v2' }];
          } else if (s.kind === 'remove') {
            if (entries.length > 0) entries = entries.filter((_, i) => i !== s.at % entries.length);
          } else if (entries.length > 0) {
            // As the store does: the changed entries replaced, the rest the same objects.
            entries = entries.slice();
            for (const [at, state] of s.changes) {
              const e = entries[at % entries.length]!;
              entries[at % entries.length] = { ...e, snapshot: snap(Number(e.id.slice(3)), STATES[state]!) };
            }
          }
          model = nextRowModel(model, entries);
          const want = expected(entries, model);
          expect(model.rows.map((r) => r.id)).toEqual(want.ids);
          expect(model.rows.map((r) => r.state)).toEqual(want.states);
          expect(Object.fromEntries(Object.entries(model.counts).filter(([, n]) => n > 0))).toEqual(
            want.counts,
          );
          expect([...model.byId.keys()].sort()).toEqual([...want.ids].sort());
          for (const row of model.rows) expect(model.byId.get(row.id)).toBe(row);
          // What changed, as a comparison of every row with the one before would find it.
          const changed = model.rows
            .filter((r) => beforeStates.has(r.id) && beforeStates.get(r.id) !== r)
            .map((r) => [beforeStates.get(r.id)!.state, r.state]);
          expect(changesSince(before, model).map((c) => [c.before.state, c.after.state])).toEqual(changed);
        }
      }),
    );
  });

  it('makes rows only as they are asked for, and says what a fresh build would whichever were', () => {
    const entryOf = (n: number, state: string): WatchEntry => ({
      id: id(n),
      addedAt: 'x',
      endpoint: 'https://api.example.test/v2',
      snapshot: snap(n, state),
    });
    const touch = fc.oneof(fc.constant('none' as const), fc.constant('all' as const), fc.nat(40));
    const step = fc.record({
      changes: fc.array(fc.tuple(fc.nat(40), fc.nat(3)), { maxLength: 5 }),
      add: fc.boolean(),
      touch,
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), fc.boolean(), (steps, skip) => {
        let entries = Array.from({ length: 20 }, (_, n) => entryOf(n, 'PENDING'));
        let model = nextRowModel(undefined, entries);
        let next = entries.length;
        let older = model;
        for (const s of steps) {
          const before = model;
          const was = entries;
          entries = entries.slice();
          for (const [at, state] of s.changes) {
            const i = at % entries.length;
            entries[i] = entryOf(Number(entries[i]!.id.slice(3)), STATES[state]!);
          }
          if (s.add) entries.push(entryOf(next++, 'RUNNING'));
          model = nextRowModel(model, entries);
          if (s.touch === 'all') expect(model.rows).toHaveLength(entries.length);
          else if (s.touch !== 'none') model.at(s.touch % entries.length);
          // The counts, without a row made for them.
          const counts: Record<string, number> = {};
          for (const e of entries) counts[e.snapshot!.job!.state] = (counts[e.snapshot!.job!.state] ?? 0) + 1;
          expect(Object.fromEntries(Object.entries(model.counts).filter(([, n]) => n > 0))).toEqual(counts);
          // The transitions the change flash reports, one step or (skip) several apart.
          const from = skip ? older : before;
          const fromEntries = skip ? older.entries : was;
          const stateIn = (list: readonly WatchEntry[], x: string) =>
            list.find((e) => e.id === x)?.snapshot?.job?.state;
          const want = entries
            .filter(
              (e) =>
                stateIn(fromEntries, e.id) !== undefined &&
                stateIn(fromEntries, e.id) !== e.snapshot!.job!.state,
            )
            .map((e) => [e.id, stateIn(fromEntries, e.id), e.snapshot!.job!.state]);
          const got = changesSince(from, model)
            .filter((c) => c.before.state !== c.after.state)
            .map((c) => [c.after.id, c.before.state, c.after.state]);
          expect(got).toEqual(want);
          if (!skip) older = model;
        }
        expect(model.rows.map((r) => r.state)).toEqual(entries.map((e) => e.snapshot!.job!.state));
        expect(model.slice(0, 5)).toEqual(model.rows.slice(0, 5));
        for (const [i, row] of model.rows.entries()) expect(model.at(i)).toBe(row);
      }),
      { numRuns: 150 },
    );
  });

  it('touches only the rows of the entries that were replaced', () => {
    const entries: WatchEntry[] = Array.from({ length: 1000 }, (_, n) => ({
      id: id(n),
      addedAt: 'x',
      endpoint: 'https://api.example.test/v2',
      snapshot: snap(n, 'RUNNING'),
    }));
    const first = nextRowModel(undefined, entries);
    expect(first.rows).toHaveLength(1000); // every row drawn once, so each has an identity to keep
    const refreshed = entries.slice();
    refreshed[7] = { ...entries[7]!, snapshot: snap(7, 'COMPLETED') };
    const second = nextRowModel(first, refreshed);
    expect(second.changes?.map((c) => [c.after.id, c.before.state, c.after.state])).toEqual([
      [id(7), 'RUNNING', 'COMPLETED'],
    ]);
    expect(second.rows.filter((r, i) => r !== first.rows[i])).toHaveLength(1);
    expect(second.counts.RUNNING).toBe(999);
    expect(second.counts.COMPLETED).toBe(1);
    // Two steps apart, the earlier model still tells what a row was.
    const third = nextRowModel(
      second,
      refreshed.map((e, i) => (i === 9 ? { ...e, snapshot: snap(9, 'FAILED') } : e)),
    );
    expect(changesSince(first, third).map((c) => c.after.id)).toEqual([id(7), id(9)]);
  });

  it('keeps the rows of unchanged jobs when the list is rebuilt (jobs added or removed)', () => {
    const entries: WatchEntry[] = Array.from({ length: 50 }, (_, n) => ({
      id: id(n),
      addedAt: 'x',
      endpoint: 'https://api.example.test/v2',
      ...(n % 5 === 0 ? {} : { snapshot: snap(n, 'RUNNING') }),
    }));
    const first = nextRowModel(undefined, entries);
    expect(first.rows).toHaveLength(50);
    const added = nextRowModel(first, [
      ...entries,
      { id: id(99), addedAt: 'x', endpoint: 'https://api.example.test/v2' },
    ]);
    expect(added.changes).toBeUndefined();
    expect(added.rows.slice(0, 50).every((r, i) => r === first.rows[i])).toBe(true);
    const removed = nextRowModel(added, entries.slice(1));
    expect(removed.rows.every((r, i) => r === first.rows[i + 1])).toBe(true);
    expect(changesSince(first, removed)).toEqual([]);
  });
});

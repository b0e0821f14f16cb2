// The table's rows for the whole watch list, with an index by ID and the per-state counts, kept up to date
// from one store version to the next without React. A refresh replaces the entries of the jobs it changed
// and nothing else (store/watch-store.ts), so comparing entries by identity finds those few: with 10,000
// watched jobs a refresh of 300 then costs 300 rows, not 10,000 (issue 4: refresh cost).
import type { WatchEntry } from '../store/types.js';
import { type Row, toRow } from './rows.js';
import type { RowState } from './theme.js';

export interface RowChange {
  before: Row;
  after: Row;
}

export interface RowModel {
  /** The store's entries these rows were made from (compared by identity next time). */
  readonly entries: readonly WatchEntry[];
  readonly rows: readonly Row[];
  /**
   * Rows by ID. Shared with the next model when it is only an update (and then changed in place): hold
   * on to `changes`, not to an old index, to know what a row was before.
   */
  readonly byId: ReadonlyMap<string, Row>;
  readonly counts: Readonly<Record<RowState, number>>;
  /** Counts models: `changes` is relative to the model of generation `base`. */
  readonly generation: number;
  /**
   * What replaced what since model `base`; undefined when the rows were made afresh (the first list,
   * jobs added or removed, the file merged with another process's).
   */
  readonly changes?: readonly RowChange[];
  readonly base?: number;
}

let generations = 0;

/**
 * Rows by ID, the map made on first use: the first frame of 100,000 rows does not wait for 100,000
 * insertions it does not need. Until then it follows the newest rows array it was given.
 */
class RowIndex implements ReadonlyMap<string, Row> {
  #map: Map<string, Row> | undefined;

  constructor(private rows: readonly Row[]) {}

  get #built(): Map<string, Row> {
    if (!this.#map) {
      this.#map = new Map();
      for (const row of this.rows) this.#map.set(row.id, row);
    }
    return this.#map;
  }

  /** The rows changed to `rows`, where `changed` replaced what was there. */
  update(rows: readonly Row[], changed: readonly Row[]): void {
    if (this.#map) for (const row of changed) this.#map.set(row.id, row);
    else this.rows = rows;
  }

  get size(): number {
    return this.#built.size;
  }
  get(id: string): Row | undefined {
    return this.#built.get(id);
  }
  has(id: string): boolean {
    return this.#built.has(id);
  }
  forEach(fn: (row: Row, id: string, map: ReadonlyMap<string, Row>) => void): void {
    for (const [id, row] of this.#built) fn(row, id, this);
  }
  entries(): MapIterator<[string, Row]> {
    return this.#built.entries();
  }
  keys(): MapIterator<string> {
    return this.#built.keys();
  }
  values(): MapIterator<Row> {
    return this.#built.values();
  }
  [Symbol.iterator](): MapIterator<[string, Row]> {
    return this.#built.entries();
  }
}

const emptyCounts = (): Record<RowState, number> => ({
  PENDING: 0,
  RUNNING: 0,
  COMPLETED: 0,
  FAILED: 0,
  'NOT FOUND': 0,
  'NO ACCESS': 0,
  UNKNOWN: 0,
});

/** Rows afresh, reusing the rows of `previous` whose job kept its snapshot. */
/** The platform's short name of an entry (cheap: called for every entry of a rebuilt list). */
export type PlatformOf = (entry: WatchEntry) => string;

const NO_PLATFORM: PlatformOf = () => '';

function build(entries: readonly WatchEntry[], previous?: RowModel, platformOf = NO_PLATFORM): RowModel {
  const rows = new Array<Row>(entries.length);
  const counts = emptyCounts();
  const was = previous?.byId;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const row = toRow(entry, was?.get(entry.id), platformOf(entry));
    rows[i] = row;
    counts[row.state]++;
  }
  return { entries, rows, byId: new RowIndex(rows), counts, generation: ++generations };
}

/** The model for `entries`, made from `previous` where only some entries were replaced. */
export function nextRowModel(
  previous: RowModel | undefined,
  entries: readonly WatchEntry[],
  platformOf = NO_PLATFORM,
): RowModel {
  if (!previous) return build(entries, undefined, platformOf);
  if (previous.entries === entries) return previous;
  const before = previous.entries;
  if (before.length !== entries.length) return build(entries, previous, platformOf);
  let rows: Row[] | undefined;
  const changes: RowChange[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry === before[i]) continue;
    // Same place, another job: the order changed (a merge), so start afresh.
    if (entry.id !== before[i]!.id) return build(entries, previous, platformOf);
    const old = previous.rows[i]!;
    const row = toRow(entry, old, platformOf(entry));
    if (row === old) continue;
    rows ??= previous.rows.slice();
    rows[i] = row;
    changes.push({ before: old, after: row });
  }
  const step = { generation: ++generations, base: previous.generation, changes };
  if (!rows) return { ...previous, entries, ...step };
  const byId = previous.byId as RowIndex;
  byId.update(
    rows,
    changes.map((c) => c.after),
  );
  const counts = { ...previous.counts };
  for (const { before: old, after: row } of changes) {
    counts[old.state]--;
    counts[row.state]++;
  }
  return { entries, rows, byId, counts, ...step };
}

/** Rows that are not what they were in `before` (an earlier model), paired with what they were. */
export function changesSince(before: RowModel, model: RowModel): readonly RowChange[] {
  if (model === before) return [];
  if (model.changes && model.base === before.generation) return model.changes;
  // Made afresh, or more than one step apart: by ID, from the earlier rows (rows arrays are never changed
  // in place; indexes may be).
  const was = new Map(before.rows.map((row) => [row.id, row]));
  const changes: RowChange[] = [];
  for (const row of model.rows) {
    const old = was.get(row.id);
    if (old !== undefined && old !== row) changes.push({ before: old, after: row });
  }
  return changes;
}

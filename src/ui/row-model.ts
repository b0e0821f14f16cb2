// The table's rows for the whole watch list, with an index by ID and the per-state counts, kept up to date
// from one store version to the next without React. A refresh replaces the entries of the jobs it changed
// and nothing else (store/watch-store.ts), so comparing entries by identity finds those few: with 10,000
// watched jobs a refresh of 300 then costs 300 rows, not 10,000 (issue 4: refresh cost).
//
// A row is made when first asked for: the counts come from each job's facts, so the first frame of 100,000
// jobs makes the ~40 rows it draws, not 100,000 objects for the collector to copy (issue 15). A sort, a
// filter or a comparison asks for `rows`, and every row is made then.
import type { WatchEntry } from '../store/types.js';
import { moved, STATE_CODE, STATES, tally } from './row-counts.js';
import { RowIndex } from './row-index.js';
import { type Row, toRow } from './rows.js';
import type { RowState } from './theme.js';

export interface RowChange {
  before: Row;
  after: Row;
}

/** Rows to draw from: an array, or a model whose rows are made as they are asked for. */
export interface RowSource {
  readonly length: number;
  at(index: number): Row | undefined;
  slice(start: number, end: number): Row[];
}

export interface RowModel extends RowSource {
  /** The store's entries these rows were made from (compared by identity next time). */
  readonly entries: readonly WatchEntry[];
  /** Every row, made now where not made yet. Rows are never changed in place. */
  readonly rows: readonly Row[];
  /** The same for every model whose rows are the same (a sorted view is kept while it holds). */
  readonly rowsKey: object;
  /**
   * Rows by ID. Shared with the next model when it is only an update (and then changed in place): hold
   * on to `changes`, not to an old index, to know what a row was before.
   */
  readonly byId: ReadonlyMap<string, Row>;
  readonly counts: Readonly<Record<RowState, number>>;
  /** Jobs per platform (short name), in order of first appearance. */
  readonly platforms: ReadonlyMap<string, number>;
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

/** The platform's short name of an entry (cheap: called for every entry of a rebuilt list). */
export type PlatformOf = (entry: WatchEntry) => string;

const NO_PLATFORM: PlatformOf = () => '';

interface Parts {
  entries: readonly WatchEntry[];
  /** The rows made so far, by place (holes: not asked for yet). */
  made: (Row | undefined)[];
  /** Each job's state code (STATES), by place. */
  states: Uint8Array;
  rowsKey: object;
  byId: RowIndex | undefined;
  counts: Readonly<Record<RowState, number>>;
  platforms: ReadonlyMap<string, number>;
  changes?: readonly RowChange[];
  base?: number;
  /** The row to keep for an entry of a rebuilt list: its row in the list before, when that was made. */
  reuse?: (entry: WatchEntry) => Row | undefined;
}

class Model implements RowModel {
  readonly entries: readonly WatchEntry[];
  readonly rowsKey: object;
  readonly byId: RowIndex;
  readonly counts: Readonly<Record<RowState, number>>;
  readonly platforms: ReadonlyMap<string, number>;
  readonly generation = ++generations;
  readonly changes?: readonly RowChange[];
  readonly base?: number;
  readonly #made: (Row | undefined)[];
  readonly #states: Uint8Array;
  #reuse: Parts['reuse'];
  #complete = false;

  constructor(
    p: Parts,
    readonly platformOf: PlatformOf,
  ) {
    this.entries = p.entries;
    this.#made = p.made;
    this.#states = p.states;
    this.rowsKey = p.rowsKey;
    this.counts = p.counts;
    this.platforms = p.platforms;
    this.changes = p.changes;
    this.base = p.base;
    this.#reuse = p.reuse;
    this.byId = p.byId ?? new RowIndex(() => this.rows);
  }

  get length(): number {
    return this.entries.length;
  }

  at(index: number): Row | undefined {
    if (index < 0 || index >= this.entries.length) return undefined;
    let row = this.#made[index];
    if (row === undefined) {
      const entry = this.entries[index]!;
      row = toRow(entry, this.#reuse?.(entry), this.platformOf(entry), STATES[this.#states[index]!]);
      this.#made[index] = row;
    }
    return row;
  }

  slice(start: number, end: number): Row[] {
    const out: Row[] = [];
    for (let i = Math.max(0, start); i < Math.min(end, this.entries.length); i++) out.push(this.at(i)!);
    return out;
  }

  get rows(): readonly Row[] {
    if (!this.#complete) {
      for (let i = 0; i < this.entries.length; i++) this.at(i);
      this.#complete = true;
      this.#reuse = undefined; // lets the list before go
    }
    return this.#made as Row[];
  }

  /** Whether every row is made (its index can then give rows to keep). */
  get complete(): boolean {
    return this.#complete;
  }

  /** A copy of the rows made so far, for a next model that replaces some. */
  madeCopy(): (Row | undefined)[] {
    return this.#made.slice();
  }

  /** The rows made so far, shared by a next model whose rows are the same. */
  get made(): (Row | undefined)[] {
    return this.#made;
  }

  get states(): Uint8Array {
    return this.#states;
  }
}

/** Rows afresh, keeping the rows `previous` made whose job kept its snapshot. */
function build(
  entries: readonly WatchEntry[],
  previous: Model | undefined,
  platformOf: PlatformOf,
): RowModel {
  const was = previous === undefined ? undefined : previous.complete ? previous.byId : madeById(previous);
  return new Model(
    {
      entries,
      made: new Array<Row | undefined>(entries.length),
      rowsKey: {},
      byId: undefined,
      ...tally(entries, platformOf),
      reuse: was && ((entry) => was.get(entry.id)),
    },
    platformOf,
  );
}

/** The rows a model has made (those drawn, mostly), by ID. */
function madeById(model: Model): Map<string, Row> {
  const byId = new Map<string, Row>();
  for (const row of model.made) if (row !== undefined) byId.set(row.id, row);
  return byId;
}

/** The model for `entries`, made from `previous` where only some entries were replaced. */
export function nextRowModel(
  previous: RowModel | undefined,
  entries: readonly WatchEntry[],
  platformOf = NO_PLATFORM,
): RowModel {
  const last = previous as Model | undefined;
  if (!last) return build(entries, undefined, platformOf);
  if (last.entries === entries) return last;
  const before = last.entries;
  if (before.length !== entries.length) return build(entries, last, platformOf);
  let made: (Row | undefined)[] | undefined;
  let states: Uint8Array | undefined;
  const changes: RowChange[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry === before[i]) continue;
    // Same place, another job: the order changed (a merge), so start afresh.
    if (entry.id !== before[i]!.id) return build(entries, last, platformOf);
    const old = last.at(i)!;
    const row = toRow(entry, old, platformOf(entry));
    if (row === old) continue;
    made ??= last.madeCopy();
    states ??= last.states.slice();
    made[i] = row;
    states[i] = STATE_CODE.get(row.state)!;
    changes.push({ before: old, after: row });
  }
  const step = { base: last.generation, changes };
  const same = { counts: last.counts, platforms: last.platforms, byId: last.byId };
  if (!made || !states) {
    const kept = { entries, made: last.made, states: last.states, rowsKey: last.rowsKey };
    return new Model({ ...kept, ...same, ...step }, platformOf);
  }
  const next = new Model(
    { entries, made, states, rowsKey: {}, ...same, ...moved(last, changes), ...step },
    platformOf,
  );
  last.byId.update(
    () => next.rows,
    changes.map((c) => c.after),
  );
  return next;
}

/** Rows that are not what they were in `before` (an earlier model), paired with what they were. */
export function changesSince(before: RowModel, model: RowModel): readonly RowChange[] {
  if (model === before) return [];
  if (model.changes && model.base === before.generation) return model.changes;
  // Made afresh, or more than one step apart: by ID, the jobs whose entry was replaced since (entries are
  // replaced, never changed), and only their rows made.
  const was = new Map<string, number>();
  for (let j = 0; j < before.entries.length; j++) was.set(before.entries[j]!.id, j);
  const changes: RowChange[] = [];
  for (let i = 0; i < model.entries.length; i++) {
    const entry = model.entries[i]!;
    const j = was.get(entry.id);
    if (j === undefined || before.entries[j] === entry) continue;
    const old = before.at(j)!;
    const row = model.at(i)!;
    if (old !== row) changes.push({ before: old, after: row });
  }
  return changes;
}

// The table's view of a watched job: what each cell shows, worked out once per
// job (cached by entry identity) so 100,000 rows cost little per frame. A row holds the job's facts (state,
// gone) from the start: the counts and the state sort need them for every row. The rest of its summary is
// read when the row is first drawn, sorted by time or destination, or searched: a list draws ~40 rows.
import { EXPORT_STATES } from '../platform/types.js';
import type { JobFacts } from '../store/facts.js';
import { type EntrySummary, entryFacts, summaryOf } from '../store/summary.js';
import type { Snapshot, WatchEntry } from '../store/types.js';
import { oneLine } from '../text.js';
import type { RowState } from './theme.js';

export interface Row {
  readonly id: string;
  readonly state: RowState;
  readonly file: string;
  readonly volume: string;
  readonly location: string;
  readonly startedOn?: string;
  readonly finishedOn?: string;
  readonly errorMessage: string;
  /** The platform's short name (`bdc`, `cgc`, …); '' when the app knows of one platform only. */
  readonly platform: string;
  /** The platform answered 404 for this job after it was known: its last state is kept. */
  readonly gone: boolean;
  /** Lower-cased text the `/` filter searches. */
  readonly haystack: string;
  readonly snapshot?: Snapshot;
}

const KNOWN_STATES: ReadonlySet<string> = new Set(EXPORT_STATES);

// The last answer of rowState: facts are interned (store/facts.ts), and a list's rows come in long runs of
// the same facts, so 100,000 rows made at once mostly take this.
let lastFacts: JobFacts | undefined;
let lastState: RowState = 'UNKNOWN';

function rowState(facts: JobFacts | undefined): RowState {
  if (facts === lastFacts) return lastState;
  lastFacts = facts;
  lastState = stateOf(facts);
  return lastState;
}

/** The state column of an entry's job, without making its row (the counts of a list not drawn yet). */
export function rowStateOf(entry: WatchEntry): RowState {
  return rowState(entryFacts(entry));
}

function stateOf(facts: JobFacts | undefined): RowState {
  if (!facts) return 'UNKNOWN';
  if (facts.status === 'not-found') return 'NOT FOUND';
  if (facts.status === 'no-access') return 'NO ACCESS';
  const state = facts.state;
  return state && KNOWN_STATES.has(state) ? (state as RowState) : 'UNKNOWN';
}

const ownSnapshot = (e: WatchEntry) => Object.hasOwn(e, 'snapshot');

/** The same job as last time: the same entry, or (plain entries) the same snapshot object. */
function sameJob(row: LazyRow, entry: WatchEntry): boolean {
  if (row.entry === entry) return true;
  return ownSnapshot(entry) && ownSnapshot(row.entry) && row.entry.snapshot === entry.snapshot;
}

/**
 * The row for an entry: `previous` (this job's row in the last model) again when the entry still holds the
 * same job, so unchanged rows keep their identity (and their memoized lines) when the list is rebuilt.
 * `state`: the job's state as the list counted it, when known.
 */
export function toRow(entry: WatchEntry, previous?: Row, platform = '', state?: RowState): Row {
  if (
    previous instanceof LazyRow &&
    previous.id === entry.id &&
    previous.platform === platform &&
    sameJob(previous, entry)
  )
    return previous;
  return new LazyRow(entry, platform, state ?? rowStateOf(entry));
}

/** The text cells, made safe for the terminal once the row is first drawn or searched. */
interface Cells {
  summary: EntrySummary | undefined;
  file?: string;
  volume?: string;
  location?: string;
  error?: string;
  haystack?: string;
}

class LazyRow implements Row {
  readonly state: RowState;
  #cells: Cells | undefined;

  // Four fields: 100,000 rows are made before the first frame, and each field is copied by every young
  // collection they live through. The ID and `gone` are the entry's, asked of it.
  /** state: the job's as of the list the row is made for (row-model.ts: a row made later keeps it). */
  constructor(
    readonly entry: WatchEntry,
    readonly platform: string,
    state: RowState,
  ) {
    this.state = state;
  }

  get id(): string {
    return this.entry.id;
  }

  get gone(): boolean {
    return entryFacts(this.entry)?.gone ?? false;
  }

  get #c(): Cells {
    this.#cells ??= { summary: summaryOf(this.entry) };
    return this.#cells;
  }

  /** The full snapshot, read from the store on first access (the detail pane, a few commands). */
  get snapshot(): Snapshot | undefined {
    return this.entry.snapshot;
  }

  get startedOn(): string | undefined {
    return this.#c.summary?.startedOn;
  }

  get finishedOn(): string | undefined {
    return this.#c.summary?.finishedOn;
  }

  get file(): string {
    const c = this.#c;
    c.file ??= oneLine(c.summary?.file ?? '');
    return c.file;
  }

  get volume(): string {
    const c = this.#c;
    c.volume ??= oneLine(c.summary?.volume ?? '');
    return c.volume;
  }

  get location(): string {
    const c = this.#c;
    c.location ??= oneLine(c.summary?.location ?? '');
    return c.location;
  }

  get errorMessage(): string {
    const c = this.#c;
    c.error ??= oneLine(c.summary?.errorMessage ?? '');
    return c.error;
  }

  get haystack(): string {
    const c = this.#c;
    c.haystack ??= [
      this.id,
      this.state,
      this.file,
      this.volume,
      this.location,
      this.errorMessage,
      this.platform,
    ]
      .join('\u0000')
      .toLowerCase();
    return c.haystack;
  }
}

export const SORT_KEYS = ['added', 'state', 'started', 'finished', 'destination', 'platform'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface SortSpec {
  key: SortKey;
  descending: boolean;
}

// Active jobs first: that is what a watcher is for.
const STATE_ORDER: Record<RowState, number> = {
  RUNNING: 0,
  PENDING: 1,
  FAILED: 2,
  'NO ACCESS': 3,
  'NOT FOUND': 4,
  UNKNOWN: 5,
  COMPLETED: 6,
};

function compareBy(key: SortKey): ((a: Row, b: Row) => number) | undefined {
  switch (key) {
    case 'added':
      return undefined;
    case 'state':
      return (a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state];
    case 'started':
      return (a, b) => (a.startedOn ?? '').localeCompare(b.startedOn ?? '');
    case 'finished':
      return (a, b) => (a.finishedOn ?? '').localeCompare(b.finishedOn ?? '');
    case 'destination':
      return (a, b) => `${a.volume}/${a.location}`.localeCompare(`${b.volume}/${b.location}`);
    case 'platform':
      return (a, b) => a.platform.localeCompare(b.platform);
  }
}

/** Filter (case-insensitive substring) then sort; stable, so ties keep the order added. */
export function visibleRows(rows: readonly Row[], filter: string, sort: SortSpec): Row[] {
  const needle = filter.trim().toLowerCase();
  let out = needle ? rows.filter((r) => r.haystack.includes(needle)) : rows.slice();
  const cmp = compareBy(sort.key);
  if (cmp) out = out.sort(cmp);
  if (sort.descending) out.reverse();
  return out;
}

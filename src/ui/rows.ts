// The table's view of a watched job: what each cell shows, worked out once per
// job (cached by entry / summary identity) so 10,000 rows cost nothing per frame. Rows are made from the
// store's per-entry summary; the full snapshot is read only when asked for.
import { type EntrySummary, summaryOf } from '../store/summary.js';
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
  /** ISO time the platform first answered 404 for this job after it was known: its last state is kept. */
  readonly goneAt?: string;
  /** Lower-cased text the `/` filter searches. */
  readonly haystack: string;
  readonly snapshot?: Snapshot;
}

const KNOWN_STATES = new Set(['PENDING', 'RUNNING', 'COMPLETED', 'FAILED']);

function rowState(summary: EntrySummary | undefined): RowState {
  if (!summary) return 'UNKNOWN';
  if (summary.status === 'not-found') return 'NOT FOUND';
  if (summary.status === 'no-access') return 'NO ACCESS';
  const state = summary.state;
  return state && KNOWN_STATES.has(state) ? (state as RowState) : 'UNKNOWN';
}

const ownSnapshot = (e: WatchEntry) => Object.hasOwn(e, 'snapshot');

/** The same job as last time: the same entry, summary, or (plain entries) snapshot object. */
function sameJob(row: LazyRow, entry: WatchEntry, summary: EntrySummary | undefined): boolean {
  if (row.entry === entry) return true;
  if (summary !== undefined && row.summary === summary) return true;
  return ownSnapshot(entry) && ownSnapshot(row.entry) && row.entry.snapshot === entry.snapshot;
}

/**
 * The row for an entry: `previous` (this job's row in the last model) again when the entry still holds the
 * same job, so unchanged rows keep their identity (and their memoized lines) when the list is rebuilt.
 * Made from the entry's summary: the full snapshot is read only when asked for (the detail pane).
 */
export function toRow(entry: WatchEntry, previous?: Row, platform = ''): Row {
  const summary = summaryOf(entry);
  if (
    previous instanceof LazyRow &&
    previous.id === entry.id &&
    previous.platform === platform &&
    sameJob(previous, entry, summary)
  )
    return previous;
  return new LazyRow(entry, summary, platform);
}

/**
 * State and times are read at once (counts and sorting need them for every
 * row); the text cells are made safe and cached only when first drawn or
 * searched: a 10,000-job list draws ~40 of them.
 */
class LazyRow implements Row {
  readonly id: string;
  readonly state: RowState;
  readonly startedOn?: string;
  readonly finishedOn?: string;
  readonly goneAt?: string;
  #file?: string;
  #volume?: string;
  #location?: string;
  #error?: string;
  #haystack?: string;

  constructor(
    readonly entry: WatchEntry,
    readonly summary: EntrySummary | undefined,
    readonly platform: string,
  ) {
    this.id = entry.id;
    this.state = rowState(summary);
    this.goneAt = summary?.goneAt;
    this.startedOn = summary?.startedOn;
    this.finishedOn = summary?.finishedOn;
  }

  /** The full snapshot, read from the store on first access (the detail pane, a few commands). */
  get snapshot(): Snapshot | undefined {
    return this.entry.snapshot;
  }

  get file(): string {
    this.#file ??= oneLine(this.summary?.file ?? '');
    return this.#file;
  }

  get volume(): string {
    this.#volume ??= oneLine(this.summary?.volume ?? '');
    return this.#volume;
  }

  get location(): string {
    this.#location ??= oneLine(this.summary?.location ?? '');
    return this.#location;
  }

  get errorMessage(): string {
    this.#error ??= oneLine(this.summary?.errorMessage ?? '');
    return this.#error;
  }

  get haystack(): string {
    this.#haystack ??= [
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
    return this.#haystack;
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

// The table's view of a watched job: what each cell shows, worked out once per
// snapshot (cached by object identity) so 10,000 rows cost nothing per frame.
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

function rowState(snapshot: Snapshot | undefined): RowState {
  if (!snapshot) return 'UNKNOWN';
  if (snapshot.status === 'not-found') return 'NOT FOUND';
  if (snapshot.status === 'no-access') return 'NO ACCESS';
  const state = snapshot.job?.state;
  return state && KNOWN_STATES.has(state) ? (state as RowState) : 'UNKNOWN';
}

/**
 * The row for an entry: `previous` (this job's row in the last model) again when the entry still holds the
 * same snapshot, so unchanged rows keep their identity (and their memoized lines) when the list is rebuilt.
 */
export function toRow(entry: WatchEntry, previous?: Row, platform = ''): Row {
  if (
    previous !== undefined &&
    previous.id === entry.id &&
    previous.snapshot === entry.snapshot &&
    previous.platform === platform
  )
    return previous;
  return new LazyRow(entry.id, entry.snapshot, platform);
}

/**
 * State and times are read at once (counts and sorting need them for every
 * row); the text cells are made safe and cached only when first drawn or
 * searched: a 10,000-job list draws ~40 of them.
 */
class LazyRow implements Row {
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
    readonly id: string,
    readonly snapshot: Snapshot | undefined,
    readonly platform: string,
  ) {
    this.state = rowState(snapshot);
    this.goneAt = snapshot?.goneAt;
    this.startedOn = snapshot?.job?.started_on;
    this.finishedOn = snapshot?.job?.finished_on;
  }

  get file(): string {
    this.#file ??= oneLine(this.snapshot?.job?.source?.file ?? '');
    return this.#file;
  }

  get volume(): string {
    this.#volume ??= oneLine(this.snapshot?.job?.destination?.volume ?? '');
    return this.#volume;
  }

  get location(): string {
    this.#location ??= oneLine(this.snapshot?.job?.destination?.location ?? '');
    return this.#location;
  }

  get errorMessage(): string {
    this.#error ??= oneLine(this.snapshot?.job?.error?.message ?? this.snapshot?.error?.message ?? '');
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

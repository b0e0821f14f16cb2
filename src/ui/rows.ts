// The table's view of a watched job: what each cell shows, worked out once per
// snapshot (cached by object identity) so 10,000 rows cost nothing per frame.
import type { Snapshot, WatchEntry } from '../store/types.js';
import { oneLine } from '../text.js';
import type { RowState } from './theme.js';

export interface Row {
  id: string;
  state: RowState;
  file: string;
  volume: string;
  location: string;
  startedOn?: string;
  finishedOn?: string;
  errorMessage: string;
  /** Lower-cased text the `/` filter searches. */
  haystack: string;
  snapshot?: Snapshot;
}

const KNOWN_STATES = new Set(['PENDING', 'RUNNING', 'COMPLETED', 'FAILED']);

function rowState(snapshot: Snapshot | undefined): RowState {
  if (!snapshot) return 'UNKNOWN';
  if (snapshot.status === 'not-found') return 'NOT FOUND';
  if (snapshot.status === 'no-access') return 'NO ACCESS';
  const state = snapshot.job?.state;
  return state && KNOWN_STATES.has(state) ? (state as RowState) : 'UNKNOWN';
}

const cache = new WeakMap<Snapshot, Row>();
const bareRows = new Map<string, Row>();

export function toRow(entry: WatchEntry): Row {
  const snap = entry.snapshot;
  if (!snap) {
    let row = bareRows.get(entry.id);
    if (!row) {
      row = makeRow(entry.id, undefined);
      bareRows.set(entry.id, row);
    }
    return row;
  }
  let row = cache.get(snap);
  if (!row || row.id !== entry.id) {
    row = makeRow(entry.id, snap);
    cache.set(snap, row);
  }
  return row;
}

function makeRow(id: string, snap: Snapshot | undefined): Row {
  const job = snap?.job;
  const state = rowState(snap);
  const file = oneLine(job?.source?.file ?? '');
  const volume = oneLine(job?.destination?.volume ?? '');
  const location = oneLine(job?.destination?.location ?? '');
  const errorMessage = oneLine(job?.error?.message ?? snap?.error?.message ?? '');
  return {
    id,
    state,
    file,
    volume,
    location,
    startedOn: job?.started_on,
    finishedOn: job?.finished_on,
    errorMessage,
    haystack: [id, state, file, volume, location, errorMessage].join('\u0000').toLowerCase(),
    snapshot: snap,
  };
}

export const SORT_KEYS = ['added', 'state', 'started', 'finished', 'destination'] as const;
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

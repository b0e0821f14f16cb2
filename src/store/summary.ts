// What the table, its sort and filter, the counts and the poller need of a job, without the job: kept in
// memory for every watched job (and in each journal record, so it is known without parsing the snapshot).
// The full snapshot is read from disk when asked for (the detail pane).

import { isRecord } from '../values.js';
import { factsOf, type JobFacts } from './facts.js';
import { SNAPSHOT_STATUSES, type Snapshot, type SnapshotStatus, type WatchEntry } from './types.js';

export interface EntrySummary {
  status: SnapshotStatus;
  /** job.state (absent for not-found / no-access). */
  state?: string;
  /** job.source.file */
  file?: string;
  /** job.destination.volume / .location */
  volume?: string;
  location?: string;
  startedOn?: string;
  finishedOn?: string;
  /** job.error, else the snapshot's API error. */
  errorCode?: number;
  errorMessage?: string;
  fetchedAt: string;
  goneAt?: string;
}

// The order of the fields in a journal record's `row` array.
const FIELDS = [
  'status',
  'state',
  'file',
  'volume',
  'location',
  'startedOn',
  'finishedOn',
  'errorCode',
  'errorMessage',
  'fetchedAt',
  'goneAt',
] as const satisfies readonly (keyof EntrySummary)[];

/** How many fields a journal record's `row` array has. */
export const ROW_FIELDS = FIELDS.length;

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function summarize(s: Snapshot): EntrySummary {
  const job = s.job;
  const error = isRecord(job?.error) ? job.error : s.error;
  const out: EntrySummary = { status: s.status, fetchedAt: s.fetchedAt };
  const put = <K extends keyof EntrySummary>(k: K, v: EntrySummary[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  put('state', str(job?.state));
  put('file', str(job?.source?.file));
  put('volume', str(job?.destination?.volume));
  put('location', str(job?.destination?.location));
  put('startedOn', str(job?.started_on));
  put('finishedOn', str(job?.finished_on));
  put('errorCode', typeof error?.code === 'number' ? error.code : undefined);
  put('errorMessage', str(error?.message));
  put('goneAt', s.goneAt);
  return out;
}

/** The summary as a journal record's `row`: a JSON array in FIELDS order. */
export function summaryRow(summary: EntrySummary): string {
  return JSON.stringify(FIELDS.map((f) => summary[f] ?? null));
}

/**
 * Summaries read from the journal: one shape for all (fast property access, small objects), and the
 * fields most jobs share (status, state, volume, times of one refresh) kept as one string each.
 */
class RowSummary implements EntrySummary {
  readonly status: SnapshotStatus;
  readonly state?: string;
  readonly file?: string;
  readonly volume?: string;
  readonly location?: string;
  readonly startedOn?: string;
  readonly finishedOn?: string;
  readonly errorCode?: number;
  readonly errorMessage?: string;
  readonly fetchedAt: string;
  readonly goneAt?: string;

  constructor(row: readonly unknown[], share: (s: unknown) => string | undefined) {
    this.status = share(row[0]) as SnapshotStatus;
    this.state = share(row[1]);
    this.file = str(row[2]);
    this.volume = share(row[3]);
    this.location = str(row[4]);
    this.startedOn = str(row[5]);
    this.finishedOn = str(row[6]);
    this.errorCode = typeof row[7] === 'number' ? row[7] : undefined;
    this.errorMessage = share(row[8]);
    this.fetchedAt = share(row[9])!;
    this.goneAt = share(row[10]);
  }
}

const STATUSES: ReadonlySet<unknown> = new Set(SNAPSHOT_STATUSES);

/** Keeps one copy of each string it is given (up to a bound: the shared values are few). */
export function stringSharer(max = 10_000): (s: unknown) => string | undefined {
  const seen = new Map<string, string>();
  return (s) => {
    if (typeof s !== 'string') return undefined;
    const known = seen.get(s);
    if (known !== undefined) return known;
    if (seen.size < max) seen.set(s, s);
    return s;
  };
}

/** A `row` back to a summary; undefined if it is not one. */
export function parseSummaryRow(
  text: string,
  share: (s: unknown) => string | undefined = str,
): EntrySummary | undefined {
  let row: unknown;
  try {
    row = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(row) || row.length !== FIELDS.length) return undefined;
  if (!STATUSES.has(row[0]) || typeof row[9] !== 'string') return undefined;
  return new RowSummary(row, share);
}

const computed = new WeakMap<WatchEntry, EntrySummary | undefined>();

/**
 * The summary of an entry's job, without reading its snapshot from disk when the store holds the summary
 * (every entry loaded from the journal). Undefined: no snapshot yet.
 */
export function summaryOf(entry: WatchEntry): EntrySummary | undefined {
  const held = (entry as { summary?: EntrySummary | undefined }).summary;
  if (held !== undefined || 'summary' in entry) return held;
  if (computed.has(entry)) return computed.get(entry);
  const snap = entry.snapshot;
  const summary = snap ? summarize(snap) : undefined;
  computed.set(entry, summary);
  return summary;
}

/**
 * The facts of an entry's job: held by every entry loaded from the journal (without reading its row), else
 * from its summary. Undefined: no snapshot yet.
 */
export function entryFacts(entry: WatchEntry): JobFacts | undefined {
  const held = (entry as { facts?: JobFacts | undefined }).facts;
  if (held !== undefined || 'facts' in entry) return held;
  const summary = summaryOf(entry);
  return summary && factsOf(summary);
}

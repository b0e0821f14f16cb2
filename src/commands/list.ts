// `sbexport-tui list [--json] [--state S...]`: the last known state of every watched job, from the saved
// snapshots only (no network, no token needed).
import { cellWidth } from '../cell-width.js';
import type { Session } from '../session.js';
import { entryFacts, summaryOf } from '../store/summary.js';
import type { WatchEntry } from '../store/types.js';
import { oneLine } from '../text.js';
import { type CommandIo, EXIT, line } from './io.js';
import { stateLabelOf, watchStatus } from './job-state.js';

export interface ListOptions {
  json?: boolean;
  /** Upper-case export states, and NOT_FOUND / NO_ACCESS / UNKNOWN for rows without a job. */
  state?: string[];
  /** --platform: a short name (bdc, cgc, a profile name, host:port) or an endpoint URL. */
  platform?: string;
}

/** One element of `list --json`: the job as last seen, plus what this app knows about watching it. */
export interface ListedJob {
  id: string;
  [key: string]: unknown;
  watch: {
    added_at: string;
    /** The platform's API base URL: where this job is asked about. */
    endpoint: string;
    status: 'ok' | 'not-found' | 'no-access' | 'unknown';
    fetched_at: string | null;
    /** The API's error item when status is not-found / no-access. */
    error?: unknown;
  };
}

export function listedJob(entry: WatchEntry, endpoint: string): ListedJob {
  const snap = entry.snapshot;
  const watch: ListedJob['watch'] = {
    added_at: entry.addedAt,
    endpoint,
    status: watchStatus(snap),
    fetched_at: snap?.fetchedAt ?? null,
  };
  if (snap?.error !== undefined && snap.status !== 'ok') watch.error = snap.error;
  // The job's own id wins only if it is the watched one: the key of the row must be what the user added.
  return { ...(snap?.status === 'ok' ? snap.job : {}), id: entry.id, watch };
}

const HEADERS = ['ID', 'STATE', 'DESTINATION', 'FINISHED'];
// Last, so `awk '{print $2}'` is the state whether or not the list spans platforms.
const PLATFORM_HEADER = 'PLATFORM';

// The table and --state read each job's summary and facts, never its snapshot: 100,000 JSON documents
// parsed for four columns were most of a `list`.
function row(entry: WatchEntry): string[] {
  const summary = summaryOf(entry);
  const job = summary?.status === 'ok' ? summary : undefined;
  const volume = oneLine(job?.volume);
  const location = oneLine(job?.location);
  const destination = volume || location ? `${volume}/${location}` : '-';
  return [entry.id, stateLabelOf(summary), destination, oneLine(job?.finishedOn) || '-'];
}

function table(headers: readonly string[], rows: string[][]): string {
  const all = [[...headers], ...rows];
  const widths = headers.map((_, c) => Math.max(...all.map((r) => cellWidth(r[c] ?? ''))));
  return all
    .map((r) =>
      r
        .map((cell, c) => (c === r.length - 1 ? cell : cell + ' '.repeat((widths[c] ?? 0) - cellWidth(cell))))
        .join('  '),
    )
    .join('\n');
}

export async function listCommand(session: Session, o: ListOptions, io: CommandIo): Promise<number> {
  const { platforms } = session;
  const wanted = o.state && o.state.length > 0 ? new Set(o.state.map((s) => s.toUpperCase())) : undefined;
  const entries = session.store
    .entries()
    .filter((e) => platforms.inScope(e))
    .filter((e) => o.platform === undefined || platforms.matches(platforms.endpointOf(e), o.platform))
    .filter((e) => !wanted || wanted.has(stateLabelOf(entryFacts(e))));
  if (o.json) {
    // JSON.stringify escapes control characters, so server strings cannot reach the terminal raw.
    line(
      io.stdout,
      JSON.stringify(
        entries.map((e) => listedJob(e, platforms.endpointOf(e))),
        null,
        2,
      ),
    );
    return EXIT.ok;
  }
  if (entries.length === 0) {
    line(io.stdout, session.store.size === 0 ? 'No jobs watched.' : `No watched jobs ${what(o, wanted)}.`);
    return EXIT.ok;
  }
  const names = entries.map((e) => platforms.shortName(platforms.endpointOf(e)));
  const several = new Set(names).size > 1;
  const rows = entries.map((e, i) => (several ? [...row(e), names[i]!] : row(e)));
  line(io.stdout, table(several ? [...HEADERS, PLATFORM_HEADER] : HEADERS, rows));
  return EXIT.ok;
}

function what(o: ListOptions, wanted: ReadonlySet<string> | undefined): string {
  const parts: string[] = [];
  if (wanted) parts.push(`in state ${[...wanted].join(', ')}`);
  if (o.platform !== undefined) parts.push(`on ${oneLine(o.platform)}`);
  return parts.length > 0 ? parts.join(' ') : 'on this platform';
}

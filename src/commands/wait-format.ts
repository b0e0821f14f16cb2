// How `wait` reads on a terminal or in a CI log: times, counts, why a job did not complete, the summary.
import type { Snapshot } from '../store/types.js';
import { oneLine } from '../text.js';
import { type CommandIo, EXIT, line } from './io.js';
import { goneAt, isSettled, stateLabel } from './job-state.js';

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function clock(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

export function seconds(s: number): string {
  return `${Number(s.toFixed(3))} s`;
}

/** `2 COMPLETED · 1 FAILED`, in order of first appearance. */
export function counts(labels: readonly string[]): string {
  const by = new Map<string, number>();
  for (const l of labels) by.set(l, (by.get(l) ?? 0) + 1);
  return [...by].map(([l, n]) => `${n} ${l}`).join(' · ');
}

/** Why a job did not complete, from the job's error block or the API's error item. */
export function problem(snapshot: Snapshot | undefined): string {
  const gone = goneAt(snapshot);
  if (gone !== undefined) return ` (gone from the platform since ${oneLine(gone)})`;
  const error = snapshot?.status === 'ok' ? snapshot.job?.error : snapshot?.error;
  if (!error) return '';
  const codes = [error.status, error.code].filter((x) => x !== undefined).map(oneLine);
  const message = oneLine(error.message);
  const head = codes.length > 0 ? `${codes.join('/')} ` : '';
  return head || message ? `: ${head}${message}`.trimEnd() : '';
}

/** How the wait ended: every job final or stopped, or the timeout. */
export type Outcome = 'done' | 'timeout';

export interface WaitResult {
  outcome: Outcome;
  /** Short names of platforms whose token was rejected: their jobs were given up. */
  rejected: readonly string[];
  /** Job → short name of its platform, for jobs that could not be polled (no token here). */
  noToken: ReadonlyMap<string, string>;
}

const MAX_LISTED = 20;

function head(r: WaitResult, total: number, elapsed: string): string {
  if (r.outcome === 'timeout') return `Timed out after ${elapsed}`;
  if (r.rejected.length > 0) return `Stopped: the token was rejected on ${r.rejected.join(', ')}`;
  if (r.noToken.size > 0) return `Not polled: no token for ${[...new Set(r.noToken.values())].join(', ')}`;
  return `All ${total} final`;
}

/** The last lines, and the exit code: 124 timeout; 0 every job COMPLETED; else 1. */
export function summarize(
  r: WaitResult,
  selected: readonly string[],
  snapshotOf: (id: string) => Snapshot | undefined,
  startedAt: number,
  io: CommandIo,
): number {
  const labels = selected.map((id) => stateLabel(snapshotOf(id)));
  const elapsed = seconds(Math.round((Date.now() - startedAt) / 100) / 10);
  line(io.stdout, `${head(r, selected.length, elapsed)}: ${counts(labels)}`);
  const listed = selected.filter(
    (id, i) => labels[i] !== 'COMPLETED' || goneAt(snapshotOf(id)) !== undefined,
  );
  for (const id of listed.slice(0, MAX_LISTED)) {
    const snap = snapshotOf(id);
    const missing = r.noToken.get(id);
    const why = missing !== undefined ? ` (no token for ${missing})` : isSettled(snap) ? problem(snap) : '';
    line(io.stdout, `  ${id} ${stateLabel(snap)}${why}`);
  }
  if (listed.length > MAX_LISTED)
    line(io.stdout, `  … +${listed.length - MAX_LISTED} more (sbexport-tui list)`);
  if (r.outcome === 'timeout') return EXIT.timeout;
  if (r.rejected.length > 0 || r.noToken.size > 0) return EXIT.failed;
  return labels.every((l) => l === 'COMPLETED') ? EXIT.ok : EXIT.failed;
}

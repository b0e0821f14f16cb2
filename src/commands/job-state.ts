// How a watched job's last known state reads in script output. One word each (no spaces), so `awk` and
// `--state` see the same names: NOT_FOUND, NO_ACCESS, and UNKNOWN before the first fetch.
import { isFinalState } from '../platform/types.js';
import type { Snapshot, SnapshotStatus } from '../store/types.js';
import { oneLine } from '../text.js';

export const NOT_FOUND = 'NOT_FOUND';
export const NO_ACCESS = 'NO_ACCESS';
export const UNKNOWN = 'UNKNOWN';

export function stateLabel(snapshot: Snapshot | undefined): string {
  return stateLabelOf(snapshot && { status: snapshot.status, state: snapshot.job?.state });
}

/** stateLabel of what the store holds of a job without reading its snapshot: its facts or its summary. */
export function stateLabelOf(known: { status: SnapshotStatus; state?: string } | undefined): string {
  if (known === undefined) return UNKNOWN;
  if (known.status === 'not-found') return NOT_FOUND;
  if (known.status === 'no-access') return NO_ACCESS;
  // The API's own word, made safe to print: it came from a server.
  return oneLine(known.state ?? UNKNOWN) || UNKNOWN;
}

/**
 * When a job that had been seen later answered 404 (the shared model's `Snapshot.goneAt`, being added to the
 * store's types): its last state is kept, and it is never asked about again.
 */
export function goneAt(snapshot: Snapshot | undefined): string | undefined {
  const gone = (snapshot as { goneAt?: unknown } | undefined)?.goneAt;
  return typeof gone === 'string' ? gone : undefined;
}

/** Nothing will ever change without the user acting: final, gone, or the API said the job is not there / not ours. */
export function isSettled(snapshot: Snapshot | undefined): boolean {
  if (snapshot === undefined) return false;
  if (snapshot.status !== 'ok' || goneAt(snapshot) !== undefined) return true;
  return isFinalState(snapshot.job?.state);
}

/** The `watch.status` of `list --json`. */
export function watchStatus(snapshot: Snapshot | undefined): 'ok' | 'not-found' | 'no-access' | 'unknown' {
  return snapshot?.status ?? 'unknown';
}

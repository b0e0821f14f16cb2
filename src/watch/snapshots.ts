import type { ApiErrorBody, BulkItem } from '../platform/types.js';
import type { Snapshot } from '../store/types.js';
import { jsonEqual } from '../values.js';

/**
 * A bulk item as a snapshot. 404 / 9008 and 403 are answers about the job (it does not exist, it is not
 * ours) and become the row's state; any other item error says nothing about the job, so the caller keeps the
 * old snapshot and only reports it.
 */
export function snapshotFromItem(item: BulkItem, fetchedAt: string): Snapshot | { itemError: ApiErrorBody } {
  if ('job' in item) return { status: 'ok', job: item.job, fetchedAt };
  const { error } = item;
  if (error.status === 404 || error.code === 9008) return { status: 'not-found', error, fetchedAt };
  if (error.status === 403) return { status: 'no-access', error, fetchedAt };
  return { itemError: error };
}

/** Same status, job and error: `fetchedAt` alone is no reason to rewrite the store and redraw the row. */
export function sameSnapshot(a: Snapshot | undefined, b: Snapshot): boolean {
  if (a === undefined || a.status !== b.status) return false;
  return jsonEqual(a.job, b.job) && jsonEqual(a.error, b.error);
}

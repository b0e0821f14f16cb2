import type { ApiErrorBody, ExportJob } from '../platform/types.js';

/**
 * What we last learned about one watched job. Saved with the watch list so the
 * table shows instantly on start and offline.
 * - ok: `job` is the job as the API returned it
 * - not-found: the API said 404 / 9008 for this ID
 * - no-access: the API said 403 (e.g. 9005) for this ID
 */
export const SNAPSHOT_STATUSES = ['ok', 'not-found', 'no-access'] as const;
export type SnapshotStatus = (typeof SNAPSHOT_STATUSES)[number];

export interface Snapshot {
  status: SnapshotStatus;
  job?: ExportJob;
  /** The API's error item for not-found / no-access. */
  error?: ApiErrorBody;
  /** ISO time of the reply this snapshot came from. */
  fetchedAt: string;
  /**
   * Set when a job that had an `ok` snapshot later answered 404: `job` and `status: 'ok'` are kept, this is
   * the ISO time it was first seen gone. Final for polling.
   */
  goneAt?: string;
}

export interface WatchEntry {
  id: string;
  /** ISO time the user started watching it. */
  addedAt: string;
  /** The platform's normalised API base URL (`https://cgc-api.sbgenomics.com/v2`). */
  endpoint: string;
  snapshot?: Snapshot;
}

// Shapes of the Seven Bridges exports API as this app uses them.
// The API grows: every object keeps unknown keys (index signatures) so the
// detail pane can show fields we have never heard of.

export const EXPORT_STATES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export type ExportState = (typeof EXPORT_STATES)[number];

/** COMPLETED and FAILED never change again: a job in one of them is never polled again. */
export const FINAL_STATES: ReadonlySet<string> = new Set(['COMPLETED', 'FAILED']);

export function isFinalState(state: string | undefined): boolean {
  return state !== undefined && FINAL_STATES.has(state);
}

/** A volume ID as the API names it: `owner/volume`. */
export const VOLUME_PATTERN = /^[^/\s]+\/[^/\s]+$/;

/** The API's error body, also the `error` block of a FAILED job. */
export interface ApiErrorBody {
  status?: number;
  code?: number;
  message?: string;
  more_info?: string;
  [key: string]: unknown;
}

export interface ExportJob {
  id: string;
  href?: string;
  /** One of EXPORT_STATES, but kept open: an unknown state is shown as it came. */
  state: string;
  source?: { file?: string; [key: string]: unknown };
  destination?: { volume?: string; location?: string; [key: string]: unknown };
  started_on?: string;
  finished_on?: string;
  properties?: Record<string, unknown>;
  overwrite?: boolean;
  result?: unknown;
  error?: ApiErrorBody;
  [key: string]: unknown;
}

/** One item of a bulk reply, matched back to the ID we asked for. */
export type BulkItem = { id: string; job: ExportJob } | { id: string; error: ApiErrorBody };

/** Last rate-limit figures the server sent (X-RateLimit-* headers). */
export interface RateLimitInfo {
  limit: number;
  remaining: number;
  /** Epoch milliseconds when the window resets. */
  resetAt: number;
}

/** Body of POST /storage/exports. */
export interface StartExportBody {
  source: { file: string };
  destination: { volume: string; location: string };
  overwrite?: boolean;
  properties?: Record<string, unknown>;
}

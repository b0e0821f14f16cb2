// The narrow views of the platform the transfer layer needs. The lead wires them to src/platform (bulk create,
// folder listing, rate-limit figures); tests wire them to small in-memory fakes. Nothing here imports the client.
import type { ApiErrorBody, ExportJob, RateLimitInfo, StartExportBody } from '../platform/types.js';

/**
 * One item of `GET /files?parent=…` / `?project=…`, with the field names of sevenbridges-python's `File`:
 * `type` is `'file'` or `'folder'` (File.FOLDER_TYPE); `storage.type` is `'PLATFORM'` or `'VOLUME'`
 * (FileStorageType) — a `VOLUME` file is an alias of an object on a volume; public reference files carry
 * `metadata.sbg_public_files_category` (sevenbridges2 test data) and live in `admin/sbg-public-data`.
 */
export interface FolderItem {
  id: string;
  name: string;
  type: string;
  size?: number;
  project?: string;
  parent?: string;
  storage?: { type?: string; volume?: string; location?: string; [key: string]: unknown } | null;
  metadata?: Record<string, unknown> | null;
  [key: string]: unknown;
}

/** Where a listing starts: a project's root, or a folder (by its file ID). */
export type FolderRef = { project: string } | { parent: string };

export interface FolderPort {
  /** Every child of one folder, page after page (the port follows `links` / `offset`). */
  listFolder(where: FolderRef, signal?: AbortSignal): AsyncIterable<FolderItem>;
}

/** One item of the bulk create reply, as the API sent it (request order is assumed, then checked). */
export type BulkCreateReplyItem = { resource: ExportJob } | { error: ApiErrorBody };

export interface BulkCreatePort {
  /** One `POST /bulk/storage/exports/create` of at most BULK_LIMIT items; throws ApiError on a failed call. */
  bulkCreate(
    items: StartExportBody[],
    opts: { copyOnly: boolean; signal?: AbortSignal },
  ): Promise<BulkCreateReplyItem[]>;
}

/** Last X-RateLimit-* figures seen on this platform (SbClient.rateLimit). */
export interface RateLimitSource {
  rateLimit(): RateLimitInfo | undefined;
}

/** Time, injectable so tests never wait on the wall clock. `sleep` rejects with an AbortError on abort. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface ExportListPort {
  /** `GET /storage/exports?volume=…&fields=_all`, page after page (platform/exports.ts listExports). */
  listExports(volume: string, signal?: AbortSignal): AsyncIterable<ExportJob>;
}

// The narrow views of the platform the transfer layer needs. platform-ports.ts wires them to src/platform (bulk
// create, folder listing, rate-limit figures); tests may wire them to small in-memory fakes.
import type { CreateResult } from '../platform/bulk-create.js';
import type { FolderRef, SbFile } from '../platform/files.js';
import type { Project } from '../platform/projects.js';
import type { ExportJob, RateLimitInfo, StartExportBody } from '../platform/types.js';
import type { Volume } from '../platform/volumes.js';

/**
 * One item of `GET /files?parent=…` / `?project=…` (platform/files.ts SbFile, sevenbridges-python `File` field
 * names); platform/files.ts fileKind says whether it is a file, a folder, an alias or a public reference file.
 */
export type FolderItem = SbFile;

/** Where a listing starts: a project's root, or a folder (by its file ID). */
export type { FolderRef } from '../platform/files.js';

export interface FolderPort {
  /** Every child of one folder, page after page (the port follows `links` / `offset`). */
  listFolder(where: FolderRef, signal?: AbortSignal): AsyncIterable<FolderItem>;
}

export interface BulkCreatePort {
  /**
   * One `POST /bulk/storage/exports/create` of at most BULK_LIMIT items; throws ApiError on a failed call.
   * One result per item, in request order, `index` its place in `items` (platform/bulk-create.ts matches the
   * reply back to the requests).
   */
  bulkCreate(
    items: StartExportBody[],
    opts: { copyOnly: boolean; signal?: AbortSignal },
  ): Promise<CreateResult[]>;
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

export interface CatalogPort {
  /** `GET /projects`, page after page (platform/projects.ts). */
  listProjects(signal?: AbortSignal): AsyncIterable<Project>;
  /** `GET /storage/volumes`, page after page; platform/volumes.ts isWritable says which can take exports. */
  listVolumes(signal?: AbortSignal): AsyncIterable<Volume>;
}

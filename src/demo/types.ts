import type { ApiErrorBody, ExportJob } from '../platform/types.js';

export interface SimJob {
  job: ExportJob;
  /** Timeline, relative to the simulator's start: the job is PENDING until runningAfterMs, RUNNING until
   * finishAfterMs, then finalState. Without either field the job stays as given. */
  runningAfterMs?: number;
  finishAfterMs?: number;
  finalState?: 'COMPLETED' | 'FAILED';
  finalError?: ApiErrorBody;
}

/** A project as GET /projects lists it (sevenbridges-python models/project.py field names). */
export interface SimProject {
  id: string;
  name: string;
  /** The ID of the folder holding the project's top-level files (`root_folder` in the SDK). */
  root_folder: string;
  [key: string]: unknown;
}

/**
 * A file or folder as GET /files lists it (models/file.py). An alias of a volume object carries
 * `storage: {type: 'VOLUME', volume, location}` (enums.py FileStorageType); a file kept by the platform has
 * `storage.type` 'PLATFORM'. `public: true` marks a public reference file: no SDK field names that, so this is the
 * simulator's own marker (the platform refuses their export with 9006 either way).
 */
export interface SimFile {
  id: string;
  name: string;
  type: 'file' | 'folder';
  size?: number;
  project: string;
  parent: string;
  storage?: { type: 'PLATFORM' | 'VOLUME'; volume?: string; location?: string };
  public?: boolean;
  created_on?: string;
  modified_on?: string;
  [key: string]: unknown;
}

/** A volume as GET /storage/volumes lists it (models/volume.py): `access_mode` 'RW' or 'RO'. */
export interface SimVolume {
  id: string;
  name: string;
  access_mode: 'RW' | 'RO';
  [key: string]: unknown;
}

export interface SimCatalog {
  projects?: SimProject[];
  files?: SimFile[];
  volumes?: SimVolume[];
  /** Objects already on a volume (`owner/volume` → locations): an export there without overwrite is a 9107. */
  volumeObjects?: Record<string, string[]>;
}

export interface Faults {
  /** Answer 401 to everything. */
  auth?: boolean;
  /** 503 with code 0. */
  maintenance?: boolean;
  /** 429 code 1000, reset in `resetInSeconds` (default 60). */
  rateLimited?: boolean;
  resetInSeconds?: number;
  omitRateLimitHeaders?: boolean;
  /** X-RateLimit-Reset in epoch ms instead of seconds (seen in one old doc example). */
  resetAsMilliseconds?: boolean;
  /** Answer with this 5xx status and a JSON error body. */
  serverError?: number;
  /** 502 with a text/html gateway page. */
  htmlBody?: boolean;
  /** 200 with the JSON cut in half. */
  truncatedJson?: boolean;
  /** 200 with non-JSON text. */
  garbageBody?: boolean;
  /** Delay before answering (the answer still comes unless the client gives up). */
  stallMs?: number;
  /** Destroy the socket without a reply. */
  hangUp?: boolean;
  /** Per-ID error items in bulk replies (and the single GET's error), e.g. 403 / 9005. */
  itemErrors?: Record<string, ApiErrorBody>;
  /** Per source-file-ID refusals of a start (single or bulk create item), checked before anything else. */
  createErrors?: Record<string, ApiErrorBody>;
  /** List pages without `links` (only X-Total-Matching-Query tells there is more). */
  omitPageLinks?: boolean;
  /** Order of bulk get reply items; default 'reversed' so clients must match by ID. */
  bulkOrder?: 'reversed' | 'preserved';
}

export interface SimStats {
  /** Every request except GET /rate_limit, faulted ones included. */
  requests: number;
  bulkGets: number;
  singleGets: number;
  lists: number;
  /** Single POST /storage/exports calls. */
  starts: number;
  /** POST /bulk/storage/exports/create calls that were answered 200 and their item counts. */
  bulkCreates: number;
  bulkCreateSizes: number[];
  /** GET /projects, /files, /storage/volumes pages served. */
  catalogPages: number;
  /** Per ID, how often a single or bulk get asked for it. */
  idsRequested: Map<string, number>;
  lastBulkIds: string[];
  /** 429s sent. */
  rateLimited: number;
}

export interface SimulatorOptions {
  jobs?: SimJob[];
  /** The one token this instance accepts (others get 401): two instances stand for two platforms. */
  token?: string;
  /** Default: any non-empty token (or only `token` when given). */
  acceptToken?: (token: string) => boolean;
  /** Default 1000 requests per 300 000 ms, like the platform. */
  rateLimit?: { limit: number; windowMs: number };
  now?: () => number;
  port?: number;
  /** Timeline of jobs started through POST /storage/exports or bulk create, ms after the start call. */
  startedJobTimeline?: { runningAfterMs: number; finishAfterMs: number };
  /** Projects, files and volumes; default none (then exports to any volume and of any file are accepted). */
  catalog?: SimCatalog;
}

/** What a start call asked for, which the job object itself does not say (copy_only is not a job field). */
export interface StartRecord {
  copyOnly: boolean;
  /** 'single' for POST /storage/exports, 'bulk' for an item of POST /bulk/storage/exports/create. */
  via: 'single' | 'bulk';
}

export interface Simulator {
  /** Base URL, e.g. http://127.0.0.1:PORT/v2 */
  url: string;
  port: number;
  faults: Faults;
  stats: SimStats;
  addJobs(jobs: SimJob[]): void;
  /** The job as a GET would return it now. */
  job(id: string): ExportJob | undefined;
  /** Override a job's state from now on (drops its timeline). A final state stamps finished_on. */
  setJobState(id: string, state: string, error?: ApiErrorBody): void;
  /** How a job was started through the API; undefined for seeded jobs. */
  started(id: string): StartRecord | undefined;
  /** A catalog file as GET /files would show it now (an exported-by-move file is an alias). */
  file(id: string): SimFile | undefined;
  resetStats(): void;
  close(): Promise<void>;
}

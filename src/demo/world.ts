import type { Catalog } from './catalog.js';
import type { JobBook } from './job-book.js';
import type { Faults, SimStats } from './types.js';

/** Everything an endpoint reads or changes: the job book, the catalog, the fault switches and the counters. */
export interface World {
  book: JobBook;
  catalog: Catalog;
  faults: Faults;
  stats: SimStats;
}

/** One parsed request, as endpoints see it. `path` is relative to /v2. */
export interface SimRequest {
  method: string;
  path: string;
  url: URL;
  body: unknown;
  at: number;
}

export function newStats(): SimStats {
  return {
    requests: 0,
    bulkGets: 0,
    singleGets: 0,
    lists: 0,
    starts: 0,
    bulkCreates: 0,
    bulkCreateSizes: [],
    catalogPages: 0,
    idsRequested: new Map(),
    lastBulkIds: [],
    rateLimited: 0,
  };
}

export function countId(stats: SimStats, id: string): void {
  stats.idsRequested.set(id, (stats.idsRequested.get(id) ?? 0) + 1);
}

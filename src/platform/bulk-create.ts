import { isRecord } from '../values.js';
import type { SbClient } from './client.js';
import { ApiError, asErrorBody } from './errors.js';
import { BULK_LIMIT, chunk } from './exports.js';
import type { ApiErrorBody, ExportJob, StartExportBody } from './types.js';

/** The answer for one requested export; `index` is its place in the list the caller gave. */
export type CreateResult =
  | { index: number; request: StartExportBody; job: ExportJob }
  | { index: number; request: StartExportBody; error: ApiErrorBody };

export interface BulkCreateOptions {
  /** Query `copy_only=true`: copy, keep the project file. Otherwise the platform MOVES the file. */
  copyOnly?: boolean;
  signal?: AbortSignal;
}

/** The reply had no item for a request: whether that export started is unknown, so look before re-sending. */
export const MISSING_CREATE_ERROR: ApiErrorBody = {
  message: 'The bulk reply had no item for this export: it may or may not have started',
};

type RawItem = { job: ExportJob } | { error: ApiErrorBody };

function shapeError(what: string): ApiError {
  return new ApiError('bad-response', `Unexpected reply from the platform: ${what}`);
}

function parseItems(data: unknown): RawItem[] {
  if (!isRecord(data) || !Array.isArray(data.items))
    throw shapeError('a bulk create reply without an items list');
  return data.items.map((item, i) => {
    const resource = isRecord(item) ? item.resource : undefined;
    if (isRecord(resource)) {
      if (typeof resource.id !== 'string' || typeof resource.state !== 'string') {
        throw shapeError(`bulk create item ${i} holds a job without id or state`);
      }
      return { job: resource as ExportJob };
    }
    const error = isRecord(item) ? asErrorBody(item.error) : undefined;
    if (!error) throw shapeError(`bulk create item ${i} is neither a resource nor an error`);
    return { error };
  });
}

function key(file: unknown, volume: unknown, location: unknown): string {
  return `${String(file)}\n${String(volume)}\n${String(location)}`;
}

const requestKey = (r: StartExportBody) => key(r.source.file, r.destination.volume, r.destination.location);
const jobKey = (j: ExportJob) => key(j.source?.file, j.destination?.volume, j.destination?.location);

/**
 * Items back to requests. The envelope is assumed to keep request order (as other clients assume), but every
 * resource is checked against its request's file, volume and location; when they disagree, resources are matched
 * by those three and the error items go, in order, to the requests left over.
 */
export function matchCreateItems(requests: StartExportBody[], items: RawItem[]): RawItem[] {
  const inOrder =
    items.length === requests.length &&
    items.every((item, i) => !('job' in item) || jobKey(item.job) === requestKey(requests[i]!));
  if (inOrder) return items;
  const byKey = new Map<string, ExportJob[]>();
  const errors: ApiErrorBody[] = [];
  for (const item of items) {
    if ('error' in item) errors.push(item.error);
    else byKey.set(jobKey(item.job), [...(byKey.get(jobKey(item.job)) ?? []), item.job]);
  }
  return requests.map((request) => {
    const job = byKey.get(requestKey(request))?.shift();
    if (job) return { job };
    return { error: errors.shift() ?? MISSING_CREATE_ERROR };
  });
}

/** One POST /bulk/storage/exports/create of at most BULK_LIMIT exports; one result per item, in request order. */
export async function bulkCreateExports(
  client: SbClient,
  items: StartExportBody[],
  opts: BulkCreateOptions = {},
): Promise<CreateResult[]> {
  if (items.length > BULK_LIMIT) {
    throw new RangeError(
      `bulkCreateExports takes at most ${BULK_LIMIT} exports, got ${items.length}: use chunk()`,
    );
  }
  if (items.length === 0) return [];
  const { data } = await client.request<unknown>('POST', '/bulk/storage/exports/create', {
    body: { items },
    query: { copy_only: opts.copyOnly ? 'true' : undefined },
    signal: opts.signal,
  });
  return matchCreateItems(items, parseItems(data)).map((item, index) => ({
    index,
    request: items[index]!,
    ...item,
  }));
}

export interface BulkCreateAllOptions extends BulkCreateOptions {
  /** Called after each call with that call's results (indices into the whole list), before the next call. */
  onChunk?: (results: CreateResult[]) => void | Promise<void>;
}

/** Any number of exports, BULK_LIMIT a call, one call after another. Budgeting the calls is the caller's job. */
export async function bulkCreateAll(
  client: SbClient,
  items: StartExportBody[],
  opts: BulkCreateAllOptions = {},
): Promise<CreateResult[]> {
  const all: CreateResult[] = [];
  for (const [n, part] of chunk(items).entries()) {
    const offset = n * BULK_LIMIT;
    const results = (await bulkCreateExports(client, part, opts)).map((r) => ({
      ...r,
      index: r.index + offset,
    }));
    all.push(...results);
    await opts.onChunk?.(results);
  }
  return all;
}

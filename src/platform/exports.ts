import { isRecord } from '../values.js';
import type { SbClient } from './client.js';
import { ApiError, asErrorBody } from './errors.js';
import type { ApiErrorBody, BulkItem, ExportJob, StartExportBody } from './types.js';

/** Most IDs one bulk call takes (by analogy with bulk create; unconfirmed for bulk get). */
export const BULK_LIMIT = 100;

export function chunk<T>(items: readonly T[], size = BULK_LIMIT): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`chunk size must be a positive integer: ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function isJob(value: unknown): value is ExportJob {
  return isRecord(value) && typeof value.id === 'string' && typeof value.state === 'string';
}

function shapeError(what: string): ApiError {
  return new ApiError('bad-response', `Unexpected reply from the platform: ${what}`);
}

export async function getExport(client: SbClient, id: string, signal?: AbortSignal): Promise<ExportJob> {
  const { data } = await client.request<unknown>('GET', `/storage/exports/${encodeURIComponent(id)}`, {
    signal,
  });
  if (!isJob(data)) throw shapeError('an export job without id or state');
  return data;
}

type RawItem = { resource: ExportJob } | { error: ApiErrorBody };

function parseItems(data: unknown): RawItem[] {
  if (!isRecord(data) || !Array.isArray(data.items)) throw shapeError('a bulk reply without an items list');
  return data.items.map((item, i) => {
    if (isRecord(item) && item.resource !== undefined && item.resource !== null) {
      if (!isJob(item.resource)) throw shapeError(`bulk item ${i} holds a job without id or state`);
      return { resource: item.resource };
    }
    const error = isRecord(item) ? asErrorBody(item.error) : undefined;
    if (!error) throw shapeError(`bulk item ${i} is neither a resource nor an error`);
    return { error };
  });
}

/** An ID an error item names itself, if the server put one in. */
function ownId(item: { error: ApiErrorBody }, raw: unknown): string | undefined {
  const fromError = item.error.id;
  if (typeof fromError === 'string') return fromError;
  const fromItem = isRecord(raw) ? raw.id : undefined;
  return typeof fromItem === 'string' ? fromItem : undefined;
}

/** `id` appears in `text` as a whole token, not inside a longer word. */
function namesId(text: string, id: string): boolean {
  if (id === '') return false;
  const isWordChar = (ch: string | undefined) => ch !== undefined && /[A-Za-z0-9_-]/.test(ch);
  for (let at = text.indexOf(id); at !== -1; at = text.indexOf(id, at + 1)) {
    if (!isWordChar(text[at - 1]) && !isWordChar(text[at + id.length])) return true;
  }
  return false;
}

/** Used when the reply holds no item at all for an ID we asked for: transient, ask again next cycle. */
export const MISSING_ITEM_ERROR: ApiErrorBody = {
  message: 'The bulk reply had no item for this ID',
};

/**
 * One POST /bulk/storage/exports/get for up to BULK_LIMIT IDs. Every distinct requested ID gets exactly one
 * BulkItem, in request order. Whether the API keeps item order is unconfirmed, so items are matched by
 * `resource.id`; error items usually carry no ID and are matched, in order of confidence, by an ID they name,
 * by the one ID their message contains, by position (only when the resources show the order was kept — or
 * exactly reversed), and last by elimination.
 */
export async function bulkGetExports(
  client: SbClient,
  ids: string[],
  signal?: AbortSignal,
): Promise<BulkItem[]> {
  if (ids.length > BULK_LIMIT) {
    throw new RangeError(`bulkGetExports takes at most ${BULK_LIMIT} IDs, got ${ids.length}: use chunk()`);
  }
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return [];
  const { data } = await client.request<unknown>('POST', '/bulk/storage/exports/get', {
    body: { export_ids: wanted },
    signal,
  });
  const items = parseItems(data);
  const rawItems = (data as { items: unknown[] }).items;
  return matchBulkItems(wanted, items, rawItems);
}

/** Exported for tests of the matching rules alone. `wanted` must be distinct. */
export function matchBulkItems(wanted: string[], items: RawItem[], rawItems: unknown[] = []): BulkItem[] {
  const result = new Map<string, BulkItem>();
  const wantedSet = new Set(wanted);
  const pending: { index: number; error: ApiErrorBody }[] = [];

  items.forEach((item, index) => {
    if ('resource' in item) {
      const id = item.resource.id;
      if (wantedSet.has(id) && !result.has(id)) result.set(id, { id, job: item.resource });
      return;
    }
    const id = ownId(item, rawItems[index]);
    if (id !== undefined && wantedSet.has(id) && !result.has(id)) result.set(id, { id, error: item.error });
    else pending.push({ index, error: item.error });
  });

  const unmatched = () => wanted.filter((id) => !result.has(id));

  // An error message naming exactly one of the still-unmatched IDs.
  let rest = pending.filter(({ error }) => {
    const message = typeof error.message === 'string' ? error.message : '';
    const named = unmatched().filter((id) => namesId(message, id));
    const [only] = named;
    if (named.length !== 1 || only === undefined) return true;
    result.set(only, { id: only, error });
    return false;
  });

  // By position, when the counts agree and every resource sits where that order puts it.
  if (rest.length > 0 && items.length === wanted.length) {
    const n = wanted.length;
    const orders = [(i: number) => i, (i: number) => n - 1 - i];
    const fits = orders.find((at) =>
      items.every((item, i) => !('resource' in item) || wanted[at(i)] === item.resource.id),
    );
    if (fits) {
      rest = rest.filter(({ index, error }) => {
        const id = wanted[fits(index)];
        if (id === undefined || result.has(id)) return true;
        result.set(id, { id, error });
        return false;
      });
    }
  }

  // By elimination: leftover errors go to the leftover IDs in order; the last one covers any extra IDs.
  const leftIds = unmatched();
  leftIds.forEach((id, i) => {
    const error = rest[Math.min(i, rest.length - 1)]?.error ?? MISSING_ITEM_ERROR;
    result.set(id, { id, error });
  });

  return wanted.map((id) => result.get(id)!);
}

export interface ListExportsOptions {
  /** owner/volume */
  volume?: string;
  states?: string[];
  /** Page size, 1–100. */
  limit?: number;
  signal?: AbortSignal;
}

/** GET /storage/exports with fields=_all, page after page through the `next` links. */
export async function* listExports(
  client: SbClient,
  opts: ListExportsOptions = {},
): AsyncGenerator<ExportJob> {
  const limit = Math.max(1, Math.min(100, Math.floor(opts.limit ?? 100)));
  let page = await client.request<unknown>('GET', '/storage/exports', {
    query: { volume: opts.volume, state: opts.states, limit, offset: 0, fields: '_all' },
    signal: opts.signal,
  });
  const seen = new Set<string>();
  for (;;) {
    const data = page.data;
    if (!isRecord(data) || !Array.isArray(data.items)) throw shapeError('a list reply without an items list');
    for (const item of data.items) {
      if (!isJob(item)) throw shapeError('a listed export job without id or state');
      yield item;
    }
    const next = Array.isArray(data.links)
      ? data.links.find((link) => isRecord(link) && link.rel === 'next' && typeof link.href === 'string')
      : undefined;
    const href = isRecord(next) ? (next.href as string) : undefined;
    // A server that keeps pointing at the same page, or at empty pages, must not loop us forever.
    if (!href || seen.has(href) || data.items.length === 0) return;
    seen.add(href);
    page = await client.request<unknown>('GET', href, { signal: opts.signal });
  }
}

export interface StartExportOptions {
  /** Query `copy_only=true`: copy instead of move (the platform's own option). */
  copyOnly?: boolean;
}

/** POST /storage/exports; returns the new job. */
export async function startExport(
  client: SbClient,
  body: StartExportBody,
  signal?: AbortSignal,
  opts: StartExportOptions = {},
): Promise<ExportJob> {
  const { data } = await client.request<unknown>('POST', '/storage/exports', {
    body,
    query: { copy_only: opts.copyOnly ? 'true' : undefined },
    signal,
  });
  if (!isJob(data)) throw shapeError('the new export job has no id or state');
  return data;
}

import { isRecord } from '../values.js';
import type { QueryValue, SbClient } from './client.js';
import { ApiError } from './errors.js';
import { headerValue } from './rate-limit.js';

/** Most items one list page may hold on the platform. */
export const MAX_PAGE_SIZE = 100;

export interface PageOptions {
  signal?: AbortSignal;
  /** Page size, 1–100 (default 100: fewest requests). */
  limit?: number;
}

function shapeError(what: string): ApiError {
  return new ApiError('bad-response', `Unexpected reply from the platform: ${what}`);
}

function nextLink(data: Record<string, unknown>): string | undefined {
  if (!Array.isArray(data.links)) return undefined;
  const next = data.links.find(
    (link) => isRecord(link) && typeof link.rel === 'string' && link.rel.toLowerCase() === 'next',
  );
  return isRecord(next) && typeof next.href === 'string' ? next.href : undefined;
}

/**
 * Every item of a paginated GET, page after page, as the SDK's Collection does: follow the `links` entry with
 * rel "next". A reply without a `links` list falls back to offset arithmetic against X-Total-Matching-Query.
 * `isItem` rejects a malformed item with a clear error instead of passing it on.
 */
export async function* allPages<T>(
  client: SbClient,
  path: string,
  query: Record<string, QueryValue>,
  isItem: (value: unknown) => value is T,
  what: string,
  opts: PageOptions = {},
): AsyncGenerator<T> {
  const limit = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(opts.limit ?? MAX_PAGE_SIZE)));
  let offset = 0;
  let page = await client.request<unknown>('GET', path, {
    query: { ...query, offset, limit },
    signal: opts.signal,
  });
  const seen = new Set<string>();
  for (;;) {
    const data = page.data;
    if (!isRecord(data) || !Array.isArray(data.items))
      throw shapeError(`a ${what} list without an items list`);
    for (const item of data.items) {
      if (!isItem(item)) throw shapeError(`a listed ${what} without the fields it needs`);
      yield item;
    }
    // A server that keeps pointing at the same page, or at empty pages, must not loop us forever.
    if (data.items.length === 0) return;
    if (Array.isArray(data.links)) {
      const href = nextLink(data);
      if (!href || seen.has(href)) return;
      seen.add(href);
      page = await client.request<unknown>('GET', href, { signal: opts.signal });
      continue;
    }
    offset += data.items.length;
    const total = Number(headerValue(page.headers, 'x-total-matching-query'));
    if (!(Number.isFinite(total) && offset < total)) return;
    page = await client.request<unknown>('GET', path, {
      query: { ...query, offset, limit },
      signal: opts.signal,
    });
  }
}

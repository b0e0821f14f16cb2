import { errorReply, HttpReply } from './reply.js';

/** Most items one page holds, as on the platform (limit 1–100). */
export const MAX_PAGE = 100;
const DEFAULT_PAGE = 50;

export interface PageRequest {
  offset: number;
  limit: number;
}

/** offset/limit of a list call, or the 400 the platform answers to bad ones. */
export function readPage(q: URLSearchParams): PageRequest | HttpReply {
  const limitText = q.get('limit') ?? String(DEFAULT_PAGE);
  const offsetText = q.get('offset') ?? '0';
  const limit = /^\d+$/.test(limitText) ? Number(limitText) : Number.NaN;
  const offset = /^\d+$/.test(offsetText) ? Number(offsetText) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_PAGE)) {
    return errorReply(400, undefined, `limit must be between 1 and ${MAX_PAGE}.`);
  }
  if (!(offset >= 0)) return errorReply(400, undefined, 'offset must be 0 or more.');
  return { offset, limit };
}

/**
 * One page of `matching` in the API's envelope: `{href, items, links}` with absolute `next`/`prev` links that
 * keep the caller's other query parameters, and the total in X-Total-Matching-Query (as the SDK reads it).
 */
export function pageReply<T>(
  baseUrl: string,
  url: URL,
  page: PageRequest,
  matching: readonly T[],
  pick: (item: T) => unknown = (item) => item,
): HttpReply {
  const { offset, limit } = page;
  const items = matching.slice(offset, offset + limit).map(pick);
  const path = url.pathname.replace(/^\/v2/, '');
  const pageLink = (pageOffset: number) => {
    const params = new URLSearchParams(url.searchParams);
    params.set('offset', String(pageOffset));
    params.set('limit', String(limit));
    return `${baseUrl}${path}?${params.toString()}`;
  };
  const links: { href: string; rel: string; method: string }[] = [];
  if (offset + limit < matching.length)
    links.push({ href: pageLink(offset + limit), rel: 'next', method: 'GET' });
  if (offset > 0) links.push({ href: pageLink(Math.max(0, offset - limit)), rel: 'prev', method: 'GET' });
  return new HttpReply(
    200,
    { href: `${baseUrl}${path}${url.search}`, items, links },
    { 'X-Total-Matching-Query': String(matching.length) },
  );
}

import type { Pool } from 'undici';
import { assertSafeEndpoint, resolveEndpoint } from './endpoints.js';
import { ApiError, badResponse, errorFromException, errorFromResponse } from './errors.js';
import { parseRateLimit, parseRetryAfter, type ResponseHeaders } from './rate-limit.js';
import type { RateLimitInfo } from './types.js';

export interface SbClientOptions {
  /** Base URL including /v2 (or a platform short name). */
  endpoint: string;
  token: string;
  /** Per-call limit for the response headers and for each gap in the body. */
  timeoutMs?: number;
  userAgent?: string;
  /** Injectable clock for rate-limit reset arithmetic. */
  now?: () => number;
}

export type QueryValue = string | string[] | number | undefined;

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  data: T;
  headers: ResponseHeaders;
  status: number;
}

export interface ClientStats {
  requests: number;
  bulkGets: number;
  singleGets: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_USER_AGENT = 'sbexport-tui';

// undici, and the Node modules it brings (net, tls, http2…), is loaded for the first request, not at start:
// the first frame is drawn from the saved snapshots and needs no network (issue 4: launch time).
let undici: Promise<typeof import('undici')> | undefined;
const loadUndici = () => {
  undici ??= import('undici');
  return undici;
};

const BULK_GET_PATH = /\/bulk\/storage\/exports\/get$/;
const SINGLE_GET_PATH = /\/storage\/exports\/[^/]+$/;

/** The Seven Bridges API over one keep-alive undici pool. Non-2xx and unusable replies throw ApiError. */
export class SbClient {
  readonly endpoint: string;
  readonly stats: ClientStats = { requests: 0, bulkGets: 0, singleGets: 0 };
  private readonly token: string;
  private readonly timeoutMs: number;
  private readonly userAgent: string;
  private readonly now: () => number;
  private readonly origin: string;
  private readonly basePath: string;
  private readonly host: string;
  private pool: Promise<Pool> | undefined;
  private lastRateLimit: RateLimitInfo | undefined;

  constructor(opts: SbClientOptions) {
    this.endpoint = resolveEndpoint(opts.endpoint);
    assertSafeEndpoint(this.endpoint);
    this.token = opts.token;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.userAgent = opts.userAgent ?? DEFAULT_USER_AGENT;
    this.now = opts.now ?? Date.now;
    const base = new URL(this.endpoint);
    this.origin = base.origin;
    this.host = base.host;
    this.basePath = base.pathname.replace(/\/+$/, '');
  }

  /** The one keep-alive pool, made on first use. */
  private connection(): Promise<Pool> {
    this.pool ??= loadUndici().then(
      ({ Pool }) =>
        new Pool(this.origin, {
          connections: 4,
          pipelining: 1,
          connectTimeout: this.timeoutMs,
          headersTimeout: this.timeoutMs,
          bodyTimeout: this.timeoutMs,
        }),
    );
    return this.pool;
  }

  /** The last X-RateLimit-* figures seen on any reply, errors included. */
  get rateLimit(): RateLimitInfo | undefined {
    return this.lastRateLimit;
  }

  /**
   * `path` is relative to the base URL (which ends in /v2), or an absolute `next` link of the same origin.
   * Aborting via `signal` rejects with the abort error itself, not an ApiError.
   */
  async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    const target = this.resolvePath(path, opts.query);
    this.count(method, target);
    const headers: Record<string, string> = {
      'X-SBG-Auth-Token': this.token,
      Accept: 'application/json',
      'User-Agent': this.userAgent,
    };
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['Content-Type'] = 'application/json';
    }
    try {
      const pool = await this.connection();
      const res = await pool.request({
        method: method as 'GET',
        path: target,
        headers,
        body,
        signal: opts.signal,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      const resHeaders = res.headers as ResponseHeaders;
      const nowMs = this.now();
      const rateLimit = parseRateLimit(resHeaders, nowMs);
      if (rateLimit) this.lastRateLimit = rateLimit;
      const text = await res.body.text();
      if (res.statusCode < 200 || res.statusCode >= 300) {
        const retryAt =
          parseRetryAfter(resHeaders, nowMs) ?? (res.statusCode === 429 ? rateLimit?.resetAt : undefined);
        throw errorFromResponse(res.statusCode, text, retryAt);
      }
      let data: unknown;
      if (text.trim() === '') {
        if (res.statusCode !== 204) throw badResponse(res.statusCode, text, 'empty body');
        data = undefined;
      } else {
        try {
          data = JSON.parse(text);
        } catch {
          throw badResponse(res.statusCode, text, 'not JSON');
        }
      }
      return { data: data as T, headers: resHeaders, status: res.statusCode };
    } catch (err) {
      if (opts.signal?.aborted) throw opts.signal.reason ?? err;
      throw this.scrub(errorFromException(err, this.host, this.timeoutMs));
    }
  }

  async close(): Promise<void> {
    if (!this.pool) return;
    const pool = await this.pool;
    if (pool.closed || pool.destroyed) return;
    // Stalled requests must not keep the process alive on quit: destroy rather than wait for them.
    await pool.destroy();
  }

  private resolvePath(path: string, query: Record<string, QueryValue> | undefined): string {
    let pathname: string;
    let search: URLSearchParams;
    if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
      let url: URL;
      try {
        url = new URL(path);
      } catch {
        throw badResponse(0, path, 'unusable link');
      }
      if (url.origin !== this.origin) {
        // The token goes to whatever host we call: never follow a link off the endpoint's origin.
        throw new ApiError('bad-response', `Refusing to follow a link to another host (${url.host})`);
      }
      pathname = url.pathname;
      search = url.searchParams;
    } else {
      const [rawPath = '', rawSearch = ''] = path.split('?', 2);
      pathname = `${this.basePath}/${rawPath.replace(/^\/+/, '')}`;
      search = new URLSearchParams(rawSearch);
    }
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      search.delete(key);
      for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
    }
    const qs = search.toString();
    return qs ? `${pathname}?${qs}` : pathname;
  }

  private count(method: string, target: string): void {
    this.stats.requests++;
    const pathname = target.split('?', 1)[0] ?? '';
    if (method === 'POST' && BULK_GET_PATH.test(pathname)) this.stats.bulkGets++;
    else if (method === 'GET' && SINGLE_GET_PATH.test(pathname)) this.stats.singleGets++;
  }

  /** Belt and braces: a server or proxy echoing the token must not put it on screen. */
  private scrub(err: ApiError): ApiError {
    if (this.token.length < 4) return err;
    const hide = (s: string) => s.split(this.token).join('[token]');
    if (err.message.includes(this.token)) err.message = hide(err.message);
    if (err.apiMessage?.includes(this.token)) err.apiMessage = hide(err.apiMessage);
    return err;
  }
}

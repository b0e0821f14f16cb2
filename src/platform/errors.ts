import { oneLine } from '../text.js';
import { errorText, isRecord } from '../values.js';
import type { ApiErrorBody } from './types.js';

/**
 * What went wrong, in the terms the poller acts on: auth pauses polling, rate-limited waits for `retryAt`,
 * maintenance backs off for minutes, server / bad-response / timeout / network back off with jitter.
 */
export type ApiErrorKind =
  | 'auth'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'maintenance'
  | 'server'
  | 'bad-response'
  | 'timeout'
  | 'network'
  | 'client';

export interface ApiErrorDetails {
  status?: number;
  code?: number;
  apiMessage?: string;
  moreInfo?: string;
  retryAt?: number;
  /** The error body as the API sent it, when it was one. */
  body?: ApiErrorBody;
  cause?: unknown;
}

/** Every failure of a platform call. `message` is user-facing and never holds the auth token. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  readonly status?: number;
  readonly code?: number;
  apiMessage?: string;
  readonly moreInfo?: string;
  /** Epoch ms before which the server will refuse requests (rate-limited, when known). */
  readonly retryAt?: number;
  readonly body?: ApiErrorBody;

  constructor(kind: ApiErrorKind, message: string, details: ApiErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.status = details.status;
    this.code = details.code;
    this.apiMessage = details.apiMessage;
    this.moreInfo = details.moreInfo;
    this.retryAt = details.retryAt;
    this.body = details.body;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

/** Safe for a flash line or a log (text.ts's oneLine), and cut to `max` characters. */
export function sanitizeSnippet(text: string, max = 60): string {
  const clean = oneLine(text);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** An API error body has at least a numeric status or code, or a string message. */
export function asErrorBody(value: unknown): ApiErrorBody | undefined {
  if (!isRecord(value)) return undefined;
  const { status, code, message } = value;
  if (typeof status !== 'number' && typeof code !== 'number' && typeof message !== 'string') return undefined;
  return value as ApiErrorBody;
}

function kindForStatus(status: number, code: number | undefined): ApiErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status === 503 && code === 0) return 'maintenance';
  if (status >= 500) return 'server';
  return 'client';
}

const DEFAULT_MESSAGES: Partial<Record<ApiErrorKind, string>> = {
  auth: 'The platform rejected the auth token',
  forbidden: 'No permission for this request',
  'not-found': 'Not found',
  'rate-limited': 'Rate limit exceeded',
  maintenance: 'The platform is under maintenance',
};

/**
 * Turns a non-2xx reply into an ApiError. A gateway's HTML page or a cut-off body carries no error code: those
 * become `bad-response` with the status and the first words of the body, except for the statuses whose meaning
 * does not depend on the body (401, 403, 404, 429) — a proxy's 429 page still means "wait".
 */
export function errorFromResponse(status: number, text: string, retryAt?: number): ApiError {
  let parsed: unknown;
  let isJson = true;
  try {
    parsed = JSON.parse(text);
  } catch {
    isJson = false;
  }
  const body = isJson ? asErrorBody(parsed) : undefined;
  const statusDecides = status === 401 || status === 403 || status === 404 || status === 429;
  if (!body && !statusDecides) {
    return badResponse(status, text);
  }
  const code = typeof body?.code === 'number' ? body.code : undefined;
  const kind = kindForStatus(status, code);
  const apiMessage = typeof body?.message === 'string' ? body.message : undefined;
  const moreInfo = typeof body?.more_info === 'string' ? body.more_info : undefined;
  const message = apiMessage
    ? sanitizeSnippet(apiMessage, 300)
    : (DEFAULT_MESSAGES[kind] ?? `HTTP ${status}`) +
      (body || text.trim() === '' ? '' : `: ${sanitizeSnippet(text)}`);
  return new ApiError(kind, message, {
    status,
    code,
    apiMessage,
    moreInfo,
    body,
    retryAt: kind === 'rate-limited' || kind === 'maintenance' ? retryAt : undefined,
  });
}

/** A reply we cannot use: not JSON, cut off, or not the shape the API documents. */
export function badResponse(status: number, text: string, what = ''): ApiError {
  const snippet = sanitizeSnippet(text);
  const detail = what ? ` (${what})` : '';
  const message = `HTTP ${status}${detail}: ${snippet === '' ? '(empty body)' : snippet}`;
  return new ApiError('bad-response', message, { status });
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ECONNRESET',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
]);

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

function errorCode(err: unknown): string | undefined {
  if (!isRecord(err) && !(err instanceof Error)) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Happy-eyeballs connection attempts fail as an AggregateError whose parts carry the code.
  const errors = (err as { errors?: unknown }).errors;
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const innerCode = errorCode(inner);
      if (innerCode) return innerCode;
    }
  }
  const cause = (err as { cause?: unknown }).cause;
  return cause && cause !== err ? errorCode(cause) : undefined;
}

/** Turns a transport failure (undici / socket error) into an ApiError naming the host, never the token. */
export function errorFromException(err: unknown, host: string, timeoutMs: number): ApiError {
  if (err instanceof ApiError) return err;
  const code = errorCode(err);
  if (code && TIMEOUT_CODES.has(code)) {
    const limit = timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 100) / 10} s`;
    return new ApiError('timeout', `No answer from ${host} within ${limit}`, { cause: err });
  }
  if (code && NETWORK_CODES.has(code)) {
    const why =
      code === 'ECONNREFUSED'
        ? 'connection refused'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'host not found'
          : code === 'UND_ERR_SOCKET' || code === 'ECONNRESET'
            ? 'connection closed by the other side'
            : code;
    return new ApiError('network', `Cannot reach ${host}: ${why}`, { cause: err });
  }
  const text = errorText(err);
  return new ApiError('network', `Request to ${host} failed: ${sanitizeSnippet(text, 120)}`, { cause: err });
}

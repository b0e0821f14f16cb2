import type { RateLimitInfo } from './types.js';

export type ResponseHeaders = Record<string, string | string[] | undefined>;

export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const value = headers[key];
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** A non-negative decimal, clamped to the safe-integer range (the API's counters can exceed 2^53). */
function parseCount(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return Number.MAX_SAFE_INTEGER;
  return Math.min(Math.floor(value), Number.MAX_SAFE_INTEGER);
}

/** Epoch values below this (Sep 2001) cannot be a reset time: read them as "seconds from now". */
const SMALLEST_EPOCH_SECONDS = 1e9;
/** Docs say seconds; one old example shows milliseconds. Anything this large is ms already. */
const MS_THRESHOLD = 1e12;

/** Reset header → epoch ms. */
export function parseResetTime(text: string | undefined, nowMs: number): number | undefined {
  const value = parseCount(text);
  if (value === undefined) return undefined;
  if (value > MS_THRESHOLD) return value;
  if (value < SMALLEST_EPOCH_SECONDS) return nowMs + value * 1000;
  return value * 1000;
}

/** X-RateLimit-Limit / -Remaining / -Reset → what the poller budgets with; undefined unless all three parse. */
export function parseRateLimit(headers: ResponseHeaders, nowMs: number): RateLimitInfo | undefined {
  const limit = parseCount(headerValue(headers, 'x-ratelimit-limit'));
  const remaining = parseCount(headerValue(headers, 'x-ratelimit-remaining'));
  const resetAt = parseResetTime(headerValue(headers, 'x-ratelimit-reset'), nowMs);
  if (limit === undefined || remaining === undefined || resetAt === undefined) return undefined;
  return { limit, remaining, resetAt };
}

/** Retry-After (delta seconds or an HTTP date) → epoch ms. Unconfirmed on SB, honoured when present. */
export function parseRetryAfter(headers: ResponseHeaders, nowMs: number): number | undefined {
  const text = headerValue(headers, 'retry-after')?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return nowMs + Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : date;
}

import type { RateWindow } from './rate-window.js';
import { errorReply, type HttpReply } from './reply.js';
import type { Faults, SimStats } from './types.js';

export const GATEWAY_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n';

export function rateHeaders(
  faults: Faults,
  limit: number,
  remaining: number,
  resetMs: number,
): Record<string, string> {
  if (faults.omitRateLimitHeaders) return {};
  const reset = faults.resetAsMilliseconds ? Math.ceil(resetMs) : Math.ceil(resetMs / 1000);
  return {
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': String(Math.max(0, remaining)),
    'X-RateLimit-Reset': String(reset),
  };
}

/** A reply and the headers to send with it. */
export interface Gated {
  reply: HttpReply;
  headers: Record<string, string>;
}

/** 401 for a bad token (or the auth fault), 503 for maintenance: before the rate window counts the request. */
export function refuseBeforeCounting(
  faults: Faults,
  tokenOk: boolean,
  window: RateWindow,
): Gated | undefined {
  const headers = rateHeaders(faults, window.limit, window.remaining, window.resetAt);
  if (faults.auth || !tokenOk) {
    return { reply: errorReply(401, 90001, 'Unauthorized: the auth token is missing or invalid.'), headers };
  }
  if (faults.maintenance) {
    return { reply: errorReply(503, 0, 'Platform is currently under maintenance.'), headers };
  }
  return undefined;
}

/** The rate limit (forced or real); counts the request when it passes. */
export function refuseOverLimit(
  faults: Faults,
  window: RateWindow,
  stats: SimStats,
  at: number,
): Gated | undefined {
  const tooMany = () => errorReply(429, 1000, 'Rate limit exceeded! Please check response headers.');
  if (faults.rateLimited) {
    stats.rateLimited++;
    const resetMs = at + (faults.resetInSeconds ?? 60) * 1000;
    return { reply: tooMany(), headers: rateHeaders(faults, window.limit, 0, resetMs) };
  }
  if (!window.take()) {
    stats.rateLimited++;
    return { reply: tooMany(), headers: rateHeaders(faults, window.limit, 0, window.resetAt) };
  }
  return undefined;
}

/** The body of a 2xx as a broken proxy would pass it on. */
export function mangleBody(faults: Faults, text: string, type: string): { text: string; type: string } {
  if (faults.truncatedJson) return { text: text.slice(0, Math.max(1, Math.floor(text.length / 2))), type };
  if (faults.garbageBody)
    return { text: 'Proxy says: upstream\x1b[31m is \x07sad today', type: 'text/plain' };
  return { text, type };
}

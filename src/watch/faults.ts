import { isApiError, sanitizeSnippet } from '../platform/errors.js';
import { errorText } from '../values.js';

/** What the poller does about a failed bulk call. */
export type FaultReaction =
  /** Token rejected: pause until the user acts — retrying cannot fix a bad token and looks like an attack. */
  | { kind: 'auth'; message: string }
  /** 429: not one request before `retryAt` (when the server said). */
  | { kind: 'rate-limited'; message: string; retryAt?: number }
  /** 503 code 0: back off in minutes, resume by itself. */
  | { kind: 'maintenance'; message: string }
  /** Nothing reachable (refused, DNS): keep the cache, retry with back-off. */
  | { kind: 'offline'; message: string }
  /** 5xx, unusable bodies, timeouts, odd 4xx: flash it, back off with jitter, resume. */
  | { kind: 'transient'; message: string; timeout: boolean };

const MAX_FLASH = 80;

function withStatus(status: number | undefined, message: string): string {
  const text = sanitizeSnippet(message, MAX_FLASH);
  if (status === undefined || text.startsWith(`HTTP ${status}`)) return text;
  return `HTTP ${status}: ${text}`;
}

export function classifyFault(err: unknown): FaultReaction {
  if (!isApiError(err)) {
    const text = errorText(err);
    return {
      kind: 'transient',
      message: sanitizeSnippet(`Refresh failed: ${text}`, MAX_FLASH),
      timeout: false,
    };
  }
  switch (err.kind) {
    case 'auth':
      return { kind: 'auth', message: sanitizeSnippet(err.message, MAX_FLASH) };
    case 'rate-limited':
      return { kind: 'rate-limited', message: withStatus(err.status, err.message), retryAt: err.retryAt };
    case 'maintenance':
      return { kind: 'maintenance', message: sanitizeSnippet(err.message, MAX_FLASH) };
    case 'network':
      return { kind: 'offline', message: sanitizeSnippet(err.message, MAX_FLASH) };
    case 'timeout':
      return { kind: 'transient', message: sanitizeSnippet(err.message, MAX_FLASH), timeout: true };
    default:
      return { kind: 'transient', message: withStatus(err.status, err.message), timeout: false };
  }
}

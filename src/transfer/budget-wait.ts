import { budgetLeft, DEFAULT_BUDGET_SHARE } from '../watch/budget.js';
import type { Clock, RateLimitSource } from './ports.js';

/**
 * Resolves when `calls` more requests fit this platform's budget. Waits as long as needed; `notBefore` (epoch
 * ms, e.g. a 429's retry time) is honoured first. Rejects with an AbortError when the signal fires.
 */
export type BudgetWait = (
  calls: number,
  opts?: { signal?: AbortSignal; notBefore?: number },
) => Promise<void>;

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortError(signal));
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortError(signal));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export function abortError(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('The operation was aborted', 'AbortError');
}

/** Enough slack after the reset that the server's window has really turned over. */
const RESET_MARGIN_MS = 1000;

/**
 * A BudgetWait over the same share the poller uses (watch/budget.ts's budgetLeft counts every client of this
 * user, so an export and the watcher together stay under the share). When the share is spent it sleeps until
 * the window resets; the expired window then counts as unused, so a batch never waits more than one window.
 */
export function budgetWaiter(
  source: RateLimitSource,
  clock: Clock,
  share: number = DEFAULT_BUDGET_SHARE,
): BudgetWait {
  return async (calls, opts = {}) => {
    const { signal, notBefore } = opts;
    if (signal?.aborted) throw abortError(signal);
    if (notBefore !== undefined && notBefore > clock.now())
      await clock.sleep(notBefore - clock.now(), signal);
    const rateLimit = source.rateLimit();
    const now = clock.now();
    if (rateLimit === undefined || budgetLeft(rateLimit, now, share) >= calls) return;
    await clock.sleep(Math.max(0, rateLimit.resetAt - now) + RESET_MARGIN_MS, signal);
  };
}

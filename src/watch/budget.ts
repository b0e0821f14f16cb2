import type { RateLimitInfo } from '../platform/types.js';

/** By default the watcher leaves half of the user's rate limit to their other tools and scripts. */
export const DEFAULT_BUDGET_SHARE = 0.5;

export type BudgetDecision =
  /** Send `calls` (at most what was asked) now, then the next cycle no sooner than `delayMs` (and the interval). */
  | { kind: 'go'; calls: number; delayMs: number }
  /** This window's share is spent: nothing before the window resets. */
  | { kind: 'wait'; until: number };

export interface BudgetInput {
  rateLimit: RateLimitInfo | undefined;
  now: number;
  /** Bulk calls the next cycle needs. */
  calls: number;
  share: number;
}

/**
 * How much of this rate-limit window the watcher may still use: `limit·share` minus what the window has
 * already used. "Used" is `limit − remaining`, i.e. counts every client of this user, not only us: two
 * watchers (or a watcher and a script) together still stay under the share, and when another tool has spent
 * the window we back off instead of pushing the user into 429s. Once the window has reset, the next one is
 * taken as fresh: the whole share, no more — the server's limit does not change between windows.
 * Unknown (no figures yet) is unbounded: the first reply brings the figures, and the cycle checks them per call.
 */
export function budgetLeft(rateLimit: RateLimitInfo | undefined, now: number, share: number): number {
  if (rateLimit === undefined || !(rateLimit.limit > 0)) return Number.POSITIVE_INFINITY;
  const s = Math.min(1, Math.max(0.01, Number.isFinite(share) ? share : DEFAULT_BUDGET_SHARE));
  const allowed = Math.max(1, Math.floor(rateLimit.limit * s));
  if (rateLimit.resetAt <= now) return allowed;
  const used = Math.max(0, rateLimit.limit - Math.max(0, rateLimit.remaining));
  return allowed - used;
}

/**
 * How many of the next cycle's calls fit the budget now, and how far apart cycles must be so they keep fitting.
 *
 * Rather than polling at full speed and then going silent until the reset (a burst, then minutes of stale
 * rows), cycles are spread evenly over what is left of the window: with B requests left, T ms to the reset and
 * c calls per cycle, B/c cycles fit, so they are spaced T·c/B apart. At 300 active jobs (3 calls) every 5 s the
 * spacing stays far below the interval (180 of 500 requests per 5 min), so nothing slows down; the spacing only
 * grows when something else eats the budget or the list is huge — which is exactly "slow down before zero".
 *
 * A cycle bigger than what is left (a first pass over 100,000 new jobs) is split: what is left goes now, the rest
 * after the reset, resuming where it stopped (the caller orders the IDs), so no window carries more than the share.
 */
export function planCycle({ rateLimit, now, calls, share }: BudgetInput): BudgetDecision {
  const left = budgetLeft(rateLimit, now, share);
  if (calls <= 0 || left === Number.POSITIVE_INFINITY || rateLimit === undefined) {
    return { kind: 'go', calls: Math.max(0, calls), delayMs: 0 };
  }
  if (left < 1) return { kind: 'wait', until: rateLimit.resetAt };
  if (left < calls) return { kind: 'go', calls: left, delayMs: 0 };
  const timeLeft = Math.max(0, rateLimit.resetAt - now);
  return { kind: 'go', calls, delayMs: Math.ceil((timeLeft * calls) / left) };
}

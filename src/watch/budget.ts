import type { RateLimitInfo } from '../platform/types.js';

/** By default the watcher leaves half of the user's rate limit to their other tools and scripts. */
export const DEFAULT_BUDGET_SHARE = 0.5;

export type BudgetDecision =
  /** Go now (or after `delayMs`, never sooner than the poll interval). */
  | { kind: 'go'; delayMs: number }
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
 * the window we back off instead of pushing the user into 429s. An expired window counts as unused.
 */
export function budgetLeft(rateLimit: RateLimitInfo | undefined, now: number, share: number): number {
  if (rateLimit === undefined || !(rateLimit.limit > 0)) return Number.POSITIVE_INFINITY;
  if (rateLimit.resetAt <= now) return Number.POSITIVE_INFINITY;
  const s = Math.min(1, Math.max(0.01, Number.isFinite(share) ? share : DEFAULT_BUDGET_SHARE));
  const allowed = Math.floor(rateLimit.limit * s);
  const used = Math.max(0, rateLimit.limit - Math.max(0, rateLimit.remaining));
  return allowed - used;
}

/**
 * Whether the next cycle fits the budget, and how far apart cycles must be so it keeps fitting.
 *
 * Rather than polling at full speed and then going silent until the reset (a burst, then minutes of stale
 * rows), cycles are spread evenly over what is left of the window: with B requests left, T ms to the reset and
 * c calls per cycle, B/c cycles fit, so they are spaced T·c/B apart. At 300 active jobs (3 calls) every 5 s the
 * spacing stays far below the interval (180 of 500 requests per 5 min), so nothing slows down; the spacing only
 * grows when something else eats the budget or the list is huge — which is exactly "slow down before zero".
 *
 * A single cycle bigger than the whole window's share (over 50,000 active jobs at the default limit) can never
 * fit: it waits for the reset, and then the expired window counts as unused, so it still runs once per window.
 */
export function planCycle({ rateLimit, now, calls, share }: BudgetInput): BudgetDecision {
  const left = budgetLeft(rateLimit, now, share);
  if (calls <= 0 || left === Number.POSITIVE_INFINITY || rateLimit === undefined) {
    return { kind: 'go', delayMs: 0 };
  }
  const timeLeft = Math.max(0, rateLimit.resetAt - now);
  if (left < calls) return { kind: 'wait', until: rateLimit.resetAt };
  return { kind: 'go', delayMs: Math.ceil((timeLeft * calls) / left) };
}

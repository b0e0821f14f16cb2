import type { SbClient } from '../platform/client.js';
import type { BulkItem, RateLimitInfo } from '../platform/types.js';
import type { Clock } from './clock.js';
import type { PollTarget } from './due.js';

/** Where the poller gets its data: the bulk call and the last rate-limit figures. */
export interface PollSource {
  /** One bulk call for at most BULK_LIMIT distinct IDs; one item per ID; throws ApiError on failure. */
  fetchBulk(ids: string[], signal: AbortSignal): Promise<BulkItem[]>;
  rateLimit(): RateLimitInfo | undefined;
}

export type BannerKind = 'auth' | 'maintenance' | 'offline' | 'rate-limited';

export interface Banner {
  kind: BannerKind;
  message: string;
  until?: number;
}

export interface PollerStatus {
  lastSuccessAt?: number;
  lastAttemptAt?: number;
  nextPollAt?: number;
  inFlight: boolean;
  /** IDs due in the current / last cycle (a cycle split by the budget asks only part of them). */
  activeCount: number;
  rateLimit?: RateLimitInfo;
  rateLimitedUntil?: number;
  /** A lasting condition; cleared by the next successful cycle. */
  banner?: Banner;
  /** The latest transient problem (a failed call, a bad item); `at` lets the UI expire it. */
  flash?: { message: string; at: number; level: 'error' | 'info' };
  /** The shown rows may be out of date: the last attempt failed, or a call has hung for over two intervals. */
  stale: boolean;
  /** Polling is paused (token rejected) until refreshNow() or resume(). */
  paused: boolean;
  /** Bulk calls sent by this poller. */
  requests: number;
  /** Cycles that sent at least one call. */
  cycles: number;
  /**
   * A first pass too big for one rate window: of the jobs never fetched when it began (plus any added
   * since), how many have been fetched. Absent when every job has been fetched once.
   */
  learning?: { done: number; total: number };
}

export interface PollerOptions {
  target: PollTarget;
  /** The real client (default wiring), or any PollSource. One of the two is required. */
  client?: SbClient;
  source?: PollSource;
  /** Default 5000. The CLI enforces at least 2000; tests may go lower. */
  intervalMs?: number;
  /** The time only (timers stay the system's); `clock` sets both and wins. */
  now?: () => number;
  /** Time and timers (default: the system's). */
  clock?: Clock;
  /** Fraction of the rate-limit window's limit this watcher may use (default 0.5). */
  budgetShare?: number;
  /** "<profile> at <endpoint>": named in the banner when the token is rejected. Never the token. */
  label?: string;
  /** First maintenance back-off (default 60 s); it doubles per failure up to maintenanceCapMs. */
  maintenanceBaseMs?: number;
  maintenanceCapMs?: number;
  /** Cap of the jittered back-off after 5xx / bad bodies / timeouts / offline (default 5 min). */
  backoffCapMs?: number;
  /** When a 429 names no reset time: first wait (default the interval), doubling with jitter. */
  rateLimitBaseMs?: number;
  random?: () => number;
}

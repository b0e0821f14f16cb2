import type { SbClient } from '../platform/client.js';
import { bulkGetExports } from '../platform/exports.js';
import { DEFAULT_BUDGET_SHARE } from './budget.js';
import { type Clock, systemClock } from './clock.js';
import type { PollTarget } from './due.js';
import { type FaultPolicy, faultPolicy } from './fault-policy.js';
import type { PollerOptions, PollSource } from './types.js';

export const DEFAULT_INTERVAL_MS = 5000;
const DEFAULT_MAINTENANCE_BASE_MS = 60_000;
const DEFAULT_MAINTENANCE_CAP_MS = 15 * 60_000;
const DEFAULT_BACKOFF_CAP_MS = 5 * 60_000;

export function sourceFromClient(client: SbClient): PollSource {
  return {
    fetchBulk: (ids, signal) => bulkGetExports(client, ids, signal),
    rateLimit: () => client.rateLimit,
  };
}

/** The poller's options with every default filled in. */
export interface PollerConfig {
  target: PollTarget;
  source: PollSource;
  intervalMs: number;
  clock: Clock;
  share: number;
  backoffCapMs: number;
  random: () => number;
  policy: FaultPolicy;
}

export function pollerConfig(opts: PollerOptions): PollerConfig {
  const source = opts.source ?? (opts.client ? sourceFromClient(opts.client) : undefined);
  if (!source) throw new TypeError('Poller needs a client or a source');
  const intervalMs = positive(opts.intervalMs, DEFAULT_INTERVAL_MS);
  const backoffCapMs = positive(opts.backoffCapMs, DEFAULT_BACKOFF_CAP_MS);
  const random = opts.random ?? Math.random;
  return {
    target: opts.target,
    source,
    intervalMs,
    clock: opts.clock ?? systemClock(opts.now),
    share: opts.budgetShare ?? DEFAULT_BUDGET_SHARE,
    backoffCapMs,
    random,
    policy: faultPolicy({
      intervalMs,
      maintenanceBaseMs: positive(opts.maintenanceBaseMs, DEFAULT_MAINTENANCE_BASE_MS),
      maintenanceCapMs: positive(opts.maintenanceCapMs, DEFAULT_MAINTENANCE_CAP_MS),
      backoffCapMs,
      rateLimitBaseMs: positive(opts.rateLimitBaseMs, intervalMs),
      label: opts.label,
      random,
    }),
  };
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

import { backoffDelay, maintenanceDelay } from './backoff.js';
import type { FaultReaction } from './faults.js';
import type { Banner } from './types.js';

export interface FaultPolicyConfig {
  intervalMs: number;
  maintenanceBaseMs: number;
  maintenanceCapMs: number;
  backoffCapMs: number;
  rateLimitBaseMs: number;
  /** "<profile> at <endpoint>", named in the auth banner. */
  label?: string;
  random: () => number;
}

/** What the poller does after a failed bulk call. Every field is the new value, not a patch. */
export interface FaultDecision {
  /** The banner to show from now on; undefined clears it (a different error means the old condition may be over). */
  banner: Banner | undefined;
  /** Stop polling until the user acts. */
  pause: boolean;
  /** When to try again; undefined while paused. */
  next: number | undefined;
  /** The time before which not one request may go (a 429's reset). */
  rateLimitedUntil: number | undefined;
  /** A transient problem to flash; undefined leaves the current flash alone. */
  flash: string | undefined;
}

export type FaultPolicy = (fault: FaultReaction, failures: number, now: number) => FaultDecision;

/**
 * The poller's reaction to each kind of fault, as a pure function of the fault, the count of consecutive
 * failures (this one included) and the time.
 */
export function faultPolicy(config: FaultPolicyConfig): FaultPolicy {
  const backoff = (failures: number, base: number) =>
    backoffDelay(failures, base, config.backoffCapMs, config.random);
  return (fault, failures, now) => {
    const none = { pause: false, rateLimitedUntil: undefined, flash: undefined };
    switch (fault.kind) {
      case 'auth': {
        const where = config.label ? ` by ${config.label}` : '';
        const message = `Token rejected${where} (${fault.message}). Polling paused: fix the token, then refresh.`;
        return { ...none, banner: { kind: 'auth', message }, pause: true, next: undefined };
      }
      case 'rate-limited': {
        // Only this reply's own reset time counts: an older reply's window may be long gone or far off.
        const known = fault.retryAt !== undefined && fault.retryAt > now ? fault.retryAt : undefined;
        const until = known ?? now + backoff(failures, config.rateLimitBaseMs);
        const banner: Banner = {
          kind: 'rate-limited',
          message: 'Rate limit exceeded: waiting for the reset',
          until,
        };
        return { ...none, banner, next: until, rateLimitedUntil: until };
      }
      case 'maintenance': {
        const until = now + maintenanceDelay(failures, config.maintenanceBaseMs, config.maintenanceCapMs);
        return {
          ...none,
          banner: { kind: 'maintenance', message: 'Platform under maintenance', until },
          next: until,
        };
      }
      case 'offline': {
        const until = now + backoff(failures, config.intervalMs);
        return {
          ...none,
          banner: { kind: 'offline', message: `Offline: ${fault.message}`, until },
          next: until,
        };
      }
      case 'transient':
        return {
          ...none,
          banner: undefined,
          next: now + backoff(failures, config.intervalMs),
          flash: fault.message,
        };
    }
  };
}

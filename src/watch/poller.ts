import type { SbClient } from '../platform/client.js';
import { sanitizeSnippet } from '../platform/errors.js';
import { BULK_LIMIT, bulkGetExports } from '../platform/exports.js';
import type { ApiErrorBody, BulkItem, RateLimitInfo } from '../platform/types.js';
import type { Snapshot } from '../store/types.js';
import { errorText } from '../values.js';
import { backoffDelay, maintenanceDelay } from './backoff.js';
import { DEFAULT_BUDGET_SHARE, planCycle } from './budget.js';
import { chunksOf, dueIds, type PollTarget } from './due.js';
import { classifyFault, type FaultReaction } from './faults.js';
import { sameSnapshot, snapshotFromItem } from './snapshots.js';

export type { PollTarget } from './due.js';

/** Where the poller gets its data: the bulk call and the last rate-limit figures. */
export interface PollSource {
  /** One bulk call for at most BULK_LIMIT distinct IDs; one item per ID; throws ApiError on failure. */
  fetchBulk(ids: string[], signal: AbortSignal): Promise<BulkItem[]>;
  rateLimit(): RateLimitInfo | undefined;
}

export function sourceFromClient(client: SbClient): PollSource {
  return {
    fetchBulk: (ids, signal) => bulkGetExports(client, ids, signal),
    rateLimit: () => client.rateLimit,
  };
}

export type BannerKind = 'auth' | 'maintenance' | 'offline' | 'rate-limited';

export interface PollerStatus {
  lastSuccessAt?: number;
  lastAttemptAt?: number;
  nextPollAt?: number;
  inFlight: boolean;
  /** IDs asked about in the current / last cycle. */
  activeCount: number;
  rateLimit?: RateLimitInfo;
  rateLimitedUntil?: number;
  /** A lasting condition; cleared by the next successful cycle. */
  banner?: { kind: BannerKind; message: string; until?: number };
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
}

export interface PollerOptions {
  target: PollTarget;
  /** The real client (default wiring), or any PollSource. One of the two is required. */
  client?: SbClient;
  source?: PollSource;
  /** Default 5000. The CLI enforces at least 2000; tests may go lower. */
  intervalMs?: number;
  now?: () => number;
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

export const DEFAULT_INTERVAL_MS = 5000;
const DEFAULT_MAINTENANCE_BASE_MS = 60_000;
const DEFAULT_MAINTENANCE_CAP_MS = 15 * 60_000;
const DEFAULT_BACKOFF_CAP_MS = 5 * 60_000;
/** setTimeout's delay is a signed 32-bit int: anything longer fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

type Listener = (status: PollerStatus) => void;

/**
 * Keeps the snapshots of non-final watched jobs fresh with bulk calls, within the rate budget, through every
 * fault the platform can throw. Plain TypeScript: the UI subscribes; nothing here throws into the caller.
 *
 * One setTimeout chain drives it, and a cycle schedules the next only when it ends, so two cycles never
 * overlap and a slow server cannot pile requests up. Timers are not unref()'d: the TUI lives on them.
 */
export class Poller {
  private readonly target: PollTarget;
  private readonly source: PollSource;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly share: number;
  private readonly label: string | undefined;
  private readonly maintenanceBaseMs: number;
  private readonly maintenanceCapMs: number;
  private readonly backoffCapMs: number;
  private readonly rateLimitBaseMs: number;
  private readonly random: () => number;

  private readonly listeners = new Set<Listener>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private staleTimer: ReturnType<typeof setTimeout> | undefined;
  private controller: AbortController | undefined;
  private running: Promise<void> | undefined;
  private started = false;
  /** A refresh asked for while a cycle was running: run again right after it. */
  private rerun = false;
  /** IDs the user asked to refresh even though they are final / not found. Kept until fetched. */
  private readonly extra = new Set<string>();
  private failures = 0;
  private lastAttemptFailed = false;
  private cycleStartedAt: number | undefined;
  private lastVisibleKey = '';
  private state: Omit<PollerStatus, 'stale'> = {
    inFlight: false,
    activeCount: 0,
    paused: false,
    requests: 0,
    cycles: 0,
  };

  constructor(opts: PollerOptions) {
    this.target = opts.target;
    const source = opts.source ?? (opts.client ? sourceFromClient(opts.client) : undefined);
    if (!source) throw new TypeError('Poller needs a client or a source');
    this.source = source;
    this.intervalMs = positive(opts.intervalMs, DEFAULT_INTERVAL_MS);
    this.now = opts.now ?? Date.now;
    this.share = opts.budgetShare ?? DEFAULT_BUDGET_SHARE;
    this.label = opts.label;
    this.maintenanceBaseMs = positive(opts.maintenanceBaseMs, DEFAULT_MAINTENANCE_BASE_MS);
    this.maintenanceCapMs = positive(opts.maintenanceCapMs, DEFAULT_MAINTENANCE_CAP_MS);
    this.backoffCapMs = positive(opts.backoffCapMs, DEFAULT_BACKOFF_CAP_MS);
    this.rateLimitBaseMs = positive(opts.rateLimitBaseMs, this.intervalMs);
    this.random = opts.random ?? Math.random;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule(0);
  }

  /** Cancels the timer, aborts the call in flight and waits for the cycle to wind down. Never rejects. */
  async stop(): Promise<void> {
    this.started = false;
    this.rerun = false;
    this.clearTimers();
    this.controller?.abort();
    try {
      await this.running;
    } catch {
      // runCycle catches everything; this is only belt and braces for the "never throws" promise.
    }
    this.clearTimers();
  }

  /**
   * Poll the due jobs now, plus `extraIds` even if final or not found (a user-requested refresh). Also
   * resumes polling paused by a rejected token. A 429's wait and a spent budget are still honoured.
   */
  refreshNow(extraIds: readonly string[] = []): void {
    try {
      for (const id of extraIds) this.extra.add(id);
      this.resume();
    } catch {
      // never throw into a key handler
    }
  }

  /** Resume after the token was rejected (e.g. the user fixed it), without waiting for the interval. */
  resume(): void {
    try {
      if (!this.started) return;
      if (this.state.paused) {
        this.state.paused = false;
        this.emit(false);
      }
      if (this.running) {
        this.rerun = true;
        return;
      }
      const until = this.state.rateLimitedUntil;
      if (until !== undefined && until > this.now()) {
        // Keep the wait that is already scheduled: a key press must not buy a request the server will refuse.
        if (this.timer === undefined) this.scheduleAt(until);
        return;
      }
      this.schedule(0);
    } catch {
      // as above
    }
  }

  status(): PollerStatus {
    return { ...this.state, stale: this.isStale() };
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  // ---- the cycle ----

  private schedule(delayMs: number): void {
    this.scheduleAt(this.now() + Math.max(0, delayMs));
  }

  private scheduleAt(at: number): void {
    if (!this.started) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.state.nextPollAt = at;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, at - this.now()));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const run = this.runCycle();
      this.running = run;
      void run.finally(() => {
        if (this.running === run) this.running = undefined;
      });
    }, delay);
  }

  private async runCycle(): Promise<void> {
    try {
      await this.cycle();
    } catch (err) {
      // A bug or a throwing target must not end polling: report it and try again later.
      this.state.inFlight = false;
      this.cycleStartedAt = undefined;
      this.state.flash = {
        message: sanitizeSnippet(`Poller error: ${errorText(err)}`, 80),
        at: this.now(),
        level: 'error',
      };
      this.lastAttemptFailed = true;
      this.failures++;
      this.emit(true);
      this.schedule(backoffDelay(this.failures, this.intervalMs, this.backoffCapMs, this.random));
    } finally {
      this.state.inFlight = false;
      this.cycleStartedAt = undefined;
      this.clearStaleTimer();
    }
  }

  private async cycle(): Promise<void> {
    if (!this.started || this.state.paused) return;
    const now = this.now();
    const until = this.state.rateLimitedUntil;
    if (until !== undefined && now < until) {
      this.scheduleAt(until);
      return;
    }

    const due = dueIds(this.target, this.extra);
    const calls = Math.ceil(due.length / BULK_LIMIT);
    this.state.activeCount = due.length;
    if (calls === 0) {
      this.extra.clear();
      this.scheduleNext(0);
      this.emit(false);
      return;
    }

    const gate = planCycle({ rateLimit: this.source.rateLimit(), now, calls, share: this.share });
    if (gate.kind === 'wait') {
      this.holdForBudget(gate.until);
      this.emit(false);
      return;
    }

    this.state.inFlight = true;
    this.state.lastAttemptAt = now;
    this.cycleStartedAt = now;
    this.armStaleTimer();
    this.emit(false);

    const controller = new AbortController();
    this.controller = controller;
    const changes = new Map<string, Snapshot>();
    const itemErrors: { id: string; error: ApiErrorBody }[] = [];
    let failure: unknown;
    let sent = false;
    for (const ids of chunksOf(due, BULK_LIMIT)) {
      let items: BulkItem[];
      try {
        this.state.requests++;
        sent = true;
        items = await this.source.fetchBulk(ids, controller.signal);
      } catch (err) {
        failure = err;
        break;
      } finally {
        this.state.rateLimit = this.source.rateLimit() ?? this.state.rateLimit;
      }
      if (controller.signal.aborted) break;
      this.collect(items, changes, itemErrors);
    }
    if (this.controller === controller) this.controller = undefined;
    if (sent) this.state.cycles++;
    this.state.inFlight = false;
    this.cycleStartedAt = undefined;
    this.clearStaleTimer();
    if (controller.signal.aborted || !this.started) return;

    // What earlier chunks brought is kept even when a later one failed.
    if (changes.size > 0) this.target.putSnapshots(changes);

    if (failure !== undefined) {
      this.onFault(classifyFault(failure));
      return;
    }
    this.onSuccess(itemErrors, calls);
  }

  private collect(
    items: BulkItem[],
    changes: Map<string, Snapshot>,
    itemErrors: { id: string; error: ApiErrorBody }[],
  ): void {
    const fetchedAt = new Date(this.now()).toISOString();
    for (const item of items) {
      this.extra.delete(item.id);
      const next = snapshotFromItem(item, fetchedAt);
      if ('itemError' in next) {
        itemErrors.push({ id: item.id, error: next.itemError });
        continue;
      }
      if (!sameSnapshot(this.target.snapshot(item.id), next)) changes.set(item.id, next);
    }
  }

  /** `calls`: this cycle's size, the estimate for the next one (jobs only leave the due set between cycles). */
  private onSuccess(itemErrors: { id: string; error: ApiErrorBody }[], calls: number): void {
    const now = this.now();
    this.failures = 0;
    this.lastAttemptFailed = false;
    this.state.lastSuccessAt = now;
    this.state.banner = undefined;
    this.state.rateLimitedUntil = undefined;
    const [first] = itemErrors;
    if (first) {
      const more = itemErrors.length > 1 ? ` (+${itemErrors.length - 1} more)` : '';
      const status = first.error.status !== undefined ? `HTTP ${first.error.status}: ` : '';
      const message = `${first.id}: ${status}${errorText(first.error.message ?? 'error item')}`;
      this.state.flash = { message: sanitizeSnippet(message, 80) + more, at: now, level: 'error' };
    } else if (this.state.flash?.level === 'error') {
      // The problem it reported is over; an info flash stays for the UI to expire.
      this.state.flash = undefined;
    }
    this.scheduleNext(calls);
    this.emit(true);
  }

  private onFault(fault: FaultReaction): void {
    const now = this.now();
    this.failures++;
    this.lastAttemptFailed = true;
    switch (fault.kind) {
      case 'auth': {
        const where = this.label ? ` by ${this.label}` : '';
        this.state.banner = {
          kind: 'auth',
          message: `Token rejected${where} (${fault.message}). Polling paused: fix the token, then refresh.`,
        };
        this.state.paused = true;
        this.state.nextPollAt = undefined;
        break;
      }
      case 'rate-limited': {
        // Only this reply's own reset time counts: an older reply's window may be long gone or far off.
        const known = fault.retryAt !== undefined && fault.retryAt > now ? fault.retryAt : undefined;
        const until =
          known ?? now + backoffDelay(this.failures, this.rateLimitBaseMs, this.backoffCapMs, this.random);
        this.state.rateLimitedUntil = until;
        this.state.banner = {
          kind: 'rate-limited',
          message: 'Rate limit exceeded: waiting for the reset',
          until,
        };
        this.scheduleAt(until);
        break;
      }
      case 'maintenance': {
        const delay = maintenanceDelay(this.failures, this.maintenanceBaseMs, this.maintenanceCapMs);
        this.state.banner = {
          kind: 'maintenance',
          message: 'Platform under maintenance',
          until: now + delay,
        };
        this.schedule(delay);
        break;
      }
      case 'offline': {
        const delay = backoffDelay(this.failures, this.intervalMs, this.backoffCapMs, this.random);
        this.state.banner = { kind: 'offline', message: `Offline: ${fault.message}`, until: now + delay };
        this.schedule(delay);
        break;
      }
      case 'transient': {
        // A banner belongs to a lasting condition; a different error now means that condition may be over.
        if (this.state.banner?.kind === 'offline' || this.state.banner?.kind === 'maintenance') {
          this.state.banner = undefined;
        }
        this.state.flash = { message: fault.message, at: now, level: 'error' };
        this.schedule(backoffDelay(this.failures, this.intervalMs, this.backoffCapMs, this.random));
        break;
      }
    }
    this.emit(true);
  }

  /** The next regular cycle: the interval, or later when the budget asks for spacing. */
  private scheduleNext(calls: number): void {
    if (this.rerun) {
      this.rerun = false;
      this.schedule(0);
      return;
    }
    const plan = planCycle({ rateLimit: this.source.rateLimit(), now: this.now(), calls, share: this.share });
    if (plan.kind === 'wait') {
      this.holdForBudget(plan.until);
      return;
    }
    this.schedule(Math.max(this.intervalMs, plan.delayMs));
  }

  /** This window's share is spent: say so and send nothing before the reset. The caller emits. */
  private holdForBudget(until: number): void {
    const share = Math.round(Math.min(1, this.share) * 100);
    this.state.banner = {
      kind: 'rate-limited',
      message: `Rate budget for this window used (${share}% of the limit): waiting for the reset`,
      until,
    };
    this.scheduleAt(until);
  }

  private isStale(): boolean {
    if (this.lastAttemptFailed) return true;
    const started = this.cycleStartedAt;
    return started !== undefined && this.now() - started > 2 * this.intervalMs;
  }

  /** A hung call makes the rows stale without any event: tell the listeners when that moment comes. */
  private armStaleTimer(): void {
    this.clearStaleTimer();
    this.staleTimer = setTimeout(
      () => {
        this.staleTimer = undefined;
        this.emit(false);
      },
      2 * this.intervalMs + 1,
    );
  }

  private clearStaleTimer(): void {
    if (this.staleTimer !== undefined) clearTimeout(this.staleTimer);
    this.staleTimer = undefined;
  }

  private clearTimers(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.clearStaleTimer();
  }

  /**
   * Listeners hear about visible changes (banner, flash, stale, pause, counts) at once; timing-only
   * changes (last/next poll time, request counters, rate-limit figures) ride along once per cycle (`force`).
   */
  private emit(force: boolean): void {
    const status = this.status();
    const key = JSON.stringify([
      status.banner,
      status.flash,
      status.stale,
      status.paused,
      status.activeCount,
      status.rateLimitedUntil,
    ]);
    if (!force && key === this.lastVisibleKey) return;
    this.lastVisibleKey = key;
    for (const listener of [...this.listeners]) {
      try {
        listener(status);
      } catch {
        // A broken listener must not stop the poller or the other listeners.
      }
    }
  }
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

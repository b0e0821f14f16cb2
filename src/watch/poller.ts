import { sanitizeSnippet } from '../platform/errors.js';
import { BULK_LIMIT } from '../platform/exports.js';
import { errorText } from '../values.js';
import { backoffDelay } from './backoff.js';
import { planCycle } from './budget.js';
import { AskLog, dueInOrder } from './due.js';
import { classifyFault } from './faults.js';
import { type FetchContext, fetchDue, type ItemError, itemErrorFlash } from './fetch-due.js';
import { LearningProgress } from './learning.js';
import { type PollerConfig, pollerConfig } from './poller-config.js';
import { Scheduler } from './scheduler.js';
import { type Listener, StatusEmitter } from './status.js';
import type { Banner, PollerOptions, PollerStatus } from './types.js';

export type { Clock } from './clock.js';
export type { PollTarget } from './due.js';
export { DEFAULT_INTERVAL_MS, sourceFromClient } from './poller-config.js';
export type { Banner, BannerKind, PollerOptions, PollerStatus, PollSource } from './types.js';

/**
 * Keeps the snapshots of non-final watched jobs fresh with bulk calls, within the rate budget, through every
 * fault the platform can throw. Plain TypeScript: the UI subscribes; nothing here throws into the caller.
 * The reaction to faults is fault-policy.ts, the calls of a cycle fetch-due.ts, the timers scheduler.ts (on an
 * injectable clock), the listeners status.ts.
 */
export class Poller {
  private readonly cfg: PollerConfig;
  private readonly emitter = new StatusEmitter();
  private readonly scheduler: Scheduler;

  private controller: AbortController | undefined;
  private running: Promise<void> | undefined;
  private started = false;
  /** A refresh asked for while a cycle was running: run again right after it. */
  private rerun = false;
  /** IDs the user asked to refresh even though they are final / not found. Kept until fetched. */
  private readonly extra = new Set<string>();
  private readonly asked = new AskLog();
  private readonly learning = new LearningProgress();
  private readonly fetchContext: FetchContext;
  private failures = 0;
  private lastAttemptFailed = false;
  private cycleStartedAt: number | undefined;
  private state: Omit<PollerStatus, 'stale'> = {
    inFlight: false,
    activeCount: 0,
    paused: false,
    requests: 0,
    cycles: 0,
  };

  constructor(opts: PollerOptions) {
    this.cfg = pollerConfig(opts);
    this.scheduler = new Scheduler(this.cfg.clock, () => this.startCycle());
    this.fetchContext = {
      source: this.cfg.source,
      target: this.cfg.target,
      now: () => this.cfg.clock.now(),
      share: this.cfg.share,
      sending: (ids) => {
        this.asked.mark(ids);
        this.state.requests++;
      },
      replied: () => {
        this.state.rateLimit = this.cfg.source.rateLimit() ?? this.state.rateLimit;
      },
      fetched: (id) => this.extra.delete(id),
    };
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.scheduleAt(this.cfg.clock.now());
  }

  /** Cancels the timer, aborts the call in flight and waits for the cycle to wind down. Never rejects. */
  async stop(): Promise<void> {
    this.started = false;
    this.rerun = false;
    this.scheduler.clearAll();
    this.controller?.abort();
    await this.running;
    this.scheduler.clearAll();
  }

  /**
   * Poll the due jobs now, plus `extraIds` even if final, not found or gone (a user-requested refresh). Also
   * resumes polling paused by a rejected token. A 429's wait and a spent budget are still honoured.
   */
  refreshNow(extraIds: readonly string[] = []): void {
    for (const id of extraIds) this.extra.add(id);
    this.resume();
  }

  /** Resume after the token was rejected (e.g. the user fixed it), without waiting for the interval. */
  resume(): void {
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
    if (until !== undefined && until > this.cfg.clock.now()) {
      // Keep the wait that is already scheduled: a key press must not buy a request the server will refuse.
      if (!this.scheduler.pending) this.scheduleAt(until);
      return;
    }
    this.scheduleAt(this.cfg.clock.now());
  }

  status(): PollerStatus {
    return { ...this.state, stale: this.isStale() };
  }

  subscribe(listener: Listener): () => void {
    return this.emitter.subscribe(listener);
  }

  // ---- the cycle ----

  private scheduleAt(at: number): void {
    if (!this.started) return;
    this.state.nextPollAt = at;
    this.scheduler.scheduleAt(at);
  }

  private schedule(delayMs: number): void {
    this.scheduleAt(this.cfg.clock.now() + Math.max(0, delayMs));
  }

  private startCycle(): void {
    const run = this.runCycle();
    this.running = run;
    void run.finally(() => {
      if (this.running === run) this.running = undefined;
    });
  }

  private async runCycle(): Promise<void> {
    try {
      await this.cycle();
    } catch (err) {
      // A bug or a throwing target must not end polling: report it and try again later.
      this.endFlight();
      const message = sanitizeSnippet(`Poller error: ${errorText(err)}`, 80);
      this.state.flash = { message, at: this.cfg.clock.now(), level: 'error' };
      this.lastAttemptFailed = true;
      this.failures++;
      this.emit(true);
      this.schedule(backoffDelay(this.failures, this.cfg.intervalMs, this.cfg.backoffCapMs, this.cfg.random));
    } finally {
      this.endFlight();
    }
  }

  private async cycle(): Promise<void> {
    if (!this.started || this.state.paused) return;
    const now = this.cfg.clock.now();
    const until = this.state.rateLimitedUntil;
    if (until !== undefined && now < until) {
      this.scheduleAt(until);
      return;
    }
    const due = dueInOrder(this.cfg.target, this.extra, this.asked);
    const calls = Math.ceil(due.ids.length / BULK_LIMIT);
    this.state.activeCount = due.ids.length;
    if (calls === 0) {
      this.extra.clear();
      this.state.learning = this.learning.update(0, true, 0);
      this.scheduleNext(0);
      this.emit(false);
      return;
    }
    const gate = planCycle({ rateLimit: this.cfg.source.rateLimit(), now, calls, share: this.cfg.share });
    if (gate.kind === 'wait') {
      this.holdForBudget(gate.until);
      this.emit(false);
      return;
    }
    this.beginFlight(now);
    const controller = new AbortController();
    this.controller = controller;
    const got = await fetchDue(this.fetchContext, due.ids, gate.calls, controller.signal);
    if (this.controller === controller) this.controller = undefined;
    if (got.sent > 0) this.state.cycles++;
    // Extras left over after a full pass were not watched: nothing will ever fetch them.
    if (got.complete) this.extra.clear();
    this.endFlight();
    if (controller.signal.aborted || !this.started) return;
    // What earlier chunks brought is kept even when a later one failed.
    if (got.changes.size > 0) this.cfg.target.putSnapshots(got.changes);
    this.state.learning = this.learning.update(due.unknown - got.learned, got.complete, got.learned);
    if (got.failure !== undefined) {
      this.onFault(classifyFault(got.failure));
      return;
    }
    this.onSuccess(got.itemErrors, calls);
  }

  private beginFlight(now: number): void {
    this.state.inFlight = true;
    this.state.lastAttemptAt = now;
    this.cycleStartedAt = now;
    // A hung call makes the rows stale without any event: tell the listeners when that moment comes.
    this.scheduler.armStale(2 * this.cfg.intervalMs + 1, () => this.emit(false));
    this.emit(false);
  }

  private endFlight(): void {
    this.state.inFlight = false;
    this.cycleStartedAt = undefined;
    this.scheduler.clearStale();
  }

  /** `calls`: this cycle's size, the estimate for the next one (jobs only leave the due set between cycles). */
  private onSuccess(itemErrors: ItemError[], calls: number): void {
    const now = this.cfg.clock.now();
    this.failures = 0;
    this.lastAttemptFailed = false;
    this.state.lastSuccessAt = now;
    this.state.banner = undefined;
    this.state.rateLimitedUntil = undefined;
    const flash = itemErrorFlash(itemErrors);
    if (flash !== undefined) {
      this.state.flash = { message: flash, at: now, level: 'error' };
    } else if (this.state.flash?.level === 'error') {
      // The problem it reported is over; an info flash stays for the UI to expire.
      this.state.flash = undefined;
    }
    this.scheduleNext(calls);
    this.emit(true);
  }

  private onFault(fault: ReturnType<typeof classifyFault>): void {
    const now = this.cfg.clock.now();
    this.failures++;
    this.lastAttemptFailed = true;
    const decision = this.cfg.policy(fault, this.failures, now);
    this.state.banner = decision.banner;
    this.state.paused = decision.pause;
    this.state.rateLimitedUntil = decision.rateLimitedUntil;
    if (decision.flash !== undefined) this.state.flash = { message: decision.flash, at: now, level: 'error' };
    if (decision.next === undefined) {
      this.scheduler.cancel();
      this.state.nextPollAt = undefined;
    } else {
      this.scheduleAt(decision.next);
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
    const now = this.cfg.clock.now();
    const plan = planCycle({ rateLimit: this.cfg.source.rateLimit(), now, calls, share: this.cfg.share });
    if (plan.kind === 'wait') {
      this.holdForBudget(plan.until);
      return;
    }
    this.schedule(Math.max(this.cfg.intervalMs, plan.delayMs));
  }

  /**
   * This window's share is spent: send nothing before the reset. Said in a banner, except while learning a
   * first pass (the header shows its progress, and waiting for the next window is its normal course).
   */
  private holdForBudget(until: number): void {
    this.state.banner = this.state.learning ? undefined : budgetBanner(this.cfg.share, until);
    this.scheduleAt(until);
  }

  private isStale(): boolean {
    if (this.lastAttemptFailed) return true;
    const started = this.cycleStartedAt;
    return started !== undefined && this.cfg.clock.now() - started > 2 * this.cfg.intervalMs;
  }

  private emit(force: boolean): void {
    this.emitter.emit(this.status(), force);
  }
}

function budgetBanner(share: number, until: number): Banner {
  const percent = Math.round(Math.min(1, share) * 100);
  const message = `Rate budget for this window used (${percent}% of the limit): waiting for the reset`;
  return { kind: 'rate-limited', message, until };
}

import type { Clock, TimerHandle } from '../../src/watch/clock.js';
import type { Poller } from '../../src/watch/poller.js';

/** 2026-01-01T00:00:00Z: a whole second, so reset headers in epoch seconds land exactly. */
export const T0 = Date.UTC(2026, 0, 1);

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
}

/**
 * The poller's clock in tests: time moves only when the test says, by jumping to the next timer. So a test
 * sees exactly the waits the poller chose, however busy the machine is (the HTTP under it stays real).
 */
export class VirtualClock implements Clock {
  private t: number;
  private seq = 0;
  private readonly queue = new Map<number, Pending>();

  constructor(start = T0) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimer(fn: () => void, delayMs: number): TimerHandle {
    const seq = ++this.seq;
    this.queue.set(seq, { at: this.t + Math.max(0, delayMs), seq, fn });
    return seq;
  }

  clearTimer(handle: TimerHandle): void {
    this.queue.delete(handle as number);
  }

  pending(): number {
    return this.queue.size;
  }

  /** When the earliest timer fires; undefined when none is set. */
  nextAt(): number | undefined {
    return this.earliest()?.at;
  }

  /** Jump to the earliest timer and run it; false when none is set. */
  runNext(): boolean {
    const next = this.earliest();
    if (!next) return false;
    this.queue.delete(next.seq);
    this.t = Math.max(this.t, next.at);
    next.fn();
    return true;
  }

  /** Move time forward by `ms`, running every timer that falls due on the way, in order. */
  advanceBy(ms: number): void {
    const end = this.t + ms;
    for (let next = this.earliest(); next && next.at <= end; next = this.earliest()) this.runNext();
    this.t = end;
  }

  private earliest(): Pending | undefined {
    let best: Pending | undefined;
    for (const p of this.queue.values()) {
      if (!best || p.at < best.at || (p.at === best.at && p.seq < best.seq)) best = p;
    }
    return best;
  }
}

/** A hang guard only (real HTTP answers take real time); no assertion depends on it. */
const SETTLE_GUARD_MS = 30_000;

/**
 * Drives a poller on a VirtualClock: waits (in real time) until its current cycle has ended — the HTTP calls
 * are real — then jumps to its next timer. A paused or stopped poller has no timer: then nothing runs.
 */
export class Driver {
  private readonly pollers: Poller[];

  /** Several pollers may share the clock (one per platform): the driver waits for all of them. */
  constructor(
    readonly clock: VirtualClock,
    ...pollers: [Poller, ...Poller[]]
  ) {
    this.pollers = pollers;
  }

  /** Until the poller is between cycles (nothing in flight; what follows a reply runs without a timer). */
  async settle(): Promise<void> {
    const deadline = Date.now() + SETTLE_GUARD_MS;
    for (;;) {
      // Let replies and the cycle's own continuations run first.
      await new Promise((r) => setImmediate(r));
      const busy = this.pollers.map((p) => p.status()).filter((s) => s.inFlight);
      if (busy.length === 0) return;
      if (Date.now() > deadline) throw new Error(`a poller did not settle: ${JSON.stringify(busy)}`);
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  /** Settle, then run the next timer. Returns false when none was set. */
  async step(): Promise<boolean> {
    await this.settle();
    return this.clock.runNext();
  }

  /** Steps until `check` holds after a settled cycle; fails after `maxSteps` cycles (not after a time). */
  async until(check: () => boolean, what: string, maxSteps = 60): Promise<void> {
    for (let i = 0; i <= maxSteps; i++) {
      await this.settle();
      if (check()) return;
      if (!this.clock.runNext()) break;
    }
    await this.settle();
    if (!check()) throw new Error(`not reached within ${maxSteps} timer steps: ${what}`);
  }

  /** Run `n` timers (cycles, back-offs, waits), settling after each. */
  async steps(n: number): Promise<void> {
    for (let i = 0; i < n; i++) if (!(await this.step())) break;
    await this.settle();
  }
}

import type { Clock, TimerHandle } from './clock.js';

/**
 * The poller's two timers on its clock: the one chain of cycles (a cycle schedules the next only when it ends,
 * so two never overlap and a slow server cannot pile requests up), and the moment a hung call makes the rows
 * stale. Timers are not unref()'d: the TUI lives on them.
 */
export class Scheduler {
  private timer: TimerHandle | undefined;
  private staleTimer: TimerHandle | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly fire: () => void,
  ) {}

  get pending(): boolean {
    return this.timer !== undefined;
  }

  /** Replace the pending cycle (if any) with one at `at` (now, if that is past). */
  scheduleAt(at: number): void {
    this.cancel();
    this.timer = this.clock.setTimer(
      () => {
        this.timer = undefined;
        this.fire();
      },
      Math.max(0, at - this.clock.now()),
    );
  }

  cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  armStale(delayMs: number, onStale: () => void): void {
    this.clearStale();
    this.staleTimer = this.clock.setTimer(() => {
      this.staleTimer = undefined;
      onStale();
    }, delayMs);
  }

  clearStale(): void {
    if (this.staleTimer !== undefined) this.clock.clearTimer(this.staleTimer);
    this.staleTimer = undefined;
  }

  clearAll(): void {
    this.cancel();
    this.clearStale();
  }
}

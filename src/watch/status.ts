import type { PollerStatus } from './types.js';

export type Listener = (status: PollerStatus) => void;

/**
 * Tells the listeners about visible changes (banner, flash, stale, pause, counts, learning progress) at once;
 * timing-only changes (last/next poll time, request counters, rate-limit figures) ride along once per cycle
 * (`force`). A throwing listener stops neither the poller nor the other listeners.
 */
export class StatusEmitter {
  private readonly listeners = new Set<Listener>();
  private lastVisibleKey = '';

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(status: PollerStatus, force: boolean): void {
    const key = JSON.stringify([
      status.banner,
      status.flash,
      status.stale,
      status.paused,
      status.activeCount,
      status.rateLimitedUntil,
      status.learning,
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

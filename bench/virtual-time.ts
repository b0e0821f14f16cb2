// A clock that jumps: long timers (the poller's intervals, its stale timer) wait in a queue and fire when the
// driver advances the clock to them; short ones (undici's, the store's debounce) stay real. Ten minutes of
// polling at the default 5 s interval then take a second or two, with every request still real HTTP.
// Time does not move while a cycle's requests are in flight, which, if anything, overstates the request rate.

type Callback = (...args: unknown[]) => void;

interface Pending {
  at: number;
  seq: number;
  fn: Callback;
  args: unknown[];
}

class VirtualHandle {
  constructor(readonly id: number) {}
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  hasRef(): boolean {
    return true;
  }
  refresh(): this {
    return this;
  }
  [Symbol.toPrimitive](): number {
    return -this.id;
  }
}

export interface VirtualTimers {
  now(): number;
  pending(): number;
  /** Jump to the earliest queued timer and run it; false when none is queued. */
  advance(): boolean;
  restore(): void;
}

/**
 * Patches the global setTimeout/clearTimeout until restore(). Timers of at least `minDelayMs` are virtual.
 * undici hands every timeout above 1 s to its own 0.5 s ticker, so the default 1001 leaves it real.
 */
export function installVirtualTimers(startMs: number, minDelayMs = 1001): VirtualTimers {
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  const queue = new Map<number, Pending>();
  let now = startMs;
  let seq = 0;

  const patchedSet = (fn: Callback, delay?: number, ...args: unknown[]) => {
    const ms = Number(delay) || 0;
    if (ms < minDelayMs || typeof fn !== 'function') return realSet(fn, delay, ...args);
    seq++;
    queue.set(seq, { at: now + ms, seq, fn, args });
    return new VirtualHandle(seq);
  };
  const patchedClear = (handle: unknown) => {
    if (handle instanceof VirtualHandle) queue.delete(handle.id);
    else realClear(handle as Parameters<typeof clearTimeout>[0]);
  };
  globalThis.setTimeout = patchedSet as unknown as typeof setTimeout;
  globalThis.clearTimeout = patchedClear as typeof clearTimeout;

  return {
    now: () => now,
    pending: () => queue.size,
    advance() {
      let next: Pending | undefined;
      for (const p of queue.values()) {
        if (!next || p.at < next.at || (p.at === next.at && p.seq < next.seq)) next = p;
      }
      if (!next) return false;
      queue.delete(next.seq);
      now = Math.max(now, next.at);
      next.fn(...next.args);
      return true;
    },
    restore() {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
      queue.clear();
    },
  };
}

/** A timer handle as the clock's own setTimer returned it. */
export type TimerHandle = unknown;

/**
 * Where the poller reads the time and sets its timers. The default is the system's; tests and the benchmark
 * inject a virtual one so that waits of minutes run in no time and nothing depends on how busy the machine is.
 */
export interface Clock {
  now(): number;
  setTimer(fn: () => void, delayMs: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

/** setTimeout's delay is a signed 32-bit int: anything longer fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export function systemClock(now: () => number = Date.now): Clock {
  return {
    now,
    setTimer: (fn, delayMs) => setTimeout(fn, Math.min(MAX_TIMER_MS, Math.max(0, delayMs))),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

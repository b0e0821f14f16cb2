// One clock for the whole screen. It ticks once a second while a job is active, and nothing re-renders
// for it but the components that show time (the spinner, a stale age, a running job's elapsed cells):
// each reads it through a selector, and React re-renders a component only when its selected value moves.
import { createContext, type ReactNode, useContext, useEffect, useState, useSyncExternalStore } from 'react';

export const TICK_MS = 1000;

export class Ticker {
  #now: number;
  readonly #listeners = new Set<() => void>();

  constructor(private readonly read: () => number) {
    this.#now = read();
  }

  now = (): number => this.#now;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  tick(): void {
    this.#now = this.read();
    for (const listener of this.#listeners) listener();
  }
}

const ClockContext = createContext<Ticker>(new Ticker(Date.now));

/** Makes the screen's ticker; it runs only while `active`, never on a frozen clock. */
export function useTicker(read: () => number, active: boolean, frozen: boolean): Ticker {
  const [ticker] = useState(() => new Ticker(read));
  useEffect(() => {
    if (!active || frozen) return;
    const timer = setInterval(() => ticker.tick(), TICK_MS);
    return () => clearInterval(timer);
  }, [ticker, active, frozen]);
  return ticker;
}

export function ClockProvider({ ticker, children }: { ticker: Ticker; children: ReactNode }) {
  return <ClockContext.Provider value={ticker}>{children}</ClockContext.Provider>;
}

/** What this component shows of the time; it re-renders only when `select` gives a new value. */
export function useClock<T extends string | number | boolean>(select: (now: number) => T): T {
  const ticker = useContext(ClockContext);
  return useSyncExternalStore(ticker.subscribe, () => select(ticker.now()));
}

/** The ticker itself, for work that reads the time on an event (a key, a status re-read). */
export function useTickerContext(): Ticker {
  return useContext(ClockContext);
}

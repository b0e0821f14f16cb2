// The poller's status as React state. "Stale" is a matter of time passing, so it is re-read on the clock's
// tick too, but state is set only when something in it changed: an idle tick draws nothing.
import { useEffect, useState } from 'react';
import type { PollerPort, PollerStatusView } from '../ports.js';
import type { Ticker } from './use-clock.js';

export function sameStatus(a: PollerStatusView, b: PollerStatusView): boolean {
  return (
    a.lastSuccessAt === b.lastSuccessAt &&
    a.inFlight === b.inFlight &&
    a.stale === b.stale &&
    a.rateLimit?.limit === b.rateLimit?.limit &&
    a.rateLimit?.remaining === b.rateLimit?.remaining &&
    a.rateLimit?.resetAt === b.rateLimit?.resetAt &&
    a.banner?.kind === b.banner?.kind &&
    a.banner?.message === b.banner?.message &&
    a.banner?.until === b.banner?.until &&
    a.flash?.message === b.flash?.message &&
    a.flash?.at === b.flash?.at &&
    a.flash?.level === b.flash?.level &&
    a.paused === b.paused &&
    a.learning?.done === b.learning?.done &&
    a.learning?.total === b.learning?.total &&
    samePlatforms(a.platforms, b.platforms)
  );
}

function samePlatforms(a: PollerStatusView['platforms'], b: PollerStatusView['platforms']): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((p, i) => p.name === b[i]!.name && sameStatus(p.status, b[i]!.status));
}

export function usePollerStatus(poller: PollerPort, ticker: Ticker): PollerStatusView {
  const [status, setStatus] = useState(() => poller.status());
  useEffect(() => {
    const update = (next: PollerStatusView) => setStatus((prev) => (sameStatus(prev, next) ? prev : next));
    const offPoller = poller.subscribe(update);
    const offTick = ticker.subscribe(() => update(poller.status()));
    return () => {
      offPoller();
      offTick();
    };
  }, [poller, ticker]);
  return status;
}

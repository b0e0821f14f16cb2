// Several platforms' pollers as the one PollerPort the screen reads: a refresh goes to the poller of each
// job's own platform, and the status keeps each platform's own (a 401 on CGC pauses and dims only CGC's
// rows) while the combined fields say which platform a banner or flash is about.
import type { PlatformPoller, PlatformStatus, PollerPort, PollerStatusView } from './ports.js';

type Banner = NonNullable<PollerStatusView['banner']>;

/** What a platform's banner says in a few words, for the header's per-platform summary. */
export function bannerWord(kind: string): string {
  switch (kind) {
    case 'auth':
      return 'token rejected';
    case 'maintenance':
      return 'maintenance';
    case 'offline':
      return 'offline';
    case 'rate-limited':
      return 'rate limited';
    default:
      return kind;
  }
}

function combinedBanner(each: readonly PlatformStatus[], named: boolean): Banner | undefined {
  const with_ = each.filter((p) => p.status.banner);
  const first = with_[0]?.status.banner;
  if (!first) return undefined;
  if (!named) return first;
  // Every platform's problem on the one line, each under its name: a person must know whose token it is.
  const message = with_.map((p) => `${p.name}: ${p.status.banner!.message}`).join(' · ');
  return { kind: first.kind, message, until: first.until };
}

function combinedFlash(each: readonly PlatformStatus[], named: boolean): PollerStatusView['flash'] {
  let latest: PlatformStatus | undefined;
  for (const p of each) {
    const f = p.status.flash;
    if (f && (!latest || f.at > latest.status.flash!.at)) latest = p;
  }
  const flash = latest?.status.flash;
  if (!flash || !named) return flash;
  return { ...flash, message: `${latest!.name}: ${flash.message}` };
}

function combinedLearning(each: readonly PlatformStatus[]): PollerStatusView['learning'] {
  let done = 0;
  let total = 0;
  for (const { status } of each) {
    if (!status.learning) continue;
    done += status.learning.done;
    total += status.learning.total;
  }
  return total > 0 ? { done, total } : undefined;
}

/** The statuses of several platforms as one view; `platforms` keeps each. */
export function combineStatus(each: readonly PlatformStatus[]): PollerStatusView {
  if (each.length === 1) return each[0]!.status;
  const named = each.length > 1;
  const successes = each.map((p) => p.status.lastSuccessAt).filter((t): t is number => t !== undefined);
  return {
    // The oldest of the platforms' refreshes: the header must not claim fresher rows than some are. (A
    // platform with nothing to ask has none.)
    lastSuccessAt: successes.length > 0 ? Math.min(...successes) : undefined,
    inFlight: each.some((p) => p.status.inFlight),
    stale: each.some((p) => p.status.stale),
    paused: each.some((p) => p.status.paused),
    banner: combinedBanner(each, named),
    flash: combinedFlash(each, named),
    learning: combinedLearning(each),
    platforms: each,
  };
}

/**
 * One port over several pollers. `endpointOfId` says where a watched job lives (undefined: not watched);
 * an ID of a platform without a poller (no token here) is never sent anywhere.
 */
export function routedPoller(
  pollers: readonly PlatformPoller[],
  endpointOfId: (id: string) => string | undefined,
): PollerPort {
  if (pollers.length === 1 && pollers[0]!.endpoint === '') return pollers[0]!.poller;
  const statuses = (): PlatformStatus[] =>
    pollers.map((p) => ({ name: p.name, endpoint: p.endpoint, status: p.poller.status() }));
  return {
    status: () => combineStatus(statuses()),
    subscribe(listener) {
      const offs = pollers.map((p) => p.poller.subscribe(() => listener(combineStatus(statuses()))));
      return () => {
        for (const off of offs) off();
      };
    },
    refreshNow(ids) {
      const mine = new Map<string, string[]>(pollers.map((p) => [p.endpoint, []]));
      for (const id of ids ?? []) {
        const endpoint = endpointOfId(id);
        if (endpoint !== undefined) mine.get(endpoint)?.push(id);
      }
      // Every platform polls its due jobs now (r refreshes the table), each with its own asked-for IDs.
      for (const p of pollers) p.poller.refreshNow(mine.get(p.endpoint));
    },
  };
}

// Which platform each row is on, and what that means on screen: one poller per platform behind the one port
// the keys use, the PLATFORM column and sort only when the list holds several, the rows dimmed and marked
// where there is no token, and the header's per-platform counts and states.
import { useMemo } from 'react';
import type { WatchEntry } from '../../store/types.js';
import { bannerWord, routedPoller } from '../pollers.js';
import type { PlatformPoller, PlatformsView, PollerPort, PollerStatusView, WatchListPort } from '../ports.js';
import type { PlatformOf } from '../row-model.js';
import { SORT_KEYS, type SortKey } from '../rows.js';

export interface PlatformSummary {
  name: string;
  /** Watched jobs on it (in scope). */
  count: number;
  /** Its poller's trouble in a word or two (`token rejected`), `no token`, else undefined: all well. */
  problem?: string;
}

export interface PlatformRouting {
  poller: PollerPort;
  platformOf?: PlatformOf;
  endpointOfId(id: string): string | undefined;
  /** The names of the platforms that have a poller. */
  polled: readonly string[];
}

const MAX_PLATFORM_WIDTH = 16;
const SORT_WITHOUT_PLATFORM = SORT_KEYS.filter((k) => k !== 'platform');

export function usePlatformRouting(
  store: WatchListPort,
  view: PlatformsView | undefined,
  pollers: readonly PlatformPoller[],
): PlatformRouting {
  return useMemo(() => {
    // One short name per distinct stored endpoint: a rebuilt 10,000-job list parses a handful of URLs.
    const names = new Map<string, string>();
    const platformOf: PlatformOf | undefined = view
      ? (entry: WatchEntry & { endpoint?: string }) => {
          const key = entry.endpoint;
          const known = key === undefined ? undefined : names.get(key);
          if (known !== undefined) return known;
          const name = view.shortName(view.endpointOf(entry));
          if (key !== undefined) names.set(key, name);
          return name;
        }
      : undefined;
    const endpointOfId = (id: string): string | undefined => {
      if (!view) return '';
      const entry = store.entry?.(id);
      return entry ? view.endpointOf(entry) : undefined;
    };
    return {
      poller: routedPoller(pollers, endpointOfId),
      platformOf,
      endpointOfId,
      polled: pollers.map((p) => p.name),
    };
  }, [store, view, pollers]);
}

export interface PlatformScreen {
  /** Several platforms in the list or polled: the header lists each. */
  summary?: readonly PlatformSummary[];
  /** The PLATFORM column's width; 0 while the list holds one platform. */
  columnWidth: number;
  sortKeys: readonly SortKey[];
  noToken: ReadonlySet<string>;
  stale: ReadonlySet<string>;
}

function problemOf(status: PollerStatusView | undefined, noToken: boolean): string | undefined {
  if (noToken) return 'no token';
  if (status?.banner) return bannerWord(status.banner.kind);
  if (status?.paused) return 'paused';
  return undefined;
}

/** `listed`: the list's jobs per platform (RowModel.platforms). */
export function usePlatformScreen(
  listed: ReadonlyMap<string, number>,
  status: PollerStatusView,
  polled: readonly string[],
): PlatformScreen {
  const counts = useMemo(() => {
    const byName = new Map<string, number>(polled.map((name) => [name, 0]));
    for (const [name, n] of listed) byName.set(name, (byName.get(name) ?? 0) + n);
    return byName;
  }, [listed, polled]);
  const inList = useMemo(() => [...counts].filter(([, n]) => n > 0).map(([name]) => name), [counts]);
  const noToken = useMemo(() => new Set(inList.filter((name) => !polled.includes(name))), [inList, polled]);
  const each = status.platforms;
  const stale = useMemo(
    () => new Set((each ?? []).filter((p) => p.status.stale || p.status.paused).map((p) => p.name)),
    [each],
  );
  const summary = useMemo(() => {
    if (counts.size < 2) return undefined;
    return [...counts].map(([name, count]) => ({
      name,
      count,
      problem: problemOf(each?.find((p) => p.name === name)?.status, noToken.has(name)),
    }));
  }, [counts, each, noToken]);
  const several = inList.length > 1;
  const columnWidth = several
    ? // Room for the title's sort arrow too.
      Math.min(MAX_PLATFORM_WIDTH, Math.max('PLATFORM ▲'.length, ...inList.map((n) => n.length)))
    : 0;
  return {
    summary,
    columnWidth,
    sortKeys: several ? SORT_KEYS : SORT_WITHOUT_PLATFORM,
    noToken,
    stale,
  };
}

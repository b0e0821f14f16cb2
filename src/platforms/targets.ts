// One poll target per platform: a view of the watch list restricted to that platform's jobs, so a poller
// built on it never asks about, nor writes to, another platform's entries.
import type { JobFacts } from '../store/facts.js';
import type { Snapshot, WatchEntry } from '../store/types.js';
import type { PollTarget } from '../watch/due.js';
import type { Platform, Platforms } from './platforms.js';

/** What the view needs of the watch list (the WatchStore, or a command's own ledger in front of it). */
export interface WatchList {
  ids(): readonly string[];
  entry(id: string): WatchEntry | undefined;
  snapshot(id: string): Snapshot | undefined;
  /** Status, state and gone without the full snapshot (the store's per-entry facts), for the due check. */
  facts?(id: string): JobFacts | undefined;
  putSnapshots(snapshots: ReadonlyMap<string, Snapshot>): void;
  /** Changes whenever ids() may have; the view re-filters only then. */
  readonly version?: number;
}

export interface PlatformTarget {
  platform: Platform;
  target: PollTarget;
}

/** A view of `list` holding only the IDs (of `only`, if given) that live on `endpoint`. */
export function platformView(
  list: WatchList,
  platforms: Platforms,
  endpoint: string,
  only?: readonly string[],
): PollTarget {
  let seenVersion: number | undefined;
  let seenIds: readonly string[] | undefined;
  let mine: string[] = [];
  const belongs = (id: string): boolean => {
    const entry = list.entry(id);
    return entry !== undefined && platforms.endpointOf(entry) === endpoint;
  };
  return {
    ids() {
      const ids = only ?? list.ids();
      // The store keeps its ID array while only snapshots change, and a job keeps its platform: filtered when
      // that array changes, not on every refresh (100,000 jobs: ~15 ms each time). A fixed `only`, or a list
      // without a version, is filtered again whenever the list's version moves.
      const byArray = only === undefined && list.version !== undefined;
      const versionMoved = list.version === undefined || list.version !== seenVersion;
      if (ids !== seenIds || (!byArray && versionMoved)) {
        mine = ids.filter(belongs);
        seenIds = ids;
        seenVersion = list.version;
      }
      return mine;
    },
    snapshot: (id) => list.snapshot(id),
    ...(list.facts && { facts: (id: string) => list.facts?.(id) }),
    putSnapshots(snaps) {
      const own = new Map([...snaps].filter(([id]) => belongs(id)));
      if (own.size > 0) list.putSnapshots(own);
    },
  };
}

/** A target for every platform with credentials here (just the narrowed one under --profile / --endpoint). */
export function platformTargets(list: WatchList, platforms: Platforms): PlatformTarget[] {
  return platforms.all().map((platform) => ({
    platform,
    target: platformView(list, platforms, platform.endpoint),
  }));
}

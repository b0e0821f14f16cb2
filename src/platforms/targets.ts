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
  /**
   * Changes whenever ids() may have; the view re-filters only then. A list with a version must give a new
   * ids() array when its IDs change, and must not move an ID to another platform while keeping that array
   * (the store does neither: a job keeps its platform).
   */
  readonly version?: number;
}

export interface PlatformTarget {
  platform: Platform;
  target: PollTarget;
}

/**
 * A view of `list` holding only the IDs (of `only`, if given) that live on `endpoint`: it lists, reads and
 * writes that platform's jobs and no other's.
 */
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
  const ids = (): readonly string[] => {
    // A list with a version is asked for its IDs only when that moved; a list without one, every time.
    if (seenIds !== undefined && list.version !== undefined && list.version === seenVersion) return mine;
    seenVersion = list.version;
    const now = only ?? list.ids();
    // The store keeps its ID array while only snapshots change: a refresh does not filter 100,000 IDs again
    // (~15 ms). A list that makes a new array each time, or a fixed `only`, is filtered whenever it moved.
    if (now === seenIds && only === undefined && list.version !== undefined) return mine;
    mine = now.filter(belongs);
    seenIds = now;
    return mine;
  };
  return {
    ids,
    snapshot: (id) => (belongs(id) ? list.snapshot(id) : undefined),
    ...(list.facts && { facts: (id: string) => (belongs(id) ? list.facts?.(id) : undefined) }),
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

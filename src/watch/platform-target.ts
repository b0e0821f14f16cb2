import type { Snapshot } from '../store/types.js';
import type { PollTarget } from './due.js';

/** What a per-platform view needs of the watch list (the store, without depending on its code). */
export interface PlatformStore extends PollTarget {
  /** Bumped by every change visible through ids() / entry(). */
  readonly version: number;
  entry(id: string): { readonly endpoint?: string } | undefined;
}

/**
 * The watch list as one platform's poller sees it: only the IDs stored with `endpoint` (a normalised API base
 * URL). A poller never asks about, nor writes, another platform's jobs. The ID list is made once per store
 * version, not on every call.
 */
export function platformTarget(store: PlatformStore, endpoint: string): PollTarget {
  let cachedVersion = -1;
  let cached: readonly string[] = [];
  let mine = new Set<string>();
  const ids = (): readonly string[] => {
    if (store.version !== cachedVersion) {
      cachedVersion = store.version;
      cached = store.ids().filter((id) => store.entry(id)?.endpoint === endpoint);
      mine = new Set(cached);
    }
    return cached;
  };
  return {
    ids,
    snapshot(id) {
      ids();
      return mine.has(id) ? store.snapshot(id) : undefined;
    },
    ...(store.facts && {
      facts(id: string) {
        ids();
        return mine.has(id) ? store.facts?.(id) : undefined;
      },
    }),
    putSnapshots(snapshots: ReadonlyMap<string, Snapshot>): void {
      ids();
      const own = new Map<string, Snapshot>();
      for (const [id, snap] of snapshots) if (mine.has(id)) own.set(id, snap);
      if (own.size > 0) store.putSnapshots(own);
    },
  };
}

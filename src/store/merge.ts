// Three-way merge of the watch list with what another process wrote since we last synced. The TUI and an
// `sbexport-tui add` from a script may both write the same file: neither may lose the other's IDs, and an ID
// one of them removed must not come back from the other's stale copy.

import type { Snapshot, WatchEntry } from './types.js';

export interface LocalChanges {
  /** IDs we added since the last sync → the ID they were inserted after (undefined: appended). */
  added: ReadonlyMap<string, string | undefined>;
  removed: ReadonlySet<string>;
}

function fetchedMs(s: Snapshot): number {
  const t = Date.parse(s.fetchedAt);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/** The newer snapshot by fetchedAt; ours on a tie (it is the one in memory, so nothing changes). */
export function newerSnapshot(
  ours: Snapshot | undefined,
  theirs: Snapshot | undefined,
): Snapshot | undefined {
  if (!ours) return theirs;
  if (!theirs) return ours;
  return fetchedMs(theirs) > fetchedMs(ours) ? theirs : ours;
}

/**
 * `changes` to save, less those whose job has a newer snapshot in `saved` (another process's, from a faster
 * poller): those are `superseded`, and theirs stays the last.
 */
export function withoutSuperseded(
  changes: ReadonlyMap<string, Snapshot | undefined>,
  saved: (id: string) => Snapshot | undefined,
): { batch: Map<string, Snapshot | undefined>; superseded: string[] } {
  const superseded: string[] = [];
  const batch = new Map<string, Snapshot | undefined>();
  for (const [id, snap] of changes) {
    const theirs = snap ? saved(id) : undefined;
    if (theirs && newerSnapshot(snap, theirs) === theirs) superseded.push(id);
    else batch.set(id, snap);
  }
  return { batch, superseded };
}

/**
 * Result order: the disk's order (minus what we removed), with our additions placed after the ID they were
 * added after when that is still there, else appended in our order. Entry objects of `ours` are reused
 * whenever their content wins, so unchanged rows keep their identity.
 */
export function mergeEntries(
  ours: readonly WatchEntry[],
  disk: readonly WatchEntry[],
  local: LocalChanges,
): WatchEntry[] {
  const ourById = new Map<string, WatchEntry>();
  for (const e of ours) ourById.set(e.id, e);

  const kept: string[] = [];
  const placed = new Set<string>();
  const diskById = new Map<string, WatchEntry>();
  for (const e of disk) {
    if (local.removed.has(e.id) || placed.has(e.id)) continue;
    diskById.set(e.id, e);
    kept.push(e.id);
    placed.add(e.id);
  }

  const pending: string[] = [];
  for (const e of ours) {
    if (local.added.has(e.id) && !placed.has(e.id)) pending.push(e.id);
  }
  const pendingSet = new Set(pending);
  const children = new Map<string, string[]>();
  const tail: string[] = [];
  for (const id of pending) {
    const anchor = local.added.get(id);
    if (anchor !== undefined && (placed.has(anchor) || pendingSet.has(anchor))) {
      const list = children.get(anchor);
      if (list) list.push(id);
      else children.set(anchor, [id]);
    } else {
      tail.push(id);
    }
  }

  const order: string[] = [];
  const emitted = new Set<string>();
  // Iterative depth-first walk: an addition anchored to another addition follows it.
  const emit = (root: string) => {
    const stack = [root];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (emitted.has(id)) continue;
      emitted.add(id);
      order.push(id);
      const kids = children.get(id);
      if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  };
  for (const id of kept) emit(id);
  for (const id of tail) emit(id);
  // Anything anchored in a loop (cannot happen through add(), but cheap to guarantee) is still kept.
  for (const id of pending) emit(id);

  return order.map((id) => {
    const mine = ourById.get(id);
    const theirs = diskById.get(id);
    if (!mine) return theirs!;
    if (!theirs) return mine;
    // Watched again by another process, on another platform or from another time: the file's says so.
    if (!local.added.has(id) && (theirs.endpoint !== mine.endpoint || theirs.addedAt !== mine.addedAt)) {
      const { endpoint, addedAt } = theirs;
      return Object.hasOwn(mine, 'snapshot') ? { id, addedAt, endpoint, snapshot: mine.snapshot } : theirs;
    }
    // Only a snapshot inline in the file (0.1.0) can be news: one in the journal is the journal's, ours
    // too. Asked of the entry, it would be read and parsed from disk: 100,000 of them in a merge.
    if (!Object.hasOwn(theirs, 'snapshot')) return mine;
    const snapshot = newerSnapshot(mine.snapshot, theirs.snapshot);
    if (snapshot === mine.snapshot) return mine;
    return { ...mine, snapshot };
  });
}

// The watch list as a --profile / --endpoint run shows it: only the jobs of the narrowed platform. Changes go
// to the whole list (other platforms' jobs are kept, never rewritten); `has` still answers for the whole list,
// so an ID watched on another platform is not added twice.
import type { WatchEntry } from '../store/types.js';
import type { WatchListPort } from './ports.js';

export function scopedList(list: WatchListPort, inScope: (entry: WatchEntry) => boolean): WatchListPort {
  let seen = -1;
  let entries: readonly WatchEntry[] = [];
  let ids: readonly string[] = [];
  const refresh = () => {
    if (list.version === seen) return;
    seen = list.version;
    const all = list.entries();
    const kept = all.filter(inScope);
    // Unchanged membership keeps the ID array's identity: the table rebuilds its order only when it moves.
    const keptIds = kept.map((e) => e.id);
    if (keptIds.length !== ids.length || keptIds.some((id, i) => id !== ids[i])) ids = keptIds;
    entries = kept;
  };
  return {
    entries() {
      refresh();
      return entries;
    },
    ids() {
      refresh();
      return ids;
    },
    entry: (id) => list.entry?.(id),
    has: (id) => list.has(id),
    get version() {
      return list.version;
    },
    subscribe: (listener) => list.subscribe(listener),
    add: (newIds, opts) => list.add(newIds, opts),
    remove: (gone) => list.remove(gone),
    putSnapshots: (snaps) => list.putSnapshots(snaps),
    get warnings() {
      return list.warnings;
    },
    get lastError() {
      return list.lastError;
    },
  };
}

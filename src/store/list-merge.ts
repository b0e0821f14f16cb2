// Merging the list file another process wrote into the list in memory (IDs, times, endpoints; the
// snapshots of jobs new to us are in the journal, or inline in a 0.1.0 file).

import type { EntryList } from './entry-list.js';
import { mergeEntries } from './merge.js';
import type { StoreFiles } from './store-files.js';
import type { Snapshot } from './types.js';

export type ListMerge = 'missing' | { changed: boolean; dirty: boolean };

/**
 * Read the list file and merge it into `list`. `dirty`: our list still differs from the file (our own
 * additions and removals, or a file to upgrade). Inline snapshots taken from the file go to `pending`.
 */
export function mergeListFile(
  files: StoreFiles,
  list: EntryList,
  warnings: string[],
  pending: Map<string, Snapshot | undefined>,
): ListMerge {
  const loaded = files.readList(warnings, list.size > 0);
  if (!loaded) return 'missing';
  const dirty = list.hasLocalChanges || loaded.rewrite;
  const current = list.entries();
  const merged = mergeEntries(current, loaded.entries, list.local).map((e) => {
    if (list.get(e.id) === e) return e;
    const snap = loaded.inline.get(e.id);
    // Read from the file just now: already a new entry that reads the journal.
    if (snap === undefined) return e;
    pending.set(e.id, snap);
    return e;
  });
  if (merged.length === current.length && merged.every((e, i) => e === current[i])) {
    return { changed: false, dirty };
  }
  list.replace(merged);
  return { changed: true, dirty };
}

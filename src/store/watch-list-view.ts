// The reading side of WatchStore: what the UI, the commands and the poller ask of the list.

import { EntryList } from './entry-list.js';
import type { JobFacts } from './facts.js';
import { type EntrySummary, entryFacts, summaryOf } from './summary.js';
import type { Snapshot, WatchEntry } from './types.js';

export class WatchListView {
  protected readonly list = new EntryList();

  /** IDs in the order they were added. The same array until something changes. */
  ids(): readonly string[] {
    return this.list.ids();
  }

  /**
   * Every entry, in order; an entry is replaced (never changed) when its job changes. An entry's
   * `snapshot` may be read from disk on each access: read it once per entry.
   */
  entries(): readonly WatchEntry[] {
    return this.list.entries();
  }

  /** The watched IDs on one platform (normalised base URL), in order; the same array until IDs change. */
  idsOn(endpoint: string): readonly string[] {
    return this.list.idsOn(endpoint);
  }

  /** Every platform with a watched job, in order of first appearance. */
  endpoints(): string[] {
    return this.list.endpoints();
  }

  has(id: string): boolean {
    return this.list.has(id);
  }

  entry(id: string): WatchEntry | undefined {
    return this.list.get(id);
  }

  /** The full snapshot; of a job loaded from disk, read and parsed now (use summary() for the table). */
  snapshot(id: string): Snapshot | undefined {
    return this.list.get(id)?.snapshot;
  }

  /** Status, state and gone: what the counts and the poller need of the job, from memory. */
  facts(id: string): JobFacts | undefined {
    const entry = this.list.get(id);
    return entry && entryFacts(entry);
  }

  /** What the table shows of the job (read from disk once for a job loaded from the journal). */
  summary(id: string): EntrySummary | undefined {
    const entry = this.list.get(id);
    return entry && summaryOf(entry);
  }

  get size(): number {
    return this.list.size;
  }
}

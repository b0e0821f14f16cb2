// The watch list in memory: entries by ID, the IDs in order, and what changed locally since the file was
// last read or written (for the merge with other processes). Entries are replaced, never mutated, so the UI
// can find changed rows by identity.

import { EXPORT_ID_PATTERN } from '../ids.js';
import type { LocalChanges } from './merge.js';
import type { Snapshot, WatchEntry } from './types.js';

export class EntryList {
  /** Undefined until first needed after a load (then #entries holds them): the first frame needs none. */
  #byId: Map<string, WatchEntry> | undefined = new Map();
  #ids: readonly string[] = [];
  #entries: readonly WatchEntry[] | undefined = [];
  #positions: Map<string, number> | undefined;
  #byEndpoint: Map<string, string[]> | undefined;
  // What changed locally since the file was last read or written, for the merge.
  readonly added = new Map<string, string | undefined>();
  readonly removed = new Set<string>();

  /** IDs in the order they were added. The same array until the list changes. */
  ids(): readonly string[] {
    return this.#ids;
  }

  entries(): readonly WatchEntry[] {
    if (!this.#entries) {
      const byId = this.#map();
      this.#entries = this.#ids.map((id) => byId.get(id)!);
    }
    return this.#entries;
  }

  /** The entries by ID, made from the entries if a load left none. */
  #map(): Map<string, WatchEntry> {
    if (!this.#byId) {
      // A loop, not new Map(entries.map(...)): 100,000 two-element arrays were garbage to collect.
      this.#byId = new Map();
      for (const e of this.#entries!) this.#byId.set(e.id, e);
    }
    return this.#byId;
  }

  /** The IDs on one platform, in order; the same array until the list changes. */
  idsOn(endpoint: string): readonly string[] {
    if (!this.#byEndpoint) {
      this.#byEndpoint = new Map();
      for (const { id, endpoint } of this.entries()) {
        const list = this.#byEndpoint.get(endpoint);
        if (list) list.push(id);
        else this.#byEndpoint.set(endpoint, [id]);
      }
    }
    return this.#byEndpoint.get(endpoint) ?? [];
  }

  /** Every platform that has a watched job, in order of first appearance. */
  endpoints(): string[] {
    this.idsOn('');
    return [...this.#byEndpoint!.keys()];
  }

  get(id: string): WatchEntry | undefined {
    return this.#map().get(id);
  }

  has(id: string): boolean {
    return this.#map().has(id);
  }

  get size(): number {
    return this.#ids.length;
  }

  get local(): LocalChanges {
    return { added: this.added, removed: this.removed };
  }

  get hasLocalChanges(): boolean {
    return this.added.size > 0 || this.removed.size > 0;
  }

  clearLocalChanges(): void {
    this.added.clear();
    this.removed.clear();
  }

  /**
   * Replace everything (a load or a merge), keeping the ID array when the order did not change. `byId`: the
   * same entries by ID, when the caller has that map already (the file's reader): it becomes the list's;
   * without it the map is made when first needed.
   */
  replace(entries: readonly WatchEntry[], byId?: Map<string, WatchEntry>): void {
    this.#byId = byId !== undefined && byId.size === entries.length ? byId : undefined;
    const ids = this.#ids;
    const before = this.#entries;
    // A job moved to another platform changes the per-platform lists too: it counts as a change of IDs.
    const moved = (e: WatchEntry, i: number) => before !== undefined && before[i]!.endpoint !== e.endpoint;
    const idsChanged =
      entries.length !== ids.length || entries.some((e, i) => e.id !== ids[i] || moved(e, i));
    if (idsChanged) this.#setIds(entries.map((e) => e.id));
    this.#entries = entries;
  }

  /** IDs not yet watched (first of each) and those already watched. Throws on what is not an export ID. */
  partition(ids: readonly string[]): { added: string[]; alreadyWatched: string[] } {
    const added: string[] = [];
    const alreadyWatched: string[] = [];
    const fresh = new Set<string>();
    for (const id of ids) {
      if (!EXPORT_ID_PATTERN.test(id)) throw new TypeError(`Not an export job ID: ${JSON.stringify(id)}`);
      if (this.#map().has(id)) alreadyWatched.push(id);
      else if (!fresh.has(id)) {
        fresh.add(id);
        added.push(id);
      }
    }
    return { added, alreadyWatched };
  }

  /** Insert new entries after `anchor` (a watched ID), or at the end. */
  insert(fresh: readonly WatchEntry[], anchor: string | undefined): void {
    const byId = this.#map();
    for (const e of fresh) {
      byId.set(e.id, e);
      this.removed.delete(e.id);
      this.added.set(e.id, anchor);
    }
    const ids = fresh.map((e) => e.id);
    if (anchor === undefined) {
      this.#setIds([...this.#ids, ...ids]);
    } else {
      const at = this.#ids.indexOf(anchor) + 1;
      this.#setIds([...this.#ids.slice(0, at), ...ids, ...this.#ids.slice(at)]);
    }
  }

  /** Drop watched IDs; returns those that were watched. */
  delete(ids: readonly string[]): string[] {
    const removed: string[] = [];
    const byId = this.#map();
    for (const id of ids) {
      if (!byId.delete(id)) continue;
      removed.push(id);
      this.removed.add(id);
      this.added.delete(id);
    }
    if (removed.length > 0) {
      const gone = new Set(removed);
      this.#setIds(this.#ids.filter((id) => !gone.has(id)));
    }
    return removed;
  }

  /**
   * Give entries new snapshots, patching the list in place of the jobs that changed rather than rebuilding
   * it: a refresh of 300 jobs out of 10,000 touches 300 places (the UI finds them by identity, see
   * ui/row-model.ts). `differs(old, new)` says whether a snapshot is news. Returns the IDs changed.
   */
  patch(snaps: ReadonlyMap<string, Snapshot>, differs: (a: Snapshot | undefined, b: Snapshot) => boolean) {
    const changed: string[] = [];
    let entries: WatchEntry[] | undefined;
    const byId = this.#map();
    for (const [id, snap] of snaps) {
      const entry = byId.get(id);
      if (!entry || !differs(entry.snapshot, snap)) continue;
      const next = { ...entry, snapshot: snap };
      byId.set(id, next);
      entries ??= [...this.entries()];
      entries[this.#positionOf(id)] = next;
      changed.push(id);
    }
    if (entries) this.#entries = entries;
    return changed;
  }

  /** Replace the entries of `ids` (those watched) with `make(old)`, in place. Returns how many. */
  swap(ids: Iterable<string>, make: (old: WatchEntry) => WatchEntry): number {
    let entries: WatchEntry[] | undefined;
    let n = 0;
    const byId = this.#map();
    for (const id of ids) {
      const entry = byId.get(id);
      if (!entry) continue;
      const next = make(entry);
      byId.set(id, next);
      entries ??= [...this.entries()];
      entries[this.#positionOf(id)] = next;
      n++;
    }
    if (entries) this.#entries = entries;
    return n;
  }

  #setIds(ids: readonly string[]): void {
    this.#ids = ids;
    this.#entries = undefined;
    this.#positions = undefined;
    this.#byEndpoint = undefined;
  }

  /** Where a watched ID stands in ids(); the index is made once per change of the list. */
  #positionOf(id: string): number {
    this.#positions ??= new Map(this.#ids.map((x, i) => [x, i]));
    return this.#positions.get(id)!;
  }
}

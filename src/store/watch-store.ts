// The watch list and the last snapshot of every job. The state lives in memory (entry-list.ts); on disk
// the list of IDs is one file written atomically through conf, and the snapshots an append-only journal
// beside it (store-files.ts), so a refresh of 300 jobs appends 300 records instead of rewriting the list.
// Before each write the store merges what other processes wrote (merge.ts, journal.ts).

import { DEFAULT_ENDPOINT } from '../platform/endpoints.js';
import { errorText, jsonEqual } from '../values.js';
import { baseUrlOf, endpointFromHref } from './endpoint.js';
import { watchFiles } from './external-watcher.js';
import type { Caught } from './journal.js';
import { mergeListFile } from './list-merge.js';
import type { AddOptions, WatchStoreOptions } from './options.js';
import { StoreFiles } from './store-files.js';
import { Subscribers } from './subscribers.js';
import type { Snapshot, WatchEntry } from './types.js';
import { WatchListView } from './watch-list-view.js';
import { openWriter } from './writer.js';

export type { AddOptions, WatchStoreOptions } from './options.js';

const snapshotDiffers = (old: Snapshot | undefined, snap: Snapshot) =>
  old !== snap && !(old && jsonEqual(old, snap));

export class WatchStore extends WatchListView {
  readonly path: string;
  /** The snapshot journal beside the list file. */
  readonly journalPath: string;
  /** Problems met while reading the file (corrupt file moved aside, entries skipped). For the user. */
  readonly warnings: string[] = [];
  /** Increments on every change visible through ids()/entries()/snapshot(): useSyncExternalStore's snapshot. */
  version = 0;
  /** Number of saves that wrote to disk (for tests and the benchmark). */
  writes = 0;
  /** Whether the open took the list and the index from the open cache (for tests and the benchmark). */
  openedFromCache = false;
  /** Set when a background (debounced or external-change) write or read failed; cleared by the next success. */
  lastError: string | undefined;

  readonly #files: StoreFiles;
  readonly #debounceMs: number;
  /** IDs, times or endpoints changed: the list file must be written. */
  #listDirty = false;
  /** Snapshots not yet in the journal (undefined: the job has none any more). */
  #pending = new Map<string, Snapshot | undefined>();
  #listBytes = 0;
  #timer: NodeJS.Timeout | undefined;
  #stopWatching: (() => void) | undefined;
  readonly #subscribers = new Subscribers();
  #closed = false;
  /** The upgrade write at open: the list was read a moment ago (a re-read would repeat its warnings). */
  #loading = false;

  private constructor(files: StoreFiles, debounceMs: number) {
    super();
    this.#files = files;
    this.path = files.path;
    this.journalPath = files.journal.path;
    this.#debounceMs = debounceMs;
  }

  static open(opts: WatchStoreOptions = {}): WatchStore {
    const writer = openWriter(opts.configName ?? 'watchlist', opts.cwd);
    const fallback = opts.defaultEndpoint ?? DEFAULT_ENDPOINT;
    const files = new StoreFiles(writer, baseUrlOf(fallback) ?? fallback, opts.compactMinBytes);
    const store = new WatchStore(files, opts.debounceMs ?? 250);
    store.#load();
    if (opts.watchExternal) {
      store.#stopWatching = watchFiles([store.path, store.journalPath], () => store.#onExternalChange());
    }
    return store;
  }

  /** Job summaries read from the journal (for the tests: the table reads only the rows it shows). */
  get summaryReads(): number {
    return this.#files.journal.summaryReads;
  }

  /** Whole snapshots read from the journal (for the tests). */
  get snapshotReads(): number {
    return this.#files.journal.snapshotReads;
  }

  /** Bytes this store has written to its files (for the benchmark). */
  get bytesWritten(): number {
    return this.#listBytes + this.#files.journal.bytesWritten;
  }

  subscribe(cb: () => void): () => void {
    return this.#subscribers.add(cb);
  }

  // --- changing ---

  /**
   * Start watching IDs (already validated, e.g. by parseIdInput). Written to disk at once, in one save
   * however many.
   */
  add(ids: readonly string[], opts: AddOptions = {}): { added: string[]; alreadyWatched: string[] } {
    this.#assertOpen();
    const { added, alreadyWatched } = this.list.partition(ids);
    if (added.length === 0) return { added, alreadyWatched };

    const addedAt = new Date().toISOString();
    const anchorOf = (id: string) => {
      const after = opts.placements?.get(id) ?? opts.after;
      return after !== undefined && this.list.has(after) ? after : undefined;
    };
    // Grouped by anchor so each group is one insert; pushed in place (a copy per ID made `add -` of
    // 100,000 IDs quadratic: a minute instead of half a second).
    const groups = new Map<string | undefined, WatchEntry[]>();
    for (const id of added) {
      const snapshot = opts.snapshots?.get(id);
      const endpoint = opts.endpoint ?? endpointFromHref(snapshot?.job?.href) ?? this.#files.defaultEndpoint;
      // A journal record left from an earlier watch of this job must not come back with it.
      if (snapshot || this.#files.journal.has(id)) this.#pending.set(id, snapshot);
      const entry: WatchEntry = snapshot ? { id, addedAt, endpoint, snapshot } : { id, addedAt, endpoint };
      const anchor = anchorOf(id);
      const group = groups.get(anchor);
      if (group) group.push(entry);
      else groups.set(anchor, [entry]);
    }
    for (const [anchor, entries] of groups) this.list.insert(entries, anchor);
    this.#listDirty = true;
    this.#changed();
    this.flush();
    return { added, alreadyWatched };
  }

  /** Stop watching (the platform keeps the job: exports cannot be deleted). Written at once. */
  remove(ids: readonly string[]): string[] {
    this.#assertOpen();
    const removed = this.list.delete(ids);
    if (removed.length === 0) return removed;
    for (const id of removed) {
      if (this.#files.journal.has(id)) this.#pending.set(id, undefined);
      else this.#pending.delete(id);
    }
    this.#listDirty = true;
    this.#changed();
    this.flush();
    return removed;
  }

  /** Record what the poller learned. In memory now, on disk after the debounce; unwatched IDs are ignored. */
  putSnapshots(snaps: ReadonlyMap<string, Snapshot>): void {
    this.#assertOpen();
    const changed = this.list.patch(snaps, snapshotDiffers);
    if (changed.length === 0) return;
    for (const id of changed) this.#pending.set(id, snaps.get(id));
    this.#changed();
    this.#schedule();
  }

  /** Write pending changes now (merging with the files first). Throws if the write fails. */
  flush(): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (!this.#listDirty && this.#pending.size === 0) return;
    this.#files.locked(() => this.#save());
    this.writes++;
    this.lastError = undefined;
  }

  #save(): void {
    // Before writing the list, always re-read it: its signature (inode, size, mtime) can repeat, since a
    // freed inode is reused and file times are coarse, and a missed write of another process loses its IDs.
    this.#syncWithDisk(this.#listDirty && !this.#loading);
    // The list first: a crash between the two leaves new IDs without their snapshots, never the reverse.
    if (this.#listDirty) {
      this.#listBytes += this.#files.writeList(this.entries());
      this.list.clearLocalChanges();
      this.#listDirty = false;
    }
    if (this.#pending.size > 0) {
      const written = this.#pending;
      const { caught, superseded } = this.#files.saveSnapshots(written, () => this.list.ids());
      this.#pending = new Map();
      this.#apply(caught, written, superseded);
    }
  }

  /** Re-read the files and merge what other processes changed. True if anything visible changed. */
  reload(): boolean {
    const before = this.version;
    this.#syncWithDisk(true);
    return this.version !== before;
  }

  /** Flush, keep what the next open needs in the open cache, and stop watching the files. */
  close(): void {
    if (this.#closed) return;
    try {
      this.flush();
      this.#files.saveCache(this.list.entries());
    } finally {
      this.#closed = true;
      if (this.#timer) clearTimeout(this.#timer);
      this.#stopWatching?.();
      this.#subscribers.clear();
      this.#files.close();
    }
  }

  // --- internals ---

  #assertOpen(): void {
    if (this.#closed) throw new Error('WatchStore is closed');
  }

  #changed(): void {
    this.version++;
    this.#subscribers.notify();
  }

  #schedule(): void {
    if (this.#timer || this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#background('save the watch list to', () => this.flush());
    }, this.#debounceMs);
  }

  #onExternalChange(): void {
    if (!this.#closed) this.#background('read the watch list at', () => this.#syncWithDisk());
  }

  /** Work no caller waits for: a failure is shown (lastError), never thrown. */
  #background(what: string, work: () => void): void {
    try {
      work();
    } catch (err) {
      this.lastError = `Could not ${what} ${this.path}: ${errorText(err)}`;
      this.#changed();
    }
  }

  #load(): void {
    // What the last store to close here found, if the files are still as it left them (open-cache.ts).
    const cached = this.#files.readCache();
    this.openedFromCache = cached !== undefined;
    if (!cached) this.#files.catchUp();
    const loaded = cached ?? this.#files.readList(this.warnings, false);
    if (!loaded) return;
    this.list.replace(loaded.entries, loaded.byId);
    if (!loaded.rewrite) return;
    // A 0.1.0 file: snapshots into the journal, then the list without them and with every endpoint (so a
    // later run with another default cannot move these jobs). Then those entries read the journal too.
    for (const [id, snap] of loaded.inline) this.#pending.set(id, snap);
    this.#listDirty = true;
    this.#loading = true;
    try {
      this.flush();
      this.list.swap(loaded.inline.keys(), (e) => this.#files.lazy(e));
    } catch (err) {
      // A directory we may not write (a read-only run, a full disk): the list works from memory, and the
      // upgrade is written by the next save that can.
      this.lastError = `Could not save the upgraded watch list to ${this.path}: ${errorText(err)}`;
    } finally {
      this.#loading = false;
    }
  }

  /** Give the jobs other processes saved new snapshots, except those we are about to write ourselves. */
  #apply(caught: Caught, ours: ReadonlyMap<string, unknown>, superseded: readonly string[] = []): void {
    const ids = caught === 'all' ? this.list.ids() : caught;
    const theirs = ids.filter((id) => !ours.has(id) && !this.#pending.has(id)).concat(superseded);
    if (this.list.swap(theirs, (e) => this.#files.lazy(e)) > 0) this.#changed();
  }

  /** Merge the files into memory where someone else wrote them since we last did. */
  #syncWithDisk(force = false): void {
    const warningsBefore = this.warnings.length;
    try {
      this.#apply(this.#files.catchUp(), this.#pending);
      if (force || this.#files.listChanged) this.#mergeList();
    } finally {
      // A problem met on the way (a corrupt file moved aside, entries skipped) is news for the UI too.
      if (this.warnings.length > warningsBefore) this.#changed();
    }
  }

  #mergeList(): void {
    const result = mergeListFile(this.#files, this.list, this.warnings, this.#pending);
    if (result === 'missing') {
      // Deleted by hand or moved aside as corrupt: what we hold is the only copy, so it must be written.
      if (this.list.size > 0) {
        this.#listDirty = true;
        this.#schedule();
      }
      return;
    }
    if (result.dirty) this.#listDirty = true;
    if (result.changed) this.#changed();
  }
}

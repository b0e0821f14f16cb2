// The watch list and the last snapshot of every job. conf re-reads and re-parses the whole file on every
// `.get`/`.store`, far too slow for a render loop: this class keeps the state in memory (entry-list.ts) and
// uses conf only to locate the file and write it atomically, once per flush (writer.ts). Before each write
// it re-reads the file if another process changed it, and merges (merge.ts).

import { EXPORT_ID_PATTERN } from '../ids.js';
import { DEFAULT_ENDPOINT } from '../platform/endpoints.js';
import { errorText, jsonEqual } from '../values.js';
import { readListFile } from './disk-read.js';
import { baseUrlOf, endpointFromHref } from './endpoint.js';
import { EntryList } from './entry-list.js';
import { watchFiles } from './external-watcher.js';
import { serializeWatchFile } from './file-format.js';
import { mergeEntries } from './merge.js';
import type { AddOptions, WatchStoreOptions } from './options.js';
import type { Snapshot, WatchEntry } from './types.js';
import { type FileWriter, fileSignature, openWriter } from './writer.js';

export type { AddOptions, WatchStoreOptions } from './options.js';

const snapshotDiffers = (old: Snapshot | undefined, snap: Snapshot) =>
  old !== snap && !(old && jsonEqual(old, snap));

export class WatchStore {
  readonly path: string;
  /** Problems met while reading the file (corrupt file moved aside, entries skipped). For the user. */
  readonly warnings: string[] = [];
  /** Increments on every change visible through ids()/entries()/snapshot(): useSyncExternalStore's snapshot. */
  version = 0;
  /** Number of times the file was written (for tests and the benchmark). */
  writes = 0;
  /** Set when a background (debounced or external-change) write or read failed; cleared by the next success. */
  lastError: string | undefined;

  readonly #writer: FileWriter;
  readonly #debounceMs: number;
  readonly #defaultEndpoint: string;
  readonly #list = new EntryList();
  #dirty = false;
  /** Signature of the file as we last read or wrote it: equal on disk means nobody else wrote since. */
  #diskSignature: string | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopWatching: (() => void) | undefined;
  #subscribers = new Set<() => void>();
  #closed = false;

  private constructor(writer: FileWriter, debounceMs: number, defaultEndpoint: string) {
    this.#writer = writer;
    this.path = writer.path;
    this.#debounceMs = debounceMs;
    this.#defaultEndpoint = defaultEndpoint;
  }

  static open(opts: WatchStoreOptions = {}): WatchStore {
    const writer = openWriter(opts.configName ?? 'watchlist', opts.cwd);
    const fallback = opts.defaultEndpoint ?? DEFAULT_ENDPOINT;
    const store = new WatchStore(writer, opts.debounceMs ?? 250, baseUrlOf(fallback) ?? fallback);
    store.#loadInitial();
    if (opts.watchExternal) store.#stopWatching = watchFiles([store.path], () => store.#onExternalChange());
    return store;
  }

  // --- reading ---

  /** IDs in the order they were added. The same array until something changes. */
  ids(): readonly string[] {
    return this.#list.ids();
  }

  entries(): readonly WatchEntry[] {
    return this.#list.entries();
  }

  /** The watched IDs on one platform (normalised base URL), in order; the same array until IDs change. */
  idsOn(endpoint: string): readonly string[] {
    return this.#list.idsOn(endpoint);
  }

  /** Every platform with a watched job, in order of first appearance. */
  endpoints(): string[] {
    return this.#list.endpoints();
  }

  has(id: string): boolean {
    return this.#list.has(id);
  }

  entry(id: string): WatchEntry | undefined {
    return this.#list.get(id);
  }

  snapshot(id: string): Snapshot | undefined {
    return this.#list.get(id)?.snapshot;
  }

  get size(): number {
    return this.#list.size;
  }

  subscribe(cb: () => void): () => void {
    this.#subscribers.add(cb);
    return () => {
      this.#subscribers.delete(cb);
    };
  }

  // --- changing ---

  /**
   * Start watching IDs (already validated, e.g. by parseIdInput). Written to disk at once, in one write
   * however many.
   */
  add(ids: readonly string[], opts: AddOptions = {}): { added: string[]; alreadyWatched: string[] } {
    this.#assertOpen();
    const added: string[] = [];
    const alreadyWatched: string[] = [];
    const fresh = new Set<string>();
    for (const id of ids) {
      if (!EXPORT_ID_PATTERN.test(id)) throw new TypeError(`Not an export job ID: ${JSON.stringify(id)}`);
      if (this.#list.has(id)) alreadyWatched.push(id);
      else if (!fresh.has(id)) {
        fresh.add(id);
        added.push(id);
      }
    }
    if (added.length === 0) return { added, alreadyWatched };

    const addedAt = new Date().toISOString();
    const anchor = opts.after !== undefined && this.#list.has(opts.after) ? opts.after : undefined;
    const entries = added.map((id): WatchEntry => {
      const snapshot = opts.snapshots?.get(id);
      const endpoint = opts.endpoint ?? endpointFromHref(snapshot?.job?.href) ?? this.#defaultEndpoint;
      return snapshot ? { id, addedAt, endpoint, snapshot } : { id, addedAt, endpoint };
    });
    this.#list.insert(entries, anchor);
    this.#dirty = true;
    this.#changed();
    this.flush();
    return { added, alreadyWatched };
  }

  /** Stop watching (the platform keeps the job: exports cannot be deleted). Written at once. */
  remove(ids: readonly string[]): string[] {
    this.#assertOpen();
    const removed = this.#list.delete(ids);
    if (removed.length === 0) return removed;
    this.#dirty = true;
    this.#changed();
    this.flush();
    return removed;
  }

  /** Record what the poller learned. In memory now, on disk after the debounce; unwatched IDs are ignored. */
  putSnapshots(snaps: ReadonlyMap<string, Snapshot>): void {
    this.#assertOpen();
    if (this.#list.patch(snaps, snapshotDiffers).length === 0) return;
    this.#dirty = true;
    this.#changed();
    this.#schedule();
  }

  /** Write pending changes now (merging with the file first). Throws if the write fails. */
  flush(): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (!this.#dirty) return;
    this.#syncWithDisk();
    this.#writer.write(serializeWatchFile(this.entries()));
    this.writes++;
    this.#diskSignature = fileSignature(this.path);
    this.#list.clearLocalChanges();
    this.#dirty = false;
    this.lastError = undefined;
  }

  /** Re-read the file and merge what other processes changed. True if anything visible changed. */
  reload(): boolean {
    const before = this.version;
    this.#syncWithDisk(true);
    return this.version !== before;
  }

  /** Flush and stop watching the file. */
  close(): void {
    if (this.#closed) return;
    try {
      this.flush();
    } finally {
      this.#closed = true;
      if (this.#timer) clearTimeout(this.#timer);
      this.#stopWatching?.();
      this.#subscribers.clear();
    }
  }

  // --- internals ---

  #assertOpen(): void {
    if (this.#closed) throw new Error('WatchStore is closed');
  }

  #changed(): void {
    this.version++;
    for (const cb of [...this.#subscribers]) {
      try {
        cb();
      } catch {
        // A failing subscriber must not stop the others nor undo the change.
      }
    }
  }

  #schedule(): void {
    if (this.#timer || this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      try {
        this.flush();
      } catch (err) {
        this.lastError = `Could not save the watch list to ${this.path}: ${errorText(err)}`;
        this.#changed();
      }
    }, this.#debounceMs);
  }

  #onExternalChange(): void {
    if (this.#closed) return;
    try {
      this.#syncWithDisk();
    } catch (err) {
      this.lastError = `Could not read the watch list at ${this.path}: ${errorText(err)}`;
      this.#changed();
    }
  }

  #loadInitial(): void {
    const disk = readListFile(this.path, this.warnings, false, this.#defaultEndpoint);
    this.#diskSignature = disk.kind === 'ok' ? disk.signature : undefined;
    if (disk.kind !== 'ok') return;
    this.#list.replace(disk.entries);
    if (disk.upgraded > 0) {
      // A 0.1.0 file: save the endpoints now, so a later run with another default cannot move these jobs.
      this.#dirty = true;
      this.flush();
    }
  }

  /** Merge the file into memory if someone else wrote it since we last did. */
  #syncWithDisk(force = false): void {
    if (!force && fileSignature(this.path) === this.#diskSignature) return;
    const warningsBefore = this.warnings.length;
    try {
      this.#mergeFromDisk();
    } finally {
      // A problem met on the way (a corrupt file moved aside, entries skipped) is news for the UI too.
      if (this.warnings.length > warningsBefore) this.#changed();
    }
  }

  #mergeFromDisk(): void {
    const disk = readListFile(this.path, this.warnings, this.#list.size > 0, this.#defaultEndpoint);
    this.#diskSignature = disk.kind === 'ok' ? disk.signature : undefined;
    if (disk.kind !== 'ok') {
      // Deleted by hand or moved aside as corrupt: what we hold is the only copy, so it must be written.
      if (this.#list.size > 0) {
        this.#dirty = true;
        this.#schedule();
      }
      return;
    }
    // Until written, our own additions and removals still differ from the file.
    if (this.#list.hasLocalChanges) this.#dirty = true;
    const current = this.entries();
    const merged = mergeEntries(current, disk.entries, this.#list.local);
    if (merged.length === current.length && merged.every((e, i) => e === current[i])) return;
    this.#list.replace(merged);
    this.#changed();
  }
}

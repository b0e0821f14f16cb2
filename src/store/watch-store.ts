// The watch list and the last snapshot of every job, saved with conf. conf re-reads and re-parses the whole
// file on every `.get`/`.store`, which with 10,000 jobs is far too slow for a render loop: this class keeps
// the state in memory and uses conf only to locate the file and to write it atomically, once per flush.
// Before each write it re-reads the file if another process changed it, and merges (see merge.ts).

import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { EXPORT_ID_PATTERN } from '../ids.js';
import { jsonEqual } from '../values.js';
import { CorruptFileError, readWatchFile, serializeWatchFile } from './file-format.js';
import { mergeEntries } from './merge.js';
import type { Snapshot, WatchEntry } from './types.js';

export interface WatchStoreOptions {
  /** File name without extension: 'watchlist' (default); the demo uses 'demo-watchlist'. */
  configName?: string;
  /** Directory of the file. Default: $XDG_CONFIG_HOME/sbexport-tui, else the platform's config dir. */
  cwd?: string;
  /** Delay before snapshots are written: a refresh of many jobs is one write. Default 250 ms. */
  debounceMs?: number;
  /** Pick up changes other processes make to the file (the TUI turns this on). */
  watchExternal?: boolean;
}

const PROJECT_NAME = 'sbexport-tui';

type ConfValue = Record<string, unknown>;

/**
 * conf, used only to locate the file and to write it atomically. Its constructor reads the whole file through
 * `store` (6 MB for 10,000 jobs) only for WatchStore to read it again: here reading `store` reads nothing.
 * Writing it is conf's own atomic write. conf reads `store` only in its constructor (and in the setter, which
 * `__internal__` in every written value turns off).
 */
class WriterConf extends Conf<ConfValue> {
  override get store(): ConfValue {
    // What conf's read does when the file is missing: a config directory that cannot be made fails at
    // open, as before, not at the first write.
    fs.mkdirSync(path.dirname(this.path), { recursive: true });
    return {};
  }

  override set store(value: ConfValue) {
    super.store = value;
  }
}

type DiskRead = { kind: 'ok'; entries: WatchEntry[] } | { kind: 'missing' } | { kind: 'corrupt' };
const EXTERNAL_DEBOUNCE_MS = 100;

function fileSignature(file: string): string | undefined {
  try {
    const st = fs.statSync(file);
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return undefined;
  }
}

function backupStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
}

function errorText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code) return code;
  return err instanceof Error ? err.message : String(err);
}

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

  readonly #conf: WriterConf;
  readonly #debounceMs: number;
  #byId = new Map<string, WatchEntry>();
  #ids: readonly string[] = [];
  #entries: readonly WatchEntry[] | undefined = [];
  #positions: Map<string, number> | undefined;
  // What changed locally since the file was last read or written, for the merge.
  #added = new Map<string, string | undefined>();
  #removed = new Set<string>();
  #dirty = false;
  /** Signature of the file as we last read or wrote it: equal on disk means nobody else wrote since. */
  #diskSignature: string | undefined;
  #timer: NodeJS.Timeout | undefined;
  #watcher: fs.FSWatcher | undefined;
  #watchTimer: NodeJS.Timeout | undefined;
  #subscribers = new Set<() => void>();
  #closed = false;

  private constructor(conf: WriterConf, debounceMs: number) {
    this.#conf = conf;
    this.path = conf.path;
    this.#debounceMs = debounceMs;
  }

  static open(opts: WatchStoreOptions = {}): WatchStore {
    const xdg = process.env.XDG_CONFIG_HOME;
    const cwd = opts.cwd ?? (xdg ? path.join(xdg, PROJECT_NAME) : undefined);
    let conf: WriterConf;
    try {
      conf = new WriterConf({
        projectName: PROJECT_NAME,
        projectSuffix: '',
        configName: opts.configName ?? 'watchlist',
        ...(cwd ? { cwd } : {}),
        serialize: (value) => serializeWatchFile((value.entries as WatchEntry[] | undefined) ?? []),
        // Not called (see WriterConf); if conf ever read the file anyway, it must not parse 6 MB or throw on
        // a corrupt file: this class reads the file itself.
        deserialize: () => ({}),
      });
    } catch (err) {
      throw new Error(`Cannot open the watch list in ${cwd ?? 'the config directory'}: ${errorText(err)}`);
    }
    const store = new WatchStore(conf, opts.debounceMs ?? 250);
    store.#loadInitial();
    if (opts.watchExternal) store.#startWatching();
    return store;
  }

  // --- reading ---

  /** IDs in the order they were added. The same array until something changes. */
  ids(): readonly string[] {
    return this.#ids;
  }

  entries(): readonly WatchEntry[] {
    this.#entries ??= this.#ids.map((id) => this.#byId.get(id)!);
    return this.#entries;
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  entry(id: string): WatchEntry | undefined {
    return this.#byId.get(id);
  }

  snapshot(id: string): Snapshot | undefined {
    return this.#byId.get(id)?.snapshot;
  }

  get size(): number {
    return this.#ids.length;
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
   * however many. `after`: insert right after that watched ID instead of at the end. `snapshots`: what is
   * already known of the new jobs (an import, a restart), saved in the same write.
   */
  add(
    ids: readonly string[],
    opts: { after?: string; snapshots?: ReadonlyMap<string, Snapshot>; endpoint?: string } = {},
  ): { added: string[]; alreadyWatched: string[] } {
    this.#assertOpen();
    const added: string[] = [];
    const alreadyWatched: string[] = [];
    const fresh = new Set<string>();
    for (const id of ids) {
      if (!EXPORT_ID_PATTERN.test(id)) throw new TypeError(`Not an export job ID: ${JSON.stringify(id)}`);
      if (this.#byId.has(id)) alreadyWatched.push(id);
      else if (!fresh.has(id)) {
        fresh.add(id);
        added.push(id);
      }
    }
    if (added.length === 0) return { added, alreadyWatched };

    const addedAt = new Date().toISOString();
    const anchor = opts.after !== undefined && this.#byId.has(opts.after) ? opts.after : undefined;
    for (const id of added) {
      const snapshot = opts.snapshots?.get(id);
      this.#byId.set(id, snapshot ? { id, addedAt, snapshot } : { id, addedAt });
      this.#removed.delete(id);
      this.#added.set(id, anchor);
    }
    if (anchor === undefined) {
      this.#setIds([...this.#ids, ...added]);
    } else {
      const at = this.#ids.indexOf(anchor) + 1;
      this.#setIds([...this.#ids.slice(0, at), ...added, ...this.#ids.slice(at)]);
    }
    this.#dirty = true;
    this.#changed();
    this.flush();
    return { added, alreadyWatched };
  }

  /** Stop watching (the platform keeps the job: exports cannot be deleted). Written at once. */
  remove(ids: readonly string[]): string[] {
    this.#assertOpen();
    const removed: string[] = [];
    for (const id of ids) {
      if (!this.#byId.delete(id)) continue;
      removed.push(id);
      this.#removed.add(id);
      this.#added.delete(id);
    }
    if (removed.length === 0) return removed;
    const gone = new Set(removed);
    this.#setIds(this.#ids.filter((id) => !gone.has(id)));
    this.#dirty = true;
    this.#changed();
    this.flush();
    return removed;
  }

  /** Record what the poller learned. In memory now, on disk after the debounce; unwatched IDs are ignored. */
  putSnapshots(snaps: ReadonlyMap<string, Snapshot>): void {
    this.#assertOpen();
    // The list in order, patched where jobs changed rather than rebuilt: a refresh of 300 jobs out of
    // 10,000 touches 300 places (and the UI finds them by identity, see ui/row-model.ts).
    let entries: WatchEntry[] | undefined;
    for (const [id, snap] of snaps) {
      const entry = this.#byId.get(id);
      if (!entry || entry.snapshot === snap) continue;
      if (entry.snapshot && jsonEqual(entry.snapshot, snap)) continue;
      const next = { ...entry, snapshot: snap };
      this.#byId.set(id, next);
      entries ??= [...this.entries()];
      entries[this.#positionOf(id)] = next;
    }
    if (!entries) return;
    this.#entries = entries;
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
    const entries = this.entries();
    // `__internal__` is conf's own key: with it present conf skips re-reading the whole file to preserve
    // it. Our serialize writes only `entries`, so it never reaches the disk.
    this.#conf.store = { __internal__: {}, entries: entries as WatchEntry[] };
    this.writes++;
    this.#diskSignature = fileSignature(this.path);
    this.#added.clear();
    this.#removed.clear();
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
      if (this.#watchTimer) clearTimeout(this.#watchTimer);
      this.#watcher?.close();
      this.#watcher = undefined;
      this.#subscribers.clear();
    }
  }

  // --- internals ---

  #assertOpen(): void {
    if (this.#closed) throw new Error('WatchStore is closed');
  }

  #setIds(ids: readonly string[]): void {
    this.#ids = ids;
    this.#entries = undefined;
    this.#positions = undefined;
  }

  /** Where a watched ID stands in ids(); the index is made once per change of the list. */
  #positionOf(id: string): number {
    this.#positions ??= new Map(this.#ids.map((x, i) => [x, i]));
    return this.#positions.get(id)!;
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

  #loadInitial(): void {
    const disk = this.#readDisk();
    if (disk.kind !== 'ok') return;
    for (const e of disk.entries) this.#byId.set(e.id, e);
    this.#setIds(disk.entries.map((e) => e.id));
  }

  /**
   * Read and parse the file, recording the signature of what was read. A corrupt file is moved aside and
   * the user told where (in `warnings`).
   */
  #readDisk(): DiskRead {
    const signature = fileSignature(this.path);
    let parsed: ReturnType<typeof readWatchFile>;
    try {
      parsed = readWatchFile(this.path, new Date().toISOString());
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        this.#diskSignature = undefined;
        return { kind: 'missing' };
      }
      if (!(err instanceof CorruptFileError))
        throw new Error(`Cannot read the watch list at ${this.path}: ${errorText(err)}`);
      const backup = this.#moveAside();
      const what = this.#ids.length > 0 ? 'kept the list in memory' : 'started empty';
      this.warnings.push(
        `The watch list at ${this.path} was corrupt (${err.message}); moved it to ${backup} and ${what}.`,
      );
      this.#diskSignature = undefined;
      return { kind: 'corrupt' };
    }
    this.#diskSignature = signature;
    for (const w of parsed.warnings) this.warnings.push(`${this.path}: ${w}`);
    if (parsed.warnings.length > 0) {
      // The next write leaves the skipped entries out: keep the file as it was, so nothing is lost.
      const copy = this.#backupName('skipped');
      fs.copyFileSync(this.path, copy);
      this.warnings.push(`Entries the app could not read were left out; the file as it was is at ${copy}.`);
    }
    return { kind: 'ok', entries: parsed.entries };
  }

  #moveAside(): string {
    const target = this.#backupName('corrupt');
    fs.renameSync(this.path, target);
    return target;
  }

  /** `<file>.<why>-<time>`, numbered when that name is taken. */
  #backupName(why: string): string {
    const base = `${this.path}.${why}-${backupStamp(new Date())}`;
    let target = base;
    for (let n = 2; fs.existsSync(target); n++) target = `${base}-${n}`;
    return target;
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
    const disk = this.#readDisk();
    if (disk.kind !== 'ok') {
      // Deleted by hand or moved aside as corrupt: what we hold is the only copy, so it must be written.
      if (this.#ids.length > 0) {
        this.#dirty = true;
        this.#schedule();
      }
      return;
    }
    // Until written, our own additions and removals still differ from the file.
    if (this.#added.size > 0 || this.#removed.size > 0) this.#dirty = true;
    const current = this.entries();
    const merged = mergeEntries(current, disk.entries, { added: this.#added, removed: this.#removed });
    if (merged.length === current.length && merged.every((e, i) => e === current[i])) return;
    this.#byId = new Map(merged.map((e) => [e.id, e]));
    const idsChanged = merged.length !== this.#ids.length || merged.some((e, i) => e.id !== this.#ids[i]);
    if (idsChanged) this.#setIds(merged.map((e) => e.id));
    this.#entries = merged;
    this.#changed();
  }

  #startWatching(): void {
    const dir = path.dirname(this.path);
    const base = path.basename(this.path);
    try {
      fs.mkdirSync(dir, { recursive: true });
      // The directory, not the file: atomic writes replace the file, which would orphan a file watch.
      this.#watcher = fs.watch(dir, { persistent: false }, (_event, filename) => {
        if (filename && filename !== base) return;
        if (this.#watchTimer || this.#closed) return;
        this.#watchTimer = setTimeout(() => {
          this.#watchTimer = undefined;
          if (this.#closed) return;
          try {
            this.#syncWithDisk();
          } catch (err) {
            this.lastError = `Could not read the watch list at ${this.path}: ${errorText(err)}`;
            this.#changed();
          }
        }, EXTERNAL_DEBOUNCE_MS);
      });
      this.#watcher.on('error', () => {
        // The directory went away: stop watching; the next write re-creates it and merges anyway.
        this.#watcher?.close();
        this.#watcher = undefined;
      });
    } catch {
      // Watching is a convenience (some file systems do not support it): the merge before each write
      // still keeps other processes' IDs.
    }
  }
}

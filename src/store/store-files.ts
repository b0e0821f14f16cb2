// The two files behind a WatchStore: the list (IDs, times, endpoints; conf's atomic write, merged with
// other processes' writes before each of ours) and the snapshot journal beside it. Also the upgrade of a
// 0.1.0 list, whose snapshots were inline, into the journal.

import zlib from 'node:zlib';
import { cachedList, entriesOf } from './cache-list.js';
import { readListFile } from './disk-read.js';
import type { EntryMaker } from './entry-reader.js';
import { serializeListFile } from './file-format.js';
import { type Caught, type Saved, SnapshotJournal } from './journal.js';
import { type JournalEntry, journalEntryClass } from './journal-entry.js';
import { CACHE_SUFFIX, JOURNAL_SUFFIX, LOCK_SUFFIX } from './layout.js';
import { withLock } from './lock.js';
import { readCache, writeCache } from './open-cache.js';
import { type FileBytes, fileCrc } from './read-lines.js';
import type { Snapshot, WatchEntry } from './types.js';
import { type FileWriter, fileSignature, removeStaleTemps } from './writer.js';

export interface Loaded {
  /**
   * The entries to hold: each reads its snapshot from the journal, but for an inline snapshot (0.1.0) the
   * journal does not have, kept on a plain entry and listed in `inline`.
   */
  entries: WatchEntry[];
  /** The same entries by ID, when the reader made that map (the list file's reader does). */
  byId?: Map<string, WatchEntry>;
  /** Snapshots found only inline in the list file (0.1.0): to be moved to the journal. */
  inline: Map<string, Snapshot>;
  /** The list file must be rewritten (endpoints given, or snapshots inline). */
  rewrite: boolean;
}

export class StoreFiles {
  readonly path: string;
  readonly journal: SnapshotJournal;
  readonly lockPath: string;
  /** The open cache (open-cache.ts). */
  readonly cachePath: string;
  readonly #Entry: typeof JournalEntry;
  /** Entries made by this read of the list: the next one's place in it, the likely slot of its ID. */
  #made = 0;
  /** Signature of the list file as we last read or wrote it: equal on disk means nobody else wrote since. */
  #signature: string | undefined;
  /**
   * The list file's length and CRC-32 while the entries in memory are what a read of it gives: set when we
   * write it or read it whole, undefined after a read that skipped entries or found some to upgrade (until
   * the write that follows). What the open cache records the list by.
   */
  #listFile: FileBytes | undefined;
  /** What the open cache on disk describes, as we read or wrote it (saveCache skips an unchanged one). */
  #cached: string | undefined;

  constructor(
    readonly writer: FileWriter,
    readonly defaultEndpoint: string,
    compactMinBytes?: number,
  ) {
    this.path = writer.path;
    const stem = this.path.replace(/\.json$/, '');
    this.lockPath = `${stem}${LOCK_SUFFIX}`;
    this.cachePath = `${stem}${CACHE_SUFFIX}`;
    this.journal = new SnapshotJournal(`${stem}${JOURNAL_SUFFIX}`, this.lockPath, compactMinBytes);
    this.#Entry = journalEntryClass(this.journal);
  }

  /** Run a save holding the lock other processes' saves respect. */
  locked<T>(fn: () => T): T {
    return withLock(this.lockPath, fn);
  }

  /**
   * A new entry for a job whose snapshot (if any) is in the journal. New even for one that already reads the
   * journal: entries are replaced, never changed, when their job changes, and the UI finds changed jobs by
   * entry identity (a job another process saved must not keep its old entry, nor that entry's cached reads).
   */
  lazy(e: WatchEntry): WatchEntry {
    return this.#maker.entry(e.id, e.addedAt, e.endpoint);
  }

  // The list is nearly always in the journal's order (journal.slotOf): the n-th entry read is looked for in
  // slot n first, its bytes compared with the journal's copy of that ID before any string is made.
  readonly #maker: EntryMaker = {
    entry: (id, addedAt, endpoint) => {
      const { journal } = this;
      const slot = journal.slotOf(id, this.#made++);
      return new this.#Entry(slot < 0 ? id : journal.idAt(slot), addedAt, endpoint, slot, journal.generation);
    },
    knownId: (buf, at) => this.journal.idMatching(this.#made, buf, at),
  };

  get listChanged(): boolean {
    return fileSignature(this.path) !== this.#signature;
  }

  /**
   * Read the list file. An inline snapshot (a 0.1.0 file) the journal does not have is kept on its entry
   * and listed in `inline`; one the journal has is dropped (the journal is newer). undefined: missing or
   * corrupt.
   */
  readList(warnings: string[], holding: boolean): Loaded | undefined {
    this.#made = 0;
    const warned = warnings.length;
    const disk = readListFile(this.path, warnings, holding, this.defaultEndpoint, this.#maker);
    this.#signature = disk.kind === 'ok' ? disk.signature : undefined;
    const whole = disk.kind === 'ok' && disk.upgraded === 0 && warnings.length === warned;
    this.#listFile = whole ? disk.file : undefined;
    if (disk.kind !== 'ok') return undefined;
    const inline = new Map<string, Snapshot>();
    let rewrite = disk.upgraded > 0;
    const entries = disk.entries;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (!Object.hasOwn(e, 'snapshot')) continue;
      rewrite = true;
      this.#listFile = undefined;
      if (!this.journal.has(e.id)) inline.set(e.id, e.snapshot!);
      else {
        entries[i] = this.#maker.entry(e.id, e.addedAt, e.endpoint);
        disk.byId.set(e.id, entries[i]!);
      }
    }
    return { entries, byId: disk.byId, inline, rewrite };
  }

  writeList(entries: readonly WatchEntry[]): number {
    const text = serializeListFile(entries);
    removeStaleTemps(this.path);
    this.writer.write(text);
    this.#signature = fileSignature(this.path);
    this.#listFile = { bytes: Buffer.byteLength(text), crc: zlib.crc32(text) };
    return Buffer.byteLength(text);
  }

  /**
   * The list and the journal's index as the open cache kept them, if it describes both files as they are
   * now (the list's bytes, the journal's token); undefined: read them as usual.
   */
  readCache(): Loaded | undefined {
    const cache = readCache(this.cachePath);
    if (!cache) return undefined;
    const signature = fileSignature(this.path);
    const file = fileCrc(this.path);
    if (file?.bytes !== cache.list.bytes || file.crc !== cache.list.crc) return undefined;
    const { journal } = this;
    if (!journal.adopt(cache.token, cache.end, cache.index)) return undefined;
    const size = cache.index.ids.length;
    const entries = entriesOf(
      cache.list,
      (slot) => (slot < size ? journal.idAt(slot) : undefined),
      (id, guess) => journal.slotOf(id, guess),
      (id, addedAt, endpoint, slot) => new this.#Entry(id, addedAt, endpoint, slot, journal.generation),
    );
    if (!entries) return undefined;
    this.#signature = signature;
    this.#listFile = file;
    this.#cached = this.#cacheKey();
    return { entries, inline: new Map(), rewrite: false };
  }

  /**
   * Keep `entries` (what memory holds) and the journal's index in the open cache for the next open: only
   * when the list file holds exactly those entries, and not again when nothing changed since the cache was
   * read or written. Failing is silent: it is only a cache.
   */
  saveCache(entries: readonly WatchEntry[]): void {
    const journal = this.journal.cacheable();
    const file = this.#listFile;
    if (!journal || !file || this.listChanged || this.#cacheKey() === this.#cached) return;
    const list = cachedList(entries, (id, guess) => this.journal.slotOf(id, guess), file);
    try {
      this.locked(() => writeCache(this.cachePath, { ...journal, list }));
    } catch {
      return; // the lock not had: no cache this time
    }
    this.#cached = this.#cacheKey();
  }

  // A new journal file (or index of it) bumps the generation; an append moves its end.
  #cacheKey(): string {
    return `${this.#signature}|${this.journal.generation}|${this.journal.fileBytes}`;
  }

  /** Index what other processes appended to the journal. */
  catchUp(): Caught {
    return this.journal.catchUp();
  }

  saveSnapshots(changes: ReadonlyMap<string, Snapshot | undefined>, live: () => Iterable<string>): Saved {
    return this.journal.save(changes, live);
  }

  close(): void {
    this.journal.close();
  }
}

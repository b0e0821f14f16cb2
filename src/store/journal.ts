// The snapshots, in an append-only journal beside the list file (layout.ts): a save appends what changed
// (300 refreshed jobs: ~200 KB, not the whole list), and the journal is rewritten with only the live records
// once it has grown well past them. The index says where each ID's last record is; a snapshot is read and
// parsed only when asked for (the detail pane, a comparison), so memory holds no JSON documents.

import fs from 'node:fs';
import { scanJournal } from './journal-scan.js';
import { journalRecord, NEWLINE, NO_SNAPSHOT } from './layout.js';
import { withLock } from './lock.js';
import { newerSnapshot } from './merge.js';
import { isWellFormedSnapshot, snapshotSchema } from './snapshot-schema.js';
import { type EntrySummary, summarize, summaryRow } from './summary.js';
import type { Snapshot } from './types.js';
import { removeStaleTemps } from './writer.js';

/** Rewrite when the journal is over twice the live records and at least this big. */
export const COMPACT_MIN_BYTES = 8 * 1024 * 1024;

/** What catchUp found: the IDs whose last record changed, or 'all' (the file was replaced). */
export type Caught = string[] | 'all';

export interface Saved {
  /** What catchUp found before the append. */
  caught: Caught;
  /** IDs whose snapshot was not written: the journal had a newer one (fetchedAt) from another process. */
  superseded: string[];
}

interface Slot {
  /** The index's own copy of the ID: entries use it too, so 100,000 IDs are held once. */
  id: string;
  offset: number;
  length: number;
  /** null: no snapshot; undefined: the record had no row (made from the snapshot when asked for). */
  summary: EntrySummary | null | undefined;
}

export class SnapshotJournal {
  readonly lockPath: string;
  /** Bytes appended or rewritten by this process (for the benchmark). */
  bytesWritten = 0;
  /** Lines that were not whole records when read (a crash cut them short): ignored. */
  badRecords = 0;
  #fd: number | undefined;
  #ino: number | undefined;
  #end = 0;
  #index = new Map<string, Slot>();
  #liveBytes = 0;
  #compactMin: number;

  constructor(
    readonly path: string,
    lockPath: string,
    compactMinBytes = COMPACT_MIN_BYTES,
  ) {
    this.lockPath = lockPath;
    this.#compactMin = compactMinBytes;
  }

  has(id: string): boolean {
    return this.#index.has(id);
  }

  /** The journal's copy of an ID string (equal to `id`), or `id` itself when not in the journal. */
  idOf(id: string): string {
    return this.#index.get(id)?.id ?? id;
  }

  get fileBytes(): number {
    return this.#end;
  }

  /** What the table needs of `id`'s last snapshot, from memory. Undefined when none. */
  summary(id: string): EntrySummary | undefined {
    const slot = this.#index.get(id);
    if (!slot || slot.summary === null) return undefined;
    if (slot.summary === undefined) {
      const snap = this.snapshot(id);
      slot.summary = snap ? summarize(snap) : null;
    }
    return slot.summary ?? undefined;
  }

  /** The last snapshot saved for `id`, read from the file now. Undefined when none (or unreadable). */
  snapshot(id: string): Snapshot | undefined {
    const slot = this.#index.get(id);
    if (!slot || this.#fd === undefined) return undefined;
    const bytes = Buffer.allocUnsafe(slot.length);
    fs.readSync(this.#fd, bytes, 0, slot.length, slot.offset);
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch {
      return undefined;
    }
    if (value === null) return undefined;
    if (isWellFormedSnapshot(value)) return value;
    const parsed = snapshotSchema().safeParse(value);
    return parsed.success ? (parsed.data as Snapshot) : undefined;
  }

  /** Index records other processes appended since we last looked (all of them, the first time). */
  catchUp(): Caught {
    let st: fs.Stats;
    try {
      st = fs.statSync(this.path);
    } catch {
      // Missing (never written, or deleted by hand): what we index stays readable through our descriptor.
      this.#ino = undefined;
      return [];
    }
    if (st.ino === this.#ino && st.size >= this.#end) return st.size === this.#end ? [] : this.#scanTail();
    const caught: Caught = this.#fd === undefined ? [] : 'all';
    this.#reindex();
    return caught;
  }

  /**
   * Append the changed snapshots (undefined: none any more), after indexing what others appended, then
   * compact if the journal has grown well past the live records. `live`: the IDs still watched.
   */
  save(changes: ReadonlyMap<string, Snapshot | undefined>, live: () => Iterable<string>): Saved {
    return withLock(this.lockPath, () => {
      const caught = this.catchUp();
      // Another process may have saved a newer reply for the same job (a faster poller): it stays the last.
      const superseded: string[] = [];
      const batch = new Map<string, Snapshot | undefined>();
      for (const [id, snap] of changes) {
        const theirs = snap && this.#index.has(id) ? this.snapshot(id) : undefined;
        if (theirs && newerSnapshot(snap, theirs) === theirs) superseded.push(id);
        else batch.set(id, snap);
      }
      // The file may be gone (deleted by hand) while we still hold every record: write them all.
      const whole = this.#ino === undefined && this.#index.size > 0;
      if (whole) this.#compact(live(), batch);
      else {
        this.#append(batch);
        if (this.#end > this.#compactMin && this.#end > 2 * this.#liveBytes) this.#compact(live());
      }
      return { caught, superseded };
    });
  }

  close(): void {
    if (this.#fd !== undefined) fs.closeSync(this.#fd);
    this.#fd = undefined;
  }

  #setSlot(id: string, offset: number, length: number, summary: EntrySummary | null | undefined): void {
    const old = this.#index.get(id);
    if (old) this.#liveBytes -= old.length;
    this.#index.set(id, { id, offset, length, summary });
    this.#liveBytes += length;
  }

  #scanTail(): string[] {
    const changed: string[] = [];
    const { end, bad } = scanJournal(this.#fd!, this.#end, (id, offset, length, summary) => {
      this.#setSlot(id, offset, length, summary);
      changed.push(id);
    });
    this.#end = end;
    this.badRecords += bad;
    return changed;
  }

  #reindex(): void {
    // The old descriptor first: a replaced file's last appends are read before it is let go.
    if (this.#fd !== undefined && this.#ino !== undefined) this.#scanTail();
    let fd: number;
    try {
      fd = fs.openSync(this.path, 'r');
    } catch {
      return;
    }
    this.close();
    this.#fd = fd;
    this.#ino = fs.fstatSync(fd).ino;
    this.#index = new Map();
    this.#liveBytes = 0;
    this.#end = 0;
    this.#scanTail();
  }

  #recordLines(changes: ReadonlyMap<string, Snapshot | undefined>): string[] {
    const lines: string[] = [];
    for (const [id, snap] of changes) {
      if (!snap) lines.push(journalRecord(id, NO_SNAPSHOT, NO_SNAPSHOT));
      else lines.push(journalRecord(id, JSON.stringify(snap), summaryRow(summarize(snap))));
    }
    return lines;
  }

  #append(changes: ReadonlyMap<string, Snapshot | undefined>): void {
    if (changes.size === 0) return;
    // A leading newline ends whatever a killed writer left half-written, so this batch starts a line.
    const text = NEWLINE + this.#recordLines(changes).join(NEWLINE) + NEWLINE;
    const fd = fs.openSync(this.path, 'a');
    try {
      const start = fs.fstatSync(fd).size;
      fs.writeSync(fd, text);
      this.bytesWritten += Buffer.byteLength(text);
      if (this.#fd === undefined || this.#ino !== fs.fstatSync(fd).ino) {
        // Created just now: read it through a descriptor of its own, from where our batch begins.
        this.close();
        this.#fd = fs.openSync(this.path, 'r');
        this.#ino = fs.fstatSync(this.#fd).ino;
        this.#end = start;
      }
      // Under the lock nobody else appends: the batch is at `start`, and everything before it is indexed.
      this.#scanTail();
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Rewrite the journal with one record per live ID (plus `extra`), replacing the file atomically. */
  #compact(live: Iterable<string>, extra: ReadonlyMap<string, Snapshot | undefined> = new Map()): void {
    const lines: string[] = [];
    for (const id of live) {
      if (extra.has(id)) continue;
      const slot = this.#index.get(id);
      if (!slot || this.#fd === undefined) continue;
      if (slot.summary === null) continue;
      const bytes = Buffer.allocUnsafe(slot.length);
      fs.readSync(this.#fd, bytes, 0, slot.length, slot.offset);
      const summary = this.summary(id);
      if (summary) lines.push(journalRecord(id, bytes.toString('utf8'), summaryRow(summary)));
    }
    lines.push(...this.#recordLines(extra));
    removeStaleTemps(this.path);
    const tmp = `${this.path}.tmp-${process.pid}`;
    const text = lines.length === 0 ? '' : lines.join(NEWLINE) + NEWLINE;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.path);
    this.bytesWritten += Buffer.byteLength(text);
    this.#ino = undefined; // so the reindex does not read the old file's tail again
    this.#reindex();
  }
}

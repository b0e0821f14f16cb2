// The snapshots, in an append-only journal beside the list file (layout.ts): a save appends what changed
// (300 refreshed jobs: ~200 KB, not the whole list), and the journal is rewritten with only the live records
// once it has grown well past them. The index says where each ID's last record is; a snapshot is read and
// parsed only when asked for (the detail pane, a comparison), so memory holds no JSON documents.

import fs from 'node:fs';
import { factsOf, type JobFacts } from './facts.js';
import { type IndexColumns, JournalIndex } from './journal-index.js';
import {
  journalText,
  newJournalToken,
  openJournalAt,
  parseSnapshotText,
  readJournalToken,
  recordLines,
  replaceFile,
} from './journal-records.js';
import { scanJournal } from './journal-scan.js';
import { journalHeader, NEWLINE } from './layout.js';
import { withLock } from './lock.js';
import { withoutSuperseded } from './merge.js';
import { type EntrySummary, parseSummaryRow, stringSharer, summarize } from './summary.js';
import type { Snapshot } from './types.js';

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

export class SnapshotJournal {
  readonly lockPath: string;
  /** Bytes appended or rewritten by this process (for the benchmark). */
  bytesWritten = 0;
  /** Lines that were not whole records when read (a crash cut them short): ignored. */
  badRecords = 0;
  /** Summaries read from the file so far (tests and the benchmark check that the table reads only what it shows). */
  summaryReads = 0;
  /** Whole snapshots read from the file so far (the detail pane, a save's comparison; tests check a merge reads none). */
  snapshotReads = 0;
  #fd: number | undefined;
  #ino: number | undefined;
  #end = 0;
  /** The token in the first line of the file we index (layout.ts); undefined: it has none. */
  #token: string | undefined;
  #index = new JournalIndex();
  /** Bumped with each new index: a slot an entry kept is valid only in the index it came from. */
  #generation = 0;
  /** Full summaries read so far (the rows shown, sorted or searched), by slot: the rest stay on disk. */
  #summaries = new Map<number, EntrySummary | null>();
  #share = stringSharer();
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
    return this.#index.slot(id) !== undefined;
  }

  /** Where `id` is in the current index (JournalIndex.slotOf); -1: not in the journal. */
  slotOf(id: string, guess = -1): number {
    return this.#index.slotOf(id, guess);
  }

  /** The index's copy of the ID at `slot` if it is the 32 bytes at buf[at]; else undefined. */
  idMatching(slot: number, buf: Buffer, at: number): string | undefined {
    return this.#index.idMatching(slot, buf, at);
  }

  /** The index's own copy of the ID at `slot`: entries use it too, so 100,000 IDs are held once. */
  idAt(slot: number): string {
    return this.#index.idAt(slot);
  }

  /** The current index's generation: a slot is valid only with the generation it was found in. */
  get generation(): number {
    return this.#generation;
  }

  /** The slot of `id`: the one given if it is from the current index, else looked up. */
  #slotOf(id: string, slot: number, generation: number): number | undefined {
    return slot >= 0 && generation === this.#generation ? slot : this.#index.slot(id);
  }

  get fileBytes(): number {
    return this.#end;
  }

  /** Status, state and gone of `id`'s last snapshot, from memory. Undefined when none. */
  facts(id: string, knownSlot = -1, generation = -1): JobFacts | undefined {
    const slot = this.#slotOf(id, knownSlot, generation);
    if (slot === undefined) return undefined;
    let facts = this.#index.facts(slot);
    if (facts === undefined) {
      // A record without a row (an older writer): the snapshot says, once.
      const summary = this.summary(id);
      facts = summary ? factsOf(summary) : null;
      this.#index.setFacts(slot, facts);
    }
    return facts ?? undefined;
  }

  /**
   * What the table shows of `id`'s last snapshot: its row, read from the file and parsed on first ask, then
   * kept. Undefined when none.
   */
  summary(id: string, knownSlot = -1, generation = -1): EntrySummary | undefined {
    const slot = this.#slotOf(id, knownSlot, generation);
    if (slot === undefined || this.#index.facts(slot) === null) return undefined;
    let summary = this.#summaries.get(slot);
    if (summary === undefined) {
      summary = this.#readSummary(slot, id);
      this.#summaries.set(slot, summary);
    }
    return summary ?? undefined;
  }

  #readSummary(slot: number, id: string): EntrySummary | null {
    this.summaryReads++;
    if (this.#index.rowLength(slot) > 0 && this.#fd !== undefined) {
      const summary = parseSummaryRow(this.#index.rowText(this.#fd!, slot), this.#share);
      if (summary) return summary;
    }
    const snap = this.snapshot(id);
    return snap ? summarize(snap) : null;
  }

  /** The last snapshot saved for `id`, read from the file now. Undefined when none (or unreadable). */
  snapshot(id: string): Snapshot | undefined {
    const slot = this.#index.slot(id);
    if (slot === undefined || this.#fd === undefined) return undefined;
    this.snapshotReads++;
    return parseSnapshotText(this.#index.snapshotBytes(this.#fd!, slot).toString('utf8'));
  }

  /** What the open cache keeps of the index: its columns, for the file with `token`, up to `end`. */
  cacheable(): { token: string; end: number; index: IndexColumns } | undefined {
    if (this.#fd === undefined || this.#token === undefined) return undefined;
    return { token: this.#token, end: this.#end, index: this.#index.columns() };
  }

  /**
   * Take the index the open cache kept, if the file at our path is the one it describes (its token) and
   * still holds all it indexed; then index what was appended since. False: not that file (the caller
   * indexes it whole, as without a cache).
   */
  adopt(token: string, end: number, columns: IndexColumns): boolean {
    const fd = openJournalAt(this.path, token, end);
    if (fd === undefined) return false;
    try {
      this.#use(fd, JournalIndex.fromColumns(columns), end, token);
      return true;
    } catch {
      fs.closeSync(fd);
      return false;
    }
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
      const { batch, superseded } = withoutSuperseded(changes, (id) =>
        this.has(id) ? this.snapshot(id) : undefined,
      );
      // The file may be gone (deleted by hand) while we still hold every record: write them all.
      const whole = this.#ino === undefined && this.#index.size > 0;
      if (whole) this.#compact(live(), batch);
      else {
        this.#append(batch);
        if (this.#end > this.#compactMin && this.#end > 2 * this.#index.liveBytes) this.#compact(live());
      }
      return { caught, superseded };
    });
  }

  close(): void {
    if (this.#fd !== undefined) fs.closeSync(this.#fd);
    this.#fd = undefined;
  }

  /** Index the records after what is indexed; the IDs they were for, unless `collect` is false. */
  #scanTail(collect = true): string[] {
    const changed: string[] = [];
    const { end, bad } = scanJournal(this.#fd!, this.#end, (id, offset, length, rowLength, facts) => {
      const slot = this.#index.set(id, offset, length, rowLength, facts);
      this.#summaries.delete(slot);
      if (collect) changed.push(this.#index.idAt(slot));
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
    this.#use(fd, new JournalIndex(), 0, readJournalToken(fd));
  }

  /** Read the file open as `fd` from now on, with `index` of its first `end` bytes; index the rest. */
  #use(fd: number, index: JournalIndex, end: number, token: string | undefined): void {
    this.close();
    this.#fd = fd;
    this.#ino = fs.fstatSync(fd).ino;
    this.#token = token;
    this.#index = index;
    this.#generation++;
    this.#summaries = new Map();
    this.#end = end;
    // Everything is new to a new index: what changed is 'all', not a list of 100,000.
    this.#scanTail(false);
  }

  #append(changes: ReadonlyMap<string, Snapshot | undefined>): void {
    if (changes.size === 0) return;
    const records = recordLines(changes).join(NEWLINE) + NEWLINE;
    const fd = fs.openSync(this.path, 'a');
    try {
      const start = fs.fstatSync(fd).size;
      // A new file starts with its header; on one that has lines, a leading newline ends whatever a killed
      // writer left half-written, so this batch starts a line.
      const token = start === 0 ? newJournalToken() : undefined;
      const text = token ? journalHeader(token) + NEWLINE + records : NEWLINE + records;
      fs.writeSync(fd, text);
      this.bytesWritten += Buffer.byteLength(text);
      if (this.#fd === undefined || this.#ino !== fs.fstatSync(fd).ino) {
        // Created just now: read it through a descriptor of its own, from where our batch begins.
        this.close();
        this.#fd = fs.openSync(this.path, 'r');
        this.#ino = fs.fstatSync(this.#fd).ino;
        this.#token = token ?? readJournalToken(this.#fd);
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
      const slot = this.#index.slot(id);
      if (extra.has(id) || slot === undefined || this.#fd === undefined) continue;
      const line = this.#index.recordLine(this.#fd, slot, () => this.summary(id));
      if (line !== undefined) lines.push(line);
    }
    lines.push(...recordLines(extra));
    const text = journalText(lines);
    replaceFile(this.path, text);
    this.bytesWritten += Buffer.byteLength(text);
    this.#ino = undefined; // so the reindex does not read the old file's tail again
    this.#reindex();
  }
}

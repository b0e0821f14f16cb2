// Where each ID's last journal record is, and its facts, for every ID in the journal: columns of numbers
// rather than an object per ID, so 100,000 jobs cost a few typed arrays and one map (issue 15: memory).
// Also the two reads of a record's parts through the journal's descriptor.

import fs from 'node:fs';
import type { JobFacts } from './facts.js';
import { journalRecord, RECORD_ROW } from './layout.js';
import { type EntrySummary, summaryRow } from './summary.js';

const FIRST_CAPACITY = 1024;
const ROW_BYTES = Buffer.byteLength(RECORD_ROW);

function grown<T extends Float64Array | Int32Array>(column: T, capacity: number): T {
  const bigger = new (column.constructor as new (n: number) => T)(capacity);
  bigger.set(column);
  return bigger;
}

/** An index's columns, one item per slot (open-cache.ts keeps them between runs). */
export interface IndexColumns {
  ids: readonly string[];
  offset: Float64Array<ArrayBuffer>;
  length: Int32Array<ArrayBuffer>;
  rowLength: Int32Array<ArrayBuffer>;
  facts: readonly (JobFacts | null | undefined)[];
}

export class JournalIndex {
  /** Slots by ID; undefined until first needed after fromColumns (the first frame needs none). */
  #slotOf: Map<string, number> | undefined = new Map();
  /** The index's own copy of each ID: entries use it too, so 100,000 IDs are held once. */
  #ids: string[] = [];
  /** Offset and bytes of the snapshot text in the file. */
  #offset = new Float64Array(FIRST_CAPACITY);
  #length = new Int32Array(FIRST_CAPACITY);
  /** Bytes of the row after the snapshot; 0: the record has none (older writers). */
  #rowLength = new Int32Array(FIRST_CAPACITY);
  /** null: the record says the job has no snapshot; undefined: not known without the snapshot (no row). */
  #facts: (JobFacts | null | undefined)[] = [];
  /** Bytes of the snapshots of every ID's last record: the journal is compacted when far past them. */
  liveBytes = 0;

  get size(): number {
    return this.#ids.length;
  }

  slot(id: string): number | undefined {
    return this.#map().get(id);
  }

  #map(): Map<string, number> {
    if (!this.#slotOf) {
      this.#slotOf = new Map();
      for (let slot = 0; slot < this.#ids.length; slot++) this.#slotOf.set(this.#ids[slot]!, slot);
    }
    return this.#slotOf;
  }

  /**
   * Where `id` is; -1: not here. `guess`: the slot it is likely at, checked first. The journal keeps the
   * list's order (compaction writes the live records in order, and new jobs are appended as they are
   * added), so the n-th entry of the list is nearly always in slot n: a string comparison instead of a
   * lookup in a map of 100,000.
   */
  slotOf(id: string, guess = -1): number {
    if (guess >= 0 && guess < this.#ids.length && this.#ids[guess] === id) return guess;
    return this.#map().get(id) ?? -1;
  }

  /** The ID at `slot` if it is the 32 bytes at buf[at]; else undefined. */
  idMatching(slot: number, buf: Buffer, at: number): string | undefined {
    const id = this.#ids[slot];
    if (id === undefined) return undefined;
    for (let i = 0; i < id.length; i++) if (id.charCodeAt(i) !== buf[at + i]) return undefined;
    return id;
  }

  idAt(slot: number): string {
    return this.#ids[slot]!;
  }

  offset(slot: number): number {
    return this.#offset[slot]!;
  }

  length(slot: number): number {
    return this.#length[slot]!;
  }

  rowLength(slot: number): number {
    return this.#rowLength[slot]!;
  }

  facts(slot: number): JobFacts | null | undefined {
    return this.#facts[slot];
  }

  /** The snapshot text of the record at `slot`, read from the journal open as `fd`. */
  snapshotBytes(fd: number, slot: number): Buffer {
    const length = this.#length[slot]!;
    const bytes = Buffer.allocUnsafe(length);
    fs.readSync(fd, bytes, 0, length, this.#offset[slot]!);
    return bytes;
  }

  /** The row text of the record at `slot` (rowLength > 0), read from the journal open as `fd`. */
  rowText(fd: number, slot: number): string {
    const rowLength = this.#rowLength[slot]!;
    const bytes = Buffer.allocUnsafe(rowLength);
    fs.readSync(fd, bytes, 0, rowLength, this.#offset[slot]! + this.#length[slot]! + ROW_BYTES);
    return bytes.toString('utf8');
  }

  /**
   * The record at `slot` as a line again, for a compaction: its row as it was written, or made from the
   * summary (`summary`) where the record had none. Undefined for a job without a snapshot.
   */
  recordLine(fd: number, slot: number, summary: () => EntrySummary | undefined): string | undefined {
    if (this.#facts[slot] === null) return undefined;
    const snapshotJson = this.snapshotBytes(fd, slot).toString('utf8');
    const made = this.#rowLength[slot]! > 0 ? undefined : summary();
    const row = made ? summaryRow(made) : this.#rowLength[slot]! > 0 ? this.rowText(fd, slot) : undefined;
    return row === undefined ? undefined : journalRecord(this.#ids[slot]!, snapshotJson, row);
  }

  setFacts(slot: number, facts: JobFacts | null): void {
    this.#facts[slot] = facts;
  }

  /** Record `id`'s latest record; returns its slot (the same slot as before for a known ID). */
  set(
    id: string,
    offset: number,
    length: number,
    rowLength: number,
    facts: JobFacts | null | undefined,
  ): number {
    const map = this.#map();
    let slot = map.get(id);
    if (slot === undefined) {
      slot = this.#ids.length;
      if (slot === this.#offset.length) this.#grow();
      map.set(id, slot);
      this.#ids.push(id);
      this.#facts.push(facts);
    } else {
      this.liveBytes -= this.#length[slot]!;
      this.#facts[slot] = facts;
    }
    this.#offset[slot] = offset;
    this.#length[slot] = length;
    this.#rowLength[slot] = rowLength;
    this.liveBytes += length;
    return slot;
  }

  /** The columns as they are now (views, valid until the next set). */
  columns(): IndexColumns {
    const n = this.size;
    return {
      ids: this.#ids,
      offset: this.#offset.subarray(0, n),
      length: this.#length.subarray(0, n),
      rowLength: this.#rowLength.subarray(0, n),
      facts: this.#facts,
    };
  }

  /**
   * An index holding `c`, its IDs distinct as columns() gives them. The columns are taken, not copied: the
   * caller gives them up (the open cache's, read for this). Throws if their lengths disagree.
   */
  static fromColumns(c: IndexColumns): JournalIndex {
    const n = c.ids.length;
    if ([c.offset, c.length, c.rowLength, c.facts].some((column) => column.length !== n))
      throw new Error('index columns of different lengths');
    const index = new JournalIndex();
    index.#slotOf = undefined;
    for (let slot = 0; slot < n; slot++) index.liveBytes += c.length[slot]!;
    index.#ids = c.ids as string[];
    index.#facts = c.facts as (JobFacts | null | undefined)[];
    // Exactly full: the first record appended grows them, as any index grows.
    index.#offset = c.offset;
    index.#length = c.length;
    index.#rowLength = c.rowLength;
    return index;
  }

  #grow(): void {
    // By a quarter: 100,000 slots and a save of 300 more must not cost room for 100,000 more.
    const capacity = Math.max(FIRST_CAPACITY, this.#offset.length + (this.#offset.length >> 2));
    this.#offset = grown(this.#offset, capacity);
    this.#length = grown(this.#length, capacity);
    this.#rowLength = grown(this.#rowLength, capacity);
  }
}

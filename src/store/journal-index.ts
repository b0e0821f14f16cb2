// Where each ID's last journal record is, and its facts, for every ID in the journal: columns of numbers
// rather than an object per ID, so 100,000 jobs cost a few typed arrays and one map (issue 15: memory).

import type { JobFacts } from './facts.js';

const FIRST_CAPACITY = 1024;

function grown<T extends Float64Array | Int32Array>(column: T, capacity: number): T {
  const bigger = new (column.constructor as new (n: number) => T)(capacity);
  bigger.set(column);
  return bigger;
}

export class JournalIndex {
  readonly #slotOf = new Map<string, number>();
  /** The index's own copy of each ID: entries use it too, so 100,000 IDs are held once. */
  readonly #ids: string[] = [];
  /** Offset and bytes of the snapshot text in the file. */
  #offset = new Float64Array(FIRST_CAPACITY);
  #length = new Int32Array(FIRST_CAPACITY);
  /** Bytes of the row after the snapshot; 0: the record has none (older writers). */
  #rowLength = new Int32Array(FIRST_CAPACITY);
  /** null: the record says the job has no snapshot; undefined: not known without the snapshot (no row). */
  readonly #facts: (JobFacts | null | undefined)[] = [];
  /** Bytes of the snapshots of every ID's last record: the journal is compacted when far past them. */
  liveBytes = 0;

  get size(): number {
    return this.#ids.length;
  }

  slot(id: string): number | undefined {
    return this.#slotOf.get(id);
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
    let slot = this.#slotOf.get(id);
    if (slot === undefined) {
      slot = this.#ids.length;
      if (slot === this.#offset.length) this.#grow();
      this.#slotOf.set(id, slot);
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

  #grow(): void {
    const capacity = this.#offset.length * 2;
    this.#offset = grown(this.#offset, capacity);
    this.#length = grown(this.#length, capacity);
    this.#rowLength = grown(this.#rowLength, capacity);
  }
}

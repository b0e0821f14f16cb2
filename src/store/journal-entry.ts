// A watch entry whose snapshot stays in the journal until asked for: what the store holds for every job
// loaded from disk, so 100,000 jobs cost their IDs and times in memory, not 100,000 JSON documents.

import type { JobFacts } from './facts.js';
import type { SnapshotJournal } from './journal.js';
import type { EntrySummary } from './summary.js';
import type { Snapshot, WatchEntry } from './types.js';

/**
 * Snapshots once read, by entry. Not a field: spreading or comparing an entry must see only its fields,
 * and a non-enumerable field defined per instance made opening 100,000 entries measurably slower.
 */
const read = new WeakMap<JournalEntry, Snapshot | undefined>();

export class JournalEntry implements WatchEntry {
  /** The journal, on the prototype of a class per journal (journalEntryClass): not an own field. */
  declare readonly journal: SnapshotJournal;

  // Where the journal's index held this ID when the entry was made (journal.ts: valid while that index is
  // the journal's): the table reads every job's facts, and a lookup by ID per job was a tenth of a launch.
  // Private: spreading an entry copies its fields, and these are the journal's business.
  readonly #slot: number;
  readonly #generation: number;

  constructor(
    readonly id: string,
    readonly addedAt: string,
    readonly endpoint: string,
    slot = -1,
    generation = -1,
  ) {
    this.#slot = slot;
    this.#generation = generation;
  }

  /** The snapshot once read (false: not yet). Callers that read every job's snapshot then parse each once. */
  get cached(): Snapshot | undefined | false {
    return read.has(this) ? read.get(this) : false;
  }

  /** Status, state and gone: held in memory for every job (the counts, the due check). */
  get facts(): JobFacts | undefined {
    return this.journal.facts(this.id, this.#slot, this.#generation);
  }

  /** What the table shows of the job: read from the journal's row when first asked, then kept. */
  get summary(): EntrySummary | undefined {
    return this.journal.summary(this.id, this.#slot, this.#generation);
  }

  /**
   * Read from the journal and parsed on first access, then kept: the entry is replaced, not changed, when
   * the job changes. Read only what is shown (the detail pane); the table and the poller need `summary`.
   */
  get snapshot(): Snapshot | undefined {
    if (read.has(this)) return read.get(this);
    const snap = this.journal.snapshot(this.id);
    read.set(this, snap);
    return snap;
  }

  toJSON(): WatchEntry {
    const snapshot = this.snapshot;
    const base = { id: this.id, addedAt: this.addedAt, endpoint: this.endpoint };
    return snapshot ? { ...base, snapshot } : base;
  }
}

/** Entries reading `journal`: the journal is shared through the prototype, so each entry holds 3 fields. */
export function journalEntryClass(journal: SnapshotJournal): typeof JournalEntry {
  const Bound = class extends JournalEntry {};
  Object.defineProperty(Bound.prototype, 'journal', { value: journal, enumerable: false });
  return Bound;
}

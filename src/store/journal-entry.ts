// A watch entry whose snapshot stays in the journal until asked for: what the store holds for every job
// loaded from disk, so 100,000 jobs cost their IDs and times in memory, not 100,000 JSON documents.

import type { SnapshotJournal } from './journal.js';
import type { EntrySummary } from './summary.js';
import type { Snapshot, WatchEntry } from './types.js';

export class JournalEntry implements WatchEntry {
  // Not enumerable, so spreading or comparing an entry sees only its fields (a private #field would make
  // test matchers and structuredClone throw).
  declare readonly journal: SnapshotJournal;
  /** The snapshot once read (false: not yet). Callers that read every job's snapshot then parse each once. */
  declare cached: Snapshot | undefined | false;

  constructor(
    readonly id: string,
    readonly addedAt: string,
    readonly endpoint: string,
    journal: SnapshotJournal,
  ) {
    Object.defineProperty(this, 'journal', { value: journal, enumerable: false });
    Object.defineProperty(this, 'cached', { value: false, enumerable: false, writable: true });
  }

  /** What the table needs of the job, held in memory. */
  get summary(): EntrySummary | undefined {
    return this.journal.summary(this.id);
  }

  /**
   * Read from the journal and parsed on first access, then kept: the entry is replaced, not changed, when
   * the job changes. Read only what is shown (the detail pane); the table and the poller need `summary`.
   */
  get snapshot(): Snapshot | undefined {
    if (this.cached === false) this.cached = this.journal.snapshot(this.id);
    return this.cached;
  }

  toJSON(): WatchEntry {
    const snapshot = this.snapshot;
    const base = { id: this.id, addedAt: this.addedAt, endpoint: this.endpoint };
    return snapshot ? { ...base, snapshot } : base;
  }
}

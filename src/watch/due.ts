import { isFinalState } from '../platform/types.js';
import type { JobFacts } from '../store/facts.js';
import type { Snapshot } from '../store/types.js';

/** What the poller needs of the watch list: read the IDs and snapshots, write changed snapshots back. */
export interface PollTarget {
  ids(): readonly string[];
  snapshot(id: string): Snapshot | undefined;
  /**
   * The job's status, state and gone flag without reading its full snapshot (a store that keeps snapshots on
   * disk): each cycle checks every watched ID, and parsing 100,000 snapshots for that would undo the lazy store.
   */
  facts?(id: string): JobFacts | undefined;
  /** Called at most once per cycle, with only the snapshots that changed. */
  putSnapshots(snapshots: ReadonlyMap<string, Snapshot>): void;
}

/**
 * Whether a job still needs polling. Final jobs (COMPLETED / FAILED) never change; not-found and no-access
 * rows, and jobs gone from the platform, would only burn requests to learn the same thing again — the user can refresh them explicitly.
 */
export function isDue(known: Snapshot | JobFacts | undefined): boolean {
  if (known === undefined) return true;
  // Gone from the platform (it aged out): asking again would only hear 404 again.
  const gone = 'gone' in known ? known.gone : known.goneAt !== undefined;
  if (known.status !== 'ok' || gone) return false;
  const state = 'gone' in known ? known.state : known.job?.state;
  return !isFinalState(state);
}

/** The due facts of one ID: from the target's facts when it has them, else from the snapshot. */
export function dueFacts(target: PollTarget, id: string): Snapshot | JobFacts | undefined {
  return target.facts ? target.facts(id) : target.snapshot(id);
}

/**
 * The watched IDs to ask about this cycle, in watch-list order, followed by explicitly requested `extra` IDs.
 * One pass over the list and a map lookup per ID: 10,000 watched jobs cost well under a millisecond.
 */
export function dueIds(target: PollTarget, extra: ReadonlySet<string> = new Set()): string[] {
  const due: string[] = [];
  const seen = new Set<string>();
  for (const id of target.ids()) {
    if (seen.has(id)) continue;
    if (isDue(dueFacts(target, id)) || extra.has(id)) {
      due.push(id);
      seen.add(id);
    }
  }
  return due;
}

export interface DueOrder {
  /** Extras first, then jobs never fetched (in list order), then the longest unrefreshed first. */
  ids: string[];
  /** How many of them have no snapshot yet. */
  unknown: number;
}

/**
 * The due IDs in the order a cycle cut short by the budget should take them, so the next window resumes where
 * this one stopped and nobody waits twice: what the user asked for, what we have never seen, then by the time
 * this poller last asked (never asked in this run counts as oldest). A stable sort keeps list order among equals.
 */
export function dueInOrder(target: PollTarget, extra: ReadonlySet<string>, asked: AskLog): DueOrder {
  asked.forgetUnwatched(target.ids());
  const first: string[] = [];
  const unseen: string[] = [];
  const known: string[] = [];
  let unknown = 0;
  for (const id of dueIds(target, extra)) {
    const snapshot = dueFacts(target, id);
    if (snapshot === undefined) unknown++;
    if (extra.has(id)) first.push(id);
    else if (snapshot === undefined) unseen.push(id);
    else known.push(id);
  }
  known.sort((a, b) => asked.lastAsked(a) - asked.lastAsked(b));
  return { ids: [...first, ...unseen, ...known], unknown };
}

/** Per ID, the sequence number of the call that last asked about it: a cut-short cycle resumes from the oldest. */
export class AskLog {
  private readonly seqById = new Map<string, number>();
  private seq = 0;

  mark(ids: readonly string[]): void {
    this.seq++;
    for (const id of ids) this.seqById.set(id, this.seq);
  }

  /** -1 for an ID never asked in this run: it counts as the oldest. */
  lastAsked(id: string): number {
    return this.seqById.get(id) ?? -1;
  }

  /** Drops IDs no longer watched once the log has grown well past the list (removed jobs). */
  forgetUnwatched(ids: readonly string[]): void {
    if (this.seqById.size <= 2 * ids.length + 1000) return;
    const watched = new Set(ids);
    for (const id of this.seqById.keys()) if (!watched.has(id)) this.seqById.delete(id);
  }
}

export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

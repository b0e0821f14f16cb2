// The three things about a job that every watched job must have at hand, at any list size: its status, its
// state and whether it is gone. The per-state counts, the table's state column and the poller's due check
// need nothing else, so the store keeps these for every job and the rest of the summary only for the jobs
// shown (summary.ts). Facts are interned: 100,000 jobs share a handful of objects.

import { EXPORT_STATES } from '../platform/types.js';
import { SNAPSHOT_STATUSES, type SnapshotStatus } from './types.js';

export interface JobFacts {
  readonly status: SnapshotStatus;
  /** job.state (absent for not-found / no-access). */
  readonly state?: string;
  /** The platform answered 404 after the job was known (the summary's goneAt): final for polling. */
  readonly gone: boolean;
}

type Pair = [notGone: JobFacts, gone: JobFacts];
const interned = new Map<SnapshotStatus, Map<string | undefined, Pair>>();
// States the API never sent are kept too (a future state must not crash the table), but not without bound.
const MAX_STATES = 64;

/** The one facts object for this status, state and gone flag. */
export function jobFacts(status: SnapshotStatus, state: string | undefined, gone: boolean): JobFacts {
  let byState = interned.get(status);
  if (!byState) {
    byState = new Map();
    interned.set(status, byState);
  }
  let pair = byState.get(state);
  if (!pair) {
    const make = (g: boolean): JobFacts =>
      Object.freeze(state === undefined ? { status, gone: g } : { status, state, gone: g });
    pair = [make(false), make(true)];
    if (byState.size < MAX_STATES) byState.set(state, pair);
  }
  return pair[gone ? 1 : 0];
}

/** The facts of a summary or a snapshot-like record (`goneAt` set: gone). */
export function factsOf(s: { status: SnapshotStatus; state?: string; goneAt?: string }): JobFacts {
  return jobFacts(s.status, s.state, s.goneAt !== undefined);
}

// Facts as one byte (the open cache keeps them so): 0 not known without the row, 1 no snapshot, else
// status × state × gone. A state the API may add later is stored as 0, and read from its row when asked.
const CODED_STATES: readonly (string | undefined)[] = [undefined, ...EXPORT_STATES];
const BY_CODE: (JobFacts | null | undefined)[] = [undefined, null];
for (const status of SNAPSHOT_STATUSES)
  for (const state of CODED_STATES)
    BY_CODE.push(jobFacts(status, state, false), jobFacts(status, state, true));
const CODE = new Map<JobFacts | null | undefined, number>(BY_CODE.map((f, code) => [f, code]));

export const factsCode = (facts: JobFacts | null | undefined): number => CODE.get(facts) ?? 0;
export const factsOfCode = (code: number): JobFacts | null | undefined => BY_CODE[code];

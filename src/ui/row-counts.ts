// The row model's counts (row-model.ts): jobs per state and per platform, and each job's state as one byte,
// worked out from the entries' facts without making a row, and moved along by the rows a refresh replaced.
import type { WatchEntry } from '../store/types.js';
import { type Row, rowStateOf } from './rows.js';
import { ROW_STATES, type RowState } from './theme.js';

const emptyCounts = () =>
  Object.fromEntries(ROW_STATES.map((state) => [state, 0])) as Record<RowState, number>;

// Each job's state as the model counted it, one byte per job: a row made later (a job scrolled to) shows
// that state even if its entry, which reads the journal, would say a newer one. The counts, the rows and
// the changes of one model then agree.
export const STATES: readonly RowState[] = ROW_STATES;
export const STATE_CODE = new Map(STATES.map((state, code) => [state, code]));

/** Counts by state and by platform, from each job's facts: no row made. */
export function tally(entries: readonly WatchEntry[], platformOf: (entry: WatchEntry) => string) {
  const counts = emptyCounts();
  const states = new Uint8Array(entries.length);
  const platforms = new Map<string, number>();
  const count = (name: string, n: number) => platforms.set(name, (platforms.get(name) ?? 0) + n);
  // Platforms by runs: jobs of one platform sit together (added in one go).
  let run = 0;
  let name = '';
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const state = rowStateOf(entry);
    counts[state]++;
    states[i] = STATE_CODE.get(state)!;
    const platform = platformOf(entry);
    if (run > 0 && platform !== name) {
      count(name, run);
      run = 0;
    }
    name = platform;
    run++;
  }
  if (run > 0) count(name, run);
  return { counts, platforms, states };
}

/** The counts after `changes`, from those of `last`. */
export function moved(
  last: { counts: Readonly<Record<RowState, number>>; platforms: ReadonlyMap<string, number> },
  changes: readonly { before: Row; after: Row }[],
) {
  const counts = { ...last.counts };
  let platforms = last.platforms;
  for (const { before: old, after: row } of changes) {
    counts[old.state]--;
    counts[row.state]++;
    if (old.platform !== row.platform) {
      const next = new Map(platforms);
      next.set(old.platform, (next.get(old.platform) ?? 0) - 1);
      next.set(row.platform, (next.get(row.platform) ?? 0) + 1);
      if (next.get(old.platform) === 0) next.delete(old.platform);
      platforms = next;
    }
  }
  return { counts, platforms };
}

// Notices jobs that change state while watched: their rows light up for a few
// seconds, the flash line says `<id> RUNNING → COMPLETED`, and FAILED rings the bell.
// Worked out while rendering the refresh itself (no state update, so no second
// frame per refresh: issue 4's refresh cost).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { changesSince, type RowModel } from '../row-model.js';

export const HIGHLIGHT_MS = 5000;

export interface StateChange {
  id: string;
  from: string;
  to: string;
}

export interface JobChanges {
  /** Rows to mark as changed right now. */
  highlighted: ReadonlySet<string>;
  /** The latest batch of changes and when it was seen (for the flash line). */
  latest?: { changes: readonly StateChange[]; at: number };
}

export function useJobChanges(
  model: RowModel,
  now: () => number,
  onChanges: (changes: readonly StateChange[]) => void,
): JobChanges {
  const previous = useRef<RowModel | null>(null);
  const until = useRef(new Map<string, number>());
  const latest = useRef<JobChanges['latest']>(undefined);
  const [expired, setExpired] = useState(0);

  const batch = useMemo(() => {
    const changes: StateChange[] = [];
    // Only real transitions count: not the first load, not a newly added job, not a first fetch.
    const replaced = previous.current ? changesSince(previous.current, model) : [];
    for (const { before, after } of replaced) {
      if (before.state !== after.state && before.state !== 'UNKNOWN') {
        changes.push({ id: after.id, from: before.state, to: after.state });
      }
    }
    previous.current = model;
    if (changes.length > 0) {
      const at = now();
      for (const c of changes) until.current.set(c.id, at + HIGHLIGHT_MS);
      latest.current = { changes, at };
    }
    return changes;
  }, [model, now]);

  // Side effects only (the bell): no state, no extra frame.
  useEffect(() => {
    if (batch.length > 0) onChanges(batch);
  }, [batch, onChanges]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `expired` and `batch` are the recompute signals
  const highlighted = useMemo(() => {
    const t = now();
    for (const [id, end] of until.current) if (end <= t) until.current.delete(id);
    return new Set(until.current.keys());
  }, [batch, expired, now]);

  // One timer for the earliest highlight to expire (re-armed whenever the set changes).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `highlighted` is the re-arm signal
  useEffect(() => {
    if (until.current.size === 0) return;
    const earliest = Math.min(...until.current.values());
    const timer = setTimeout(() => setExpired((n) => n + 1), Math.max(50, earliest - now()));
    return () => clearTimeout(timer);
  }, [highlighted, now]);

  return { highlighted, latest: latest.current };
}

/** useJobChanges that rings the bell when a job fails; `bell` is undefined with --no-bell. */
export function useChangesWithBell(
  model: RowModel,
  now: () => number,
  bell: { bell(): void } | undefined,
): JobChanges {
  const ringOnFailure = useCallback(
    (changes: readonly StateChange[]) => {
      if (bell && changes.some((c) => c.to === 'FAILED')) bell.bell();
    },
    [bell],
  );
  return useJobChanges(model, now, ringOnFailure);
}

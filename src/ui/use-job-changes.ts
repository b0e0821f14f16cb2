// Notices jobs that change state while watched: their rows light up for a few
// seconds, the flash line says `<id> RUNNING → COMPLETED`, and FAILED rings the bell.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { WatchEntry } from '../store/types.js';
import type { Row } from './rows.js';

export const HIGHLIGHT_MS = 5000;

export interface StateChange {
  id: string;
  from: string;
  to: string;
}

export function useJobChanges(
  entries: readonly WatchEntry[],
  rows: readonly Row[],
  now: () => number,
  onChanges: (changes: StateChange[]) => void,
): ReadonlySet<string> {
  const previous = useRef<Map<string, string> | null>(null);
  const [highlighted, setHighlighted] = useState<ReadonlyMap<string, number>>(new Map());

  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run only when the list itself changes
  useEffect(() => {
    const next = new Map<string, string>();
    const changes: StateChange[] = [];
    const before = previous.current;
    for (const row of rows) {
      next.set(row.id, row.state);
      const was = before?.get(row.id);
      // Only real transitions between known states: not the first load, not a newly added job.
      if (was !== undefined && was !== row.state && was !== 'UNKNOWN') {
        changes.push({ id: row.id, from: was, to: row.state });
      }
    }
    previous.current = next;
    if (changes.length === 0) return;
    const until = now() + HIGHLIGHT_MS;
    setHighlighted((old) => {
      const m = new Map(old);
      for (const c of changes) m.set(c.id, until);
      return m;
    });
    onChanges(changes);
  }, [entries]);

  // Drop highlights as they expire; one timer for the earliest.
  useEffect(() => {
    if (highlighted.size === 0) return;
    const earliest = Math.min(...highlighted.values());
    const timer = setTimeout(
      () => {
        const t = now();
        setHighlighted((old) => new Map([...old].filter(([, until]) => until > t)));
      },
      Math.max(50, earliest - now()),
    );
    return () => clearTimeout(timer);
  }, [highlighted, now]);

  return useMemo(() => new Set(highlighted.keys()), [highlighted]);
}

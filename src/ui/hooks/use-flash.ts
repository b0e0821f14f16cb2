// The flash line: the newest of our own message, the poller's and the latest state changes, each shown
// for FLASH_MS and then cleared by one timer (no redraw on a tick). Start-up messages and the problems the
// store meets later (a file corrupted or hand-edited while we run, a failed write) come here too.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PollerStatusView, WatchListPort } from '../ports.js';
import type { Flash, UiAction } from '../state.js';
import type { StateChange } from './use-job-changes.js';

export const FLASH_MS = 6000;

export type FlashFn = (text: string, level?: Flash['level']) => void;

export function useFlashMessage(dispatch: (action: UiAction) => void, clock: () => number): FlashFn {
  return useCallback(
    (text: string, level: Flash['level'] = 'info') =>
      dispatch({ type: 'flash', flash: { text, level, at: clock() } }),
    [clock, dispatch],
  );
}

/** Start-up messages once; store warnings as they appear; a failed background write when it happens. */
export function useStoreNotices(
  store: WatchListPort,
  version: number,
  flash: FlashFn,
  startupMessages?: readonly string[],
): void {
  const shownWarnings = useRef(store.warnings.length);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once
  useEffect(() => {
    if (startupMessages?.length) flash(startupMessages.join(' · '), 'error');
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the change signal for the store
  useEffect(() => {
    const fresh = store.warnings.slice(shownWarnings.current);
    shownWarnings.current = store.warnings.length;
    if (fresh.length) flash(fresh.join(' · '), 'error');
  }, [version, store, flash]);
  const storeError = store.lastError;
  useEffect(() => {
    if (storeError) flash(`Could not save the watch list: ${storeError}`, 'error');
  }, [storeError, flash]);
}

/** The flash to show now, or none once the newest has been up for FLASH_MS. */
export function useCurrentFlash(
  candidates: {
    own?: Flash;
    status: PollerStatusView;
    changes?: { changes: readonly StateChange[]; at: number };
  },
  clock: () => number,
  frozen: boolean,
): Flash | undefined {
  const { own, status, changes } = candidates;
  const pollerFlash: Flash | undefined = status.flash
    ? { text: status.flash.message, level: status.flash.level, at: status.flash.at }
    : undefined;
  const changeFlash = changes && describeChanges(changes.changes, changes.at);
  const newest = [own, pollerFlash, changeFlash]
    .filter((f): f is Flash => f !== undefined)
    .sort((a, b) => b.at - a.at)[0];
  const [, expired] = useState(0);
  const alive = newest && clock() - newest.at < FLASH_MS ? newest : undefined;
  const aliveAt = alive?.at;
  useEffect(() => {
    if (aliveAt === undefined || frozen) return;
    const t = setTimeout(() => expired((n) => n + 1), FLASH_MS - (clock() - aliveAt) + 20);
    return () => clearTimeout(t);
  }, [aliveAt, clock, frozen]);
  return alive;
}

/** The flash line for a batch of state changes: `<id> RUNNING → COMPLETED`, or a count and the first few. */
export function describeChanges(changes: readonly StateChange[], at: number): Flash | undefined {
  const first = changes[0];
  if (!first) return undefined;
  const text =
    changes.length === 1
      ? `${first.id} ${first.from} → ${first.to}`
      : `${changes.length} jobs changed: ${changes
          .slice(0, 3)
          .map((c) => `${c.id.slice(0, 8)}… ${c.from} → ${c.to}`)
          .join(', ')}${changes.length > 3 ? ', …' : ''}`;
  return { text, level: changes.some((c) => c.to === 'FAILED') ? 'error' : 'info', at };
}

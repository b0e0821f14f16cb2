// The watch list as rows: re-read only when the store's version moves, and rows, the index by ID and the
// counts carried over from the last version where only some jobs changed.
import { useCallback, useMemo, useRef, useSyncExternalStore } from 'react';
import type { WatchListPort } from '../ports.js';
import { nextRowModel, type PlatformOf, type RowModel } from '../row-model.js';

export function useWatchList(
  store: WatchListPort,
  platformOf?: PlatformOf,
): { model: RowModel; version: number } {
  const subscribe = useCallback((cb: () => void) => store.subscribe(cb), [store]);
  const version = useSyncExternalStore(subscribe, () => store.version);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the change signal for the store
  const entries = useMemo(() => store.entries(), [store, version]);
  const modelRef = useRef<RowModel | undefined>(undefined);
  const model = useMemo(() => {
    modelRef.current = nextRowModel(modelRef.current, entries, platformOf);
    return modelRef.current;
  }, [entries, platformOf]);
  return { model, version };
}

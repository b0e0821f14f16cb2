// The UI reducer, run synchronously into a ref as well as into React state: key handlers read the ref, so
// keys typed faster than frames (a paste, a queue of arrows, 'R' then 'l') each see the state the previous
// key left behind.
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { initialUiState, type UiAction, type UiState, uiReducer } from '../state.js';

export function useUiState(): [UiState, RefObject<UiState>, (action: UiAction) => void] {
  const [ui, setUi] = useState(initialUiState);
  const uiRef = useRef(ui);
  const dispatch = useCallback((action: UiAction) => {
    const next = uiReducer(uiRef.current, action);
    if (next === uiRef.current) return;
    uiRef.current = next;
    setUi(next);
  }, []);
  return [ui, uiRef, dispatch];
}

/**
 * Marks of jobs that are no longer watched (removed by another process, or a merge with its list) go with
 * them: a bulk action must not count, or act on, a job the list no longer has.
 */
export function usePrunedMarks(
  has: (id: string) => boolean,
  version: number,
  uiRef: RefObject<UiState>,
  dispatch: (action: UiAction) => void,
): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the list's membership
  useEffect(() => {
    const gone = [...uiRef.current.marks].filter((id) => !has(id));
    if (gone.length > 0) dispatch({ type: 'unmark', ids: gone });
  }, [version]);
}

// The UI reducer, run synchronously into a ref as well as into React state: key handlers read the ref, so
// keys typed faster than frames (a paste, a queue of arrows, 'R' then 'l') each see the state the previous
// key left behind.
import { type RefObject, useCallback, useRef, useState } from 'react';
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

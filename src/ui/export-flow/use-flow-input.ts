// Keys → actions. Only active while the flow is mounted (and `isActive`): the App's own keys never see them.
import { type Key, useInput } from 'ink';
import { type Dispatch, useRef } from 'react';
import type { ExportJob } from '../../platform/types.js';
import type { FlowAction } from './reducer.js';
import type { FlowState } from './state.js';

export interface FlowInput {
  state: FlowState;
  dispatch: Dispatch<FlowAction>;
  watched: readonly ExportJob[];
  /** Rows a page key moves in a list. */
  pageRows: number;
  onClose: () => void;
  stopSubmit: () => void;
  isActive?: boolean;
}

const FORMS = new Set(['filter', 'options']);
const FAR = 1_000_000_000;

function isToggleField(state: FlowState): boolean {
  return (
    (state.step === 'filter' && state.filterField === 'recursive') ||
    (state.step === 'options' && state.optionField !== 'prefix')
  );
}

/** Navigation keys; true when the key was one. */
function navigate(key: Key, state: FlowState, dispatch: Dispatch<FlowAction>, pageRows: number): boolean {
  const form = FORMS.has(state.step);
  const step = (delta: number) => dispatch(form ? { type: 'field', delta } : { type: 'move', delta });
  if (key.upArrow) step(-1);
  else if (key.downArrow) step(1);
  else if (key.tab) dispatch({ type: 'field', delta: key.shift ? -1 : 1 });
  else if (key.pageUp) dispatch({ type: 'move', delta: -pageRows });
  else if (key.pageDown) dispatch({ type: 'move', delta: pageRows });
  else if (key.home) dispatch({ type: 'move', delta: -FAR });
  else if (key.end) dispatch({ type: 'move', delta: FAR });
  else if ((key.leftArrow || key.rightArrow) && isToggleField(state)) dispatch({ type: 'toggle' });
  else return false;
  return true;
}

/**
 * Plain characters typed together arrive as one string: outside text fields each is its own command. In a
 * text field the whole string is text (a paste), except a space on a yes/no field, which toggles it.
 */
function typed(input: string, state: FlowState, dispatch: Dispatch<FlowAction>): void {
  if (state.step === 'folder') {
    if (input.includes('.')) dispatch({ type: 'here' });
    return;
  }
  if (state.step === 'preview') {
    if (input.toLowerCase().includes('y')) dispatch({ type: 'confirm' });
    return;
  }
  if (isToggleField(state)) {
    if (input.includes(' ')) dispatch({ type: 'toggle' });
    return;
  }
  dispatch({ type: 'text', text: input });
}

/** Backspaces typed faster than Ink reads them come as one string of DEL bytes, not as `key.delete`. */
const ERASES = /^[\u007f\b]+$/;

export function useFlowInput(opts: FlowInput): void {
  // Ink subscribes a new handler only after the render's effects: a key that arrives in between must still
  // see the state just drawn, so the handler reads it from here.
  const latest = useRef(opts);
  latest.current = opts;
  useInput(
    (input, key) => {
      const { state, dispatch, onClose } = latest.current;
      if (key.ctrl && input !== '') return;
      if (state.step === 'done') {
        onClose();
        return;
      }
      if (key.escape) {
        if (state.step === 'project') onClose();
        else if (state.step === 'submitting') latest.current.stopSubmit();
        else dispatch({ type: 'back' });
        return;
      }
      if (state.step === 'submitting') return;
      if (key.return) dispatch({ type: 'enter', watched: latest.current.watched });
      else if (ERASES.test(input)) for (const _ of input) dispatch({ type: 'erase' });
      else if (key.backspace || key.delete) dispatch({ type: 'erase' });
      else if (!navigate(key, state, dispatch, latest.current.pageRows) && input !== '')
        typed(input, state, dispatch);
    },
    { isActive: opts.isActive ?? true },
  );
}

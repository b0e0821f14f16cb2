// The one owner of UI state: what is selected (by job ID, so refreshes and
// sorting never move the cursor to another job), which view and prompt is open,
// the filter and the sort. Job data itself lives in the store; this holds only
// what the person at the keyboard changed.

import type { View } from './keys.js';
import { SORT_KEYS, type SortKey, type SortSpec } from './rows.js';

export type Modal =
  | { kind: 'help' }
  | { kind: 'add'; text: string }
  | { kind: 'filter'; text: string; before: string }
  | { kind: 'confirm-remove'; id: string }
  /** Several marked jobs: one question for all of them. */
  | { kind: 'confirm-remove-marked'; ids: readonly string[] }
  /** `ids`: the marked jobs when there are marks (`id` is then the first); the text is then a path prefix. */
  | { kind: 'retry-choose'; id: string; ids?: readonly string[] }
  | { kind: 'retry-location'; id: string; text: string; ids?: readonly string[] }
  /** Copy (the default: the file stays in the project) or move: asked on every restart. */
  | { kind: 'retry-copy'; id: string; overwrite: boolean; location: string; ids?: readonly string[] }
  /** `summary`: the plan's line (how many, where, copy or move), made when the choice was complete. */
  | {
      kind: 'retry-confirm';
      id: string;
      overwrite: boolean;
      location: string;
      copy: boolean;
      summary: string;
      ids?: readonly string[];
    }
  | { kind: 'import'; text: string }
  /** The export flow (export-flow/): it reads its own keys and draws the whole screen. */
  | { kind: 'export' }
  | { kind: 'busy'; message: string; cancellable?: boolean };

export interface Flash {
  text: string;
  level: 'info' | 'error';
  at: number;
}

export interface UiState {
  view: View;
  detailScroll: number;
  modal: Modal | null;
  selectedId?: string;
  filter: string;
  sort: SortSpec;
  flash?: Flash;
  /** Marked jobs, by ID: a refresh, a sort or a filter never changes them. */
  marks: ReadonlySet<string>;
}

export const initialUiState: UiState = {
  view: 'table',
  detailScroll: 0,
  modal: null,
  filter: '',
  sort: { key: 'added', descending: false },
  marks: new Set(),
};

/** Where each ID stands in a list. */
export interface Positions {
  get(id: string): number | undefined;
}

/** The list the cursor moves over, as the table shows it. */
export interface VisibleList {
  ids: readonly string[];
  indexOf: Positions;
}

/**
 * The positions of `ids`, indexed on the first question: a list shown before anything is selected (every
 * launch's first frame, 10,000 IDs) needs none.
 */
export function positionsOf(ids: readonly string[]): Positions {
  let index: Map<string, number> | undefined;
  return {
    get(id) {
      if (index === undefined) {
        index = new Map();
        for (let i = 0; i < ids.length; i++) index.set(ids[i]!, i);
      }
      return index.get(id);
    },
  };
}

export type UiAction =
  | { type: 'move'; delta: number; list: VisibleList }
  | { type: 'moveTo'; position: 'first' | 'last'; list: VisibleList }
  | { type: 'select'; id: string | undefined }
  /** Opens the remove question for whatever is selected when the key is handled, not when it was drawn. */
  | { type: 'askRemove'; list: VisibleList }
  | { type: 'view'; view: View }
  | { type: 'scrollDetail'; delta: number; max: number }
  | { type: 'modal'; modal: Modal | null }
  | { type: 'edit'; append?: string; backspace?: boolean }
  | { type: 'filter'; text: string }
  /** `keys`: the sort keys on offer (default all; PLATFORM only when the list holds several). */
  | { type: 'cycleSort'; keys?: readonly SortKey[] }
  | { type: 'reverseSort' }
  | { type: 'flash'; flash: Flash | undefined }
  /** Marks or unmarks the selected job and moves down. */
  | { type: 'toggleMark'; list: VisibleList }
  /** Marks every job shown; when all are marked already, unmarks them. */
  | { type: 'markShown'; list: VisibleList }
  /** `ids` only, or every mark. */
  | { type: 'unmark'; ids?: readonly string[] };

/** Index of the selection in the list; a vanished selection counts as the top. */
export function selectedIndex(state: UiState, list: VisibleList): number {
  if (state.selectedId === undefined) return list.ids.length > 0 ? 0 : -1;
  return list.indexOf.get(state.selectedId) ?? (list.ids.length > 0 ? 0 : -1);
}

function clampIndex(i: number, length: number): number {
  return Math.max(0, Math.min(length - 1, i));
}

export function uiReducer(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'move': {
      const { list } = action;
      if (list.ids.length === 0) return state;
      if (state.view === 'detail') return state;
      const next = list.ids[clampIndex(selectedIndex(state, list) + action.delta, list.ids.length)];
      return next === state.selectedId ? state : { ...state, selectedId: next };
    }
    case 'moveTo': {
      const { list } = action;
      if (list.ids.length === 0) return state;
      const next = action.position === 'first' ? list.ids[0] : list.ids[list.ids.length - 1];
      return { ...state, selectedId: next };
    }
    case 'select':
      return state.selectedId === action.id ? state : { ...state, selectedId: action.id };
    case 'askRemove': {
      const i = selectedIndex(state, action.list);
      const id = action.list.ids[i];
      return id === undefined ? state : { ...state, selectedId: id, modal: { kind: 'confirm-remove', id } };
    }
    case 'view':
      return { ...state, view: action.view, detailScroll: 0 };
    case 'scrollDetail': {
      const detailScroll = Math.max(0, Math.min(action.max, state.detailScroll + action.delta));
      return detailScroll === state.detailScroll ? state : { ...state, detailScroll };
    }
    case 'modal':
      return { ...state, modal: action.modal };
    case 'edit': {
      // Edits apply to the text as it is now, not as the last render saw it:
      // keys typed faster than a frame must not be lost.
      const m = state.modal;
      if (!m || !('text' in m)) return state;
      const text = action.backspace ? [...m.text].slice(0, -1).join('') : m.text + (action.append ?? '');
      const next = { ...state, modal: { ...m, text } };
      return m.kind === 'filter' ? { ...next, filter: text } : next;
    }
    case 'filter':
      return { ...state, filter: action.text };
    case 'cycleSort': {
      const keys = action.keys ?? SORT_KEYS;
      const i = keys.indexOf(state.sort.key);
      const key = keys[(i + 1) % keys.length] ?? 'added';
      return { ...state, sort: { key, descending: false } };
    }
    case 'reverseSort':
      return { ...state, sort: { ...state.sort, descending: !state.sort.descending } };
    case 'flash':
      return { ...state, flash: action.flash };
    case 'toggleMark':
    case 'markShown':
    case 'unmark':
      return markReducer(state, action);
  }
}

type MarkAction = Extract<UiAction, { type: 'toggleMark' | 'markShown' | 'unmark' }>;

function markReducer(state: UiState, action: MarkAction): UiState {
  const marks = new Set(state.marks);
  if (action.type === 'unmark') {
    if (action.ids) for (const id of action.ids) marks.delete(id);
    else marks.clear();
    return marks.size === state.marks.size ? state : { ...state, marks };
  }
  const { list } = action;
  if (action.type === 'markShown') {
    const all = list.ids.length > 0 && list.ids.every((id) => marks.has(id));
    for (const id of list.ids) {
      if (all) marks.delete(id);
      else marks.add(id);
    }
    return { ...state, marks };
  }
  const i = selectedIndex(state, list);
  const id = list.ids[i];
  if (id === undefined || state.view !== 'table') return state;
  if (marks.has(id)) marks.delete(id);
  else marks.add(id);
  return { ...state, marks, selectedId: list.ids[clampIndex(i + 1, list.ids.length)] };
}

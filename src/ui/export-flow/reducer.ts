// Every change of the flow's state, as a pure reducer (unit-tested without a screen).

import { isFolder } from '../../platform/files.js';
import type { ExportJob } from '../../platform/types.js';
import { joinLocation } from '../../transfer/locations.js';
import type { FolderItem } from '../../transfer/ports.js';
import type { ItemResult, SubmitStop } from '../../transfer/submit.js';
import type { WalkProgress, WalkResult } from '../../transfer/walk.js';
import type { ProjectChoice, VolumeChoice } from './ports.js';
import { batch, plan, walkDone } from './reducer-results.js';
import {
  currentFolder,
  type FlowState,
  initialState,
  OPTION_FIELDS,
  type SubmitState,
  visibleProjects,
} from './state.js';

export type FlowAction =
  | { type: 'projects'; items: ProjectChoice[]; done?: boolean; error?: string }
  | { type: 'folder'; id: number; items: FolderItem[]; done?: boolean; error?: string }
  | { type: 'volumes'; items: VolumeChoice[]; done?: boolean; error?: string }
  | { type: 'text'; text: string }
  | { type: 'erase' }
  | { type: 'move'; delta: number }
  | { type: 'field'; delta: number }
  | { type: 'toggle' }
  | { type: 'enter'; watched: readonly ExportJob[] }
  | { type: 'back' }
  | { type: 'up' }
  | { type: 'here' }
  | { type: 'walkProgress'; progress: WalkProgress }
  | { type: 'walkDone'; result: WalkResult }
  | { type: 'walkFailed'; error: string }
  | { type: 'confirm' }
  | { type: 'batch'; results: ItemResult[]; submitted: number; total: number }
  | { type: 'submitDone'; stopped?: SubmitStop; recovered?: number };

const clamp = (n: number, length: number) => Math.max(0, Math.min(n, length - 1));

function listLength(state: FlowState): number {
  switch (state.step) {
    case 'project':
      return visibleProjects(state).length;
    case 'folder':
      return state.folder.items.length;
    case 'volume':
      return state.volumes.items.length;
    case 'preview':
      return state.plan ? state.plan.items.length + state.plan.skipped.length : 0;
    default:
      return 0;
  }
}

const CURSOR = { project: 'projectCursor', folder: 'folderCursor', volume: 'volumeCursor' } as const;

function move(state: FlowState, delta: number): FlowState {
  const length = listLength(state);
  if (state.step === 'preview')
    return { ...state, previewCursor: clamp(state.previewCursor + delta, length) };
  if (state.step === 'project' || state.step === 'folder' || state.step === 'volume') {
    const key = CURSOR[state.step];
    return { ...state, [key]: clamp(state[key] + delta, length) };
  }
  return state;
}

function field(state: FlowState, delta: number): FlowState {
  if (state.step === 'filter')
    return { ...state, filterField: state.filterField === 'glob' ? 'recursive' : 'glob' };
  if (state.step !== 'options') return state;
  const at = OPTION_FIELDS.indexOf(state.optionField) + delta;
  const n = OPTION_FIELDS.length;
  return { ...state, optionField: OPTION_FIELDS[((at % n) + n) % n]! };
}

function toggle(state: FlowState): FlowState {
  if (state.step === 'filter' && state.filterField === 'recursive')
    return { ...state, recursive: !state.recursive };
  if (state.step !== 'options') return state;
  if (state.optionField === 'copy') return { ...state, copy: !state.copy };
  if (state.optionField === 'overwrite') return { ...state, overwrite: !state.overwrite };
  return state;
}

/** Printable text only: a paste's newlines and escape bytes never reach a field. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, '');
}

function typeText(state: FlowState, raw: string): FlowState {
  const text = printable(raw);
  if (text === '') return state;
  if (state.step === 'project') return { ...state, query: state.query + text, projectCursor: 0 };
  if (state.step === 'filter' && state.filterField === 'glob') return { ...state, glob: state.glob + text };
  if (state.step === 'options' && state.optionField === 'prefix')
    return { ...state, prefix: state.prefix + text };
  return state;
}

function erase(state: FlowState): FlowState {
  if (state.step === 'project') return { ...state, query: state.query.slice(0, -1), projectCursor: 0 };
  if (state.step === 'filter' && state.filterField === 'glob')
    return { ...state, glob: state.glob.slice(0, -1) };
  if (state.step === 'options' && state.optionField === 'prefix')
    return { ...state, prefix: state.prefix.slice(0, -1) };
  if (state.step === 'folder') return up(state);
  return state;
}

function openLevel(
  state: FlowState,
  level: FlowState['trail'][number],
  trail: FlowState['trail'],
): FlowState {
  return {
    ...state,
    step: 'folder',
    trail: [...trail, level],
    folder: { items: [], loading: true },
    folderId: state.folderId + 1,
    folderCursor: 0,
  };
}

function up(state: FlowState): FlowState {
  if (state.trail.length <= 1) return { ...state, notice: "This is the project's root folder" };
  const trail = state.trail.slice(0, -1);
  const left = currentFolder(state)!;
  // Back in the parent, the cursor finds the folder just left once its listing arrives (see 'folder').
  return {
    ...state,
    trail,
    folder: { items: [], loading: true },
    folderId: state.folderId + 1,
    folderCursor: 0,
    returnTo: 'parent' in left.ref ? left.ref.parent : undefined,
  };
}

function enterFolder(state: FlowState): FlowState {
  const item = state.folder.items[state.folderCursor];
  const here = currentFolder(state);
  if (!item || !here) return state;
  if (!isFolder(item))
    return { ...state, notice: 'A file: press . to choose this folder, Enter opens folders' };
  return openLevel(
    state,
    { ref: { parent: item.id }, name: item.name, path: joinLocation(here.path, item.name) },
    state.trail,
  );
}

function enter(state: FlowState, watched: readonly ExportJob[]): FlowState {
  switch (state.step) {
    case 'project': {
      const project = visibleProjects(state)[state.projectCursor];
      if (!project) return state;
      const root = { ref: { project: project.id }, name: project.name, path: '' };
      return openLevel({ ...state, project }, root, []);
    }
    case 'folder':
      return enterFolder(state);
    case 'filter':
      return { ...state, step: 'walking', walkId: state.walkId + 1, progress: undefined, walk: undefined };
    case 'volume': {
      const volume = state.volumes.items[state.volumeCursor];
      if (!volume) return state;
      if (!volume.writable) {
        return { ...state, notice: `${volume.id} is read-only: exports need a read-write volume` };
      }
      return { ...state, step: 'options', volume: volume.id, optionField: 'prefix' };
    }
    case 'options':
      return plan(state, watched);
    case 'preview':
      return { ...state, notice: 'Press y to start these exports, Esc to change them' };
    default:
      return state;
  }
}

const BACK: Partial<Record<FlowState['step'], FlowState['step']>> = {
  filter: 'folder',
  walking: 'filter',
  volume: 'filter',
  options: 'volume',
  preview: 'options',
};

function back(state: FlowState): FlowState {
  if (state.step === 'folder') return { ...state, step: 'project', trail: [], project: undefined };
  const to = BACK[state.step];
  return to ? { ...state, step: to } : state;
}

function folderPage(state: FlowState, action: Extract<FlowAction, { type: 'folder' }>): FlowState {
  const here = currentFolder(state);
  if (!here || action.id !== state.folderId) return state;
  const items = [...state.folder.items, ...action.items];
  const folder = { items, loading: !action.done && !action.error, error: action.error };
  const at = state.returnTo === undefined ? -1 : items.findIndex((i) => i.id === state.returnTo);
  if (at === -1) return { ...state, folder };
  return { ...state, folder, folderCursor: at, returnTo: undefined };
}

export function flowReducer(state: FlowState, action: FlowAction): FlowState {
  const s = state.notice === undefined ? state : { ...state, notice: undefined };
  switch (action.type) {
    case 'projects':
    case 'volumes': {
      const list = state[action.type];
      const items = action.items.length > 0 ? [...list.items, ...action.items] : list.items;
      return {
        ...state,
        [action.type]: { items, loading: !action.done && !action.error, error: action.error },
      };
    }
    case 'folder':
      return folderPage(state, action);
    case 'text':
      return typeText(s, action.text);
    case 'erase':
      return erase(s);
    case 'move':
      return move(s, action.delta);
    case 'field':
      return field(s, action.delta);
    case 'toggle':
      return toggle(s);
    case 'enter':
      return enter(s, action.watched);
    case 'back':
      return back(s);
    case 'up':
      return s.step === 'folder' ? up(s) : s;
    case 'here':
      return s.step === 'folder' ? { ...s, step: 'filter', filterField: 'glob' } : s;
    case 'walkProgress':
      return state.step === 'walking' ? { ...state, progress: action.progress } : state;
    case 'walkDone':
      return walkDone(state, action.result);
    case 'walkFailed':
      return state.step === 'walking' ? { ...state, step: 'filter', walkError: action.error } : state;
    case 'confirm': {
      if (s.step !== 'preview' || !s.plan) return s;
      if (s.plan.items.length === 0) return { ...s, notice: 'Nothing to send: every file is skipped' };
      const submit = { submitted: 0, total: s.plan.items.length, created: 0, errors: [] };
      return { ...s, step: 'submitting', submit };
    }
    case 'batch':
      return batch(state, action);
    case 'submitDone':
      return state.submit ? submitDone(state, state.submit, action) : state;
  }
}

function submitDone(
  state: FlowState,
  submit: SubmitState,
  action: { stopped?: SubmitStop; recovered?: number },
) {
  const { stopped, recovered } = action;
  const created = submit.created + (recovered ?? 0);
  return { ...state, step: 'done' as const, submit: { ...submit, stopped, recovered, created } };
}

export { initialState };

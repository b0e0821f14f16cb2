// The reducer's parts that turn results into state: the plan, the walk's end, each bulk call's results.
import type { ApiErrorBody, ExportJob } from '../../platform/types.js';
import { planExport } from '../../transfer/export-plan.js';
import type { ItemResult } from '../../transfer/submit.js';
import type { WalkResult } from '../../transfer/walk.js';
import { errorText } from '../../values.js';
import type { FlowState, ItemError } from './state.js';

/** `9107 Location on volume already contains a file.`: the code first, as the platform's docs index them. */
export function refusalText(error: ApiErrorBody): string {
  const message = error.message?.trim() || `refused${error.status ? ` (HTTP ${error.status})` : ''}`;
  return error.code ? `${error.code} ${message}` : message;
}

export function plan(state: FlowState, watched: readonly ExportJob[]): FlowState {
  if (!state.walk || !state.volume) return state;
  try {
    const dest = { volume: state.volume, prefix: state.prefix, copy: state.copy, overwrite: state.overwrite };
    const made = planExport(state.walk, dest, watched);
    return { ...state, step: 'preview', plan: made, planError: undefined, previewCursor: 0 };
  } catch (err) {
    return { ...state, planError: errorText(err) };
  }
}

export function batch(
  state: FlowState,
  action: { results: ItemResult[]; submitted: number; total: number },
): FlowState {
  if (!state.submit || !state.plan) return state;
  const items = state.plan.items;
  const errors: ItemError[] = [];
  let created = 0;
  for (const r of action.results) {
    if ('job' in r) created++;
    else errors.push({ path: items[r.index]?.path ?? r.request.source.file, message: refusalText(r.error) });
  }
  const submit = {
    ...state.submit,
    submitted: action.submitted,
    total: action.total,
    created: state.submit.created + created,
    errors: errors.length > 0 ? [...state.submit.errors, ...errors] : state.submit.errors,
  };
  return { ...state, submit };
}

export function walkDone(state: FlowState, result: WalkResult): FlowState {
  if (state.step !== 'walking') return state;
  const { files, bytes, folders, unmatched } = result;
  // The default prefix is the folder's path; a prefix already typed for this same folder is kept.
  const prefix =
    state.walk?.rootPath === result.rootPath && state.prefix !== '' ? state.prefix : result.rootPath;
  return {
    ...state,
    step: 'volume',
    walk: result,
    progress: { files, bytes, folders, unmatched },
    walkError: undefined,
    prefix,
  };
}

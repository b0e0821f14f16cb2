// The flow's state and what the views read from it. Pure: no React, no I/O (reducer.ts changes it).
import type { ExportJob } from '../../platform/types.js';
import type { ExportPlan } from '../../transfer/export-plan.js';
import type { FolderItem, FolderRef } from '../../transfer/ports.js';
import type { ItemResult, SubmitStop } from '../../transfer/submit.js';
import type { WalkProgress, WalkResult } from '../../transfer/walk.js';
import type { ProjectChoice, VolumeChoice } from './ports.js';

/** The four steps of issue 14, split where a step has sub-screens. */
export type Step =
  | 'project'
  | 'folder'
  | 'filter'
  | 'walking'
  | 'volume'
  | 'options'
  | 'preview'
  | 'submitting'
  | 'done';

export const STEP_TITLES: Record<Step, string> = {
  project: '1/4 Source: project',
  folder: '1/4 Source: folder',
  filter: '1/4 Source: file filter',
  walking: '1/4 Source: listing files',
  volume: '2/4 Destination: volume',
  options: '2/4 Destination: path and mode',
  preview: '3/4 Preview',
  submitting: '4/4 Starting exports',
  done: '4/4 Done',
};

/** A list being fetched: items arrive as pages do, so the count is live. */
export interface Loadable<T> {
  items: T[];
  loading: boolean;
  error?: string;
}

export interface FolderLevel {
  ref: FolderRef;
  name: string;
  /** Path below the project's root ('' for the root). */
  path: string;
}

export type FilterField = 'glob' | 'recursive';
export type OptionField = 'prefix' | 'copy' | 'overwrite';
export const OPTION_FIELDS: readonly OptionField[] = ['prefix', 'copy', 'overwrite'];

export interface ItemError {
  path: string;
  message: string;
}

export interface SubmitState {
  submitted: number;
  total: number;
  created: number;
  errors: ItemError[];
  stopped?: SubmitStop;
  /** After an uncertain stop: how many of the lost call's jobs the volume's job list showed (undefined: not looked). */
  recovered?: number;
}

export interface FlowState {
  step: Step;
  projects: Loadable<ProjectChoice>;
  query: string;
  projectCursor: number;
  project?: ProjectChoice;
  /** The open folder is the last level; the project's root is the first. */
  trail: FolderLevel[];
  folder: Loadable<FolderItem>;
  /** Bumped on every folder opened: the listing effect runs once per value, and drops a stale listing's pages. */
  folderId: number;
  folderCursor: number;
  /** After going up: the folder just left, for the cursor to land on when the parent's listing arrives. */
  returnTo?: string;
  glob: string;
  recursive: boolean;
  filterField: FilterField;
  /** Bumped on every walk started: the walk effect runs once per value. */
  walkId: number;
  progress?: WalkProgress;
  walk?: WalkResult;
  walkError?: string;
  volumes: Loadable<VolumeChoice>;
  volumeCursor: number;
  volume?: string;
  prefix: string;
  copy: boolean;
  overwrite: boolean;
  optionField: OptionField;
  plan?: ExportPlan;
  planError?: string;
  previewCursor: number;
  submit?: SubmitState;
  /** One line under the step: a refusal or a hint (cleared by the next key). */
  notice?: string;
}

const empty = <T>(): Loadable<T> => ({ items: [], loading: true });

export function initialState(): FlowState {
  return {
    step: 'project',
    projects: empty(),
    query: '',
    projectCursor: 0,
    trail: [],
    folder: empty(),
    folderId: 0,
    folderCursor: 0,
    glob: '',
    recursive: true,
    filterField: 'glob',
    walkId: 0,
    volumes: empty(),
    volumeCursor: 0,
    prefix: '',
    copy: true,
    overwrite: false,
    optionField: 'prefix',
    previewCursor: 0,
  };
}

/** Projects whose ID or name holds every word typed, in listing order. */
export function visibleProjects(state: FlowState): ProjectChoice[] {
  const words = state.query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return state.projects.items;
  return state.projects.items.filter((p) => {
    const text = `${p.id} ${p.name}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** The globs typed, split on spaces and commas: `*.cram, *.crai` is two. */
export function globList(glob: string): string[] {
  return glob
    .split(/[\s,]+/)
    .map((g) => g.trim())
    .filter(Boolean);
}

export function currentFolder(state: FlowState): FolderLevel | undefined {
  return state.trail[state.trail.length - 1];
}

/** One line of the preview: an item that will be sent, or one left out and why. */
export interface PreviewLine {
  path: string;
  size: number;
  /** undefined = will be sent */
  skip?: string;
}

export function previewLines(plan: ExportPlan): PreviewLine[] {
  const sent = plan.items.map((i) => ({ path: i.path, size: Number(i.file.size ?? 0) }));
  const skipped = plan.skipped.map((s) => ({ path: s.path, size: s.size, skip: s.detail }));
  return [...skipped, ...sent];
}

/** New jobs of one bulk call: what the App saves to the watch list. */
export function createdJobs(results: readonly ItemResult[]): ExportJob[] {
  return results.flatMap((r) => ('job' in r ? [r.job] : []));
}

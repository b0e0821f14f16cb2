import { fileKind } from '../platform/files.js';
import { type ExportJob, type StartExportBody, VOLUME_PATTERN } from '../platform/types.js';
import { exportKey, joinLocation } from './locations.js';
import type { FolderItem } from './ports.js';
import { bytesText, countText, moveOrCopyText, type Skip, skipSummary } from './skips.js';
import type { Found, WalkResult } from './walk.js';

export interface ExportDestination {
  /** owner/volume */
  volume: string;
  /** Path prefix on the volume; default: the chosen folder's path in the project. */
  prefix?: string;
  /** true (the default) sends copy_only=true; false moves the files, which leaves aliases behind. */
  copy?: boolean;
  overwrite?: boolean;
}

export type ExportSkipReason = 'folder' | 'alias' | 'public' | 'already-exported' | 'already-running';

export interface ExportItem {
  file: FolderItem;
  /** Relative to the chosen folder. */
  path: string;
  body: StartExportBody;
  /** A FAILED job of the watch list that sent this file to the same place before. */
  previousJobId?: string;
}

export type ExportSkip = Skip<ExportSkipReason> & {
  path: string;
  size: number;
  /** already-exported / already-running: the watched job that did or does it. */
  jobId?: string;
};

export interface ExportPlan {
  items: ExportItem[];
  skipped: ExportSkip[];
  volume: string;
  prefix: string;
  copy: boolean;
  overwrite: boolean;
  bytes: number;
  /** The preview's first line, ending in a question for the confirmation. */
  summary: string;
}

export class ExportPlanError extends Error {
  override readonly name = 'ExportPlanError';
}

const SKIP_TEXT: Record<ExportSkipReason, string> = {
  folder: 'folders',
  alias: 'aliases of volume files',
  public: 'public reference files',
  'already-exported': 'already exported',
  'already-running': 'already running',
};

type Earlier = { state: 'done' | 'running' | 'failed'; jobId: string };

/** Rank: a COMPLETED job beats a live one, which beats a FAILED one (which may be sent again). */
const RANK = { failed: 0, running: 1, done: 2 } as const;

/**
 * The watch list's jobs by file + destination. An unknown state counts as running: when in doubt, do not send
 * a file twice. This is also what makes a resumed export skip what its interrupted run submitted.
 */
export function indexWatched(jobs: readonly ExportJob[]): Map<string, Earlier> {
  const index = new Map<string, Earlier>();
  for (const job of jobs) {
    const file = job.source?.file;
    const { volume, location } = job.destination ?? {};
    if (typeof file !== 'string' || typeof volume !== 'string' || typeof location !== 'string') continue;
    const state = job.state === 'COMPLETED' ? 'done' : job.state === 'FAILED' ? 'failed' : 'running';
    const key = exportKey(file, volume, location);
    const known = index.get(key);
    if (!known || RANK[state] > RANK[known.state]) index.set(key, { state, jobId: job.id });
  }
  return index;
}

function skipOf(found: Found, earlier: Earlier | undefined, volume: string): ExportSkip | undefined {
  const { item, path } = found;
  const skip = (reason: ExportSkipReason, detail: string): ExportSkip => ({
    id: item.id,
    reason,
    detail,
    path,
    size: typeof item.size === 'number' ? item.size : 0,
  });
  const kind = fileKind(item);
  if (kind === 'folder') return skip('folder', 'a folder');
  if (kind === 'alias') {
    const where = [item.storage?.volume, item.storage?.location].filter(Boolean).join(':');
    return skip('alias', `an alias of a volume file${where ? ` (${where})` : ''}: cannot be exported`);
  }
  if (kind === 'public') return skip('public', 'a public reference file: cannot be exported');
  if (earlier?.state === 'done')
    return {
      ...skip('already-exported', `already exported to ${volume} by ${earlier.jobId}`),
      jobId: earlier.jobId,
    };
  if (earlier?.state === 'running')
    return { ...skip('already-running', `already being exported by ${earlier.jobId}`), jobId: earlier.jobId };
  return undefined;
}

/**
 * What an export of the walked files to `dest` sends, and what it leaves out with the reason. The location of
 * each file is the prefix plus its path below the chosen folder. Files the watch list already exported there
 * (or is exporting) are skipped; a FAILED earlier attempt is sent again. `watched` is the watch list's jobs of
 * this platform (plus, after an uncertain stop, what findCreated recovered). Throws ExportPlanError for a
 * volume that is not `owner/volume`.
 */
export function planExport(
  walk: WalkResult,
  dest: ExportDestination,
  watched: readonly ExportJob[] = [],
): ExportPlan {
  if (!VOLUME_PATTERN.test(dest.volume)) {
    throw new ExportPlanError(`Not a volume ID (owner/volume): ${JSON.stringify(dest.volume)}`);
  }
  const prefix = joinLocation(dest.prefix ?? walk.rootPath);
  const copy = dest.copy ?? true;
  const overwrite = dest.overwrite ?? false;
  const index = indexWatched(watched);
  const items: ExportItem[] = [];
  const skipped: ExportSkip[] = walk.skippedFolders.map(({ item, path }) => ({
    id: item.id,
    reason: 'folder' as const,
    detail: 'a folder (subfolders not included)',
    path,
    size: 0,
  }));
  let bytes = 0;
  for (const found of walk.matched) {
    const location = joinLocation(prefix, found.path);
    const earlier = index.get(exportKey(found.item.id, dest.volume, location));
    const skip = skipOf(found, earlier, dest.volume);
    if (skip) {
      skipped.push(skip);
      continue;
    }
    const body: StartExportBody = {
      source: { file: found.item.id },
      destination: { volume: dest.volume, location },
      overwrite,
    };
    items.push({ file: found.item, path: found.path, body, previousJobId: earlier?.jobId });
    bytes += typeof found.item.size === 'number' ? found.item.size : 0;
  }
  const plan = { items, skipped, volume: dest.volume, prefix, copy, overwrite, bytes };
  return { ...plan, summary: exportSummary(plan, walk.unmatched) };
}

function exportSummary(plan: Omit<ExportPlan, 'summary'>, unmatched: number): string {
  const where = `${plan.volume}${plan.prefix ? `:${plan.prefix}/` : ''}`;
  const what = `Export ${countText(plan.items.length, 'file')} (${bytesText(plan.bytes)}) to ${where}`;
  const notes = [
    plan.skipped.length > 0 ? skipSummary(plan.skipped, SKIP_TEXT) : '',
    unmatched > 0 ? `${unmatched.toLocaleString('en-US')} not matching the filter` : '',
  ].filter(Boolean);
  const overwrite = plan.overwrite ? ', overwriting existing files' : '';
  return `${what}${notes.length > 0 ? ` (${notes.join('; ')})` : ''} — ${moveOrCopyText(plan.copy)}${overwrite}?`;
}

import type { ApiErrorBody, ExportJob, StartExportBody } from '../platform/types.js';
import { baseName, joinLocation } from './locations.js';
import { countText, moveOrCopyText, type Skip, skipSummary } from './skips.js';
import type { ItemResult } from './submit.js';

/**
 * Where a restarted export goes: the same location as it was (no overwrite: for a failure the location had no
 * part in), the same location with overwrite, one new location (for a single job), or a new path prefix under
 * which each job keeps its file's name.
 */
export type RestartTarget =
  | { mode: 'same' }
  | { mode: 'overwrite' }
  | { mode: 'location'; location: string; overwrite?: boolean }
  | { mode: 'prefix'; prefix: string; overwrite?: boolean };

export type RestartChoice = RestartTarget & {
  /** true (the default) sends copy_only=true: the file stays in the project. */
  copy?: boolean;
  /** Only jobs whose error has this code (`--code 9107`). */
  code?: number;
};

export type RestartSkipReason = 'not-failed' | 'other-code' | 'no-source' | 'no-destination' | 'restarted';

export interface RestartItem {
  /** The FAILED job this restarts. */
  jobId: string;
  body: StartExportBody;
}

export interface RestartPlan {
  items: RestartItem[];
  skipped: Skip<RestartSkipReason>[];
  copy: boolean;
  /** The confirmation line: how many, where, copy or move. */
  summary: string;
}

export class RestartPlanError extends Error {
  override readonly name = 'RestartPlanError';
}

const SKIP_TEXT: Record<RestartSkipReason, string> = {
  'not-failed': 'not FAILED',
  'other-code': 'another error code',
  'no-source': 'no source file',
  'no-destination': 'no destination volume',
  restarted: 'already restarted',
};

/** A job of the watch list that already exports the same file to the same volume again (not FAILED). */
function restartIndex(watched: readonly ExportJob[]): Map<string, ExportJob> {
  const index = new Map<string, ExportJob>();
  for (const job of watched) {
    if (job.state === 'FAILED' || typeof job.source?.file !== 'string') continue;
    index.set(JSON.stringify([job.source.file, job.destination?.volume]), job);
  }
  return index;
}

function skipFor(job: ExportJob, code: number | undefined): Skip<RestartSkipReason> | undefined {
  const skip = (reason: RestartSkipReason, detail: string) => ({ id: job.id, reason, detail });
  if (job.state !== 'FAILED') return skip('not-failed', `${job.state}, not FAILED`);
  const jobCode = job.error?.code;
  if (code !== undefined && jobCode !== code) {
    return skip('other-code', `error code ${jobCode ?? 'none'}, not ${code}`);
  }
  if (typeof job.source?.file !== 'string' || job.source.file === '') {
    return skip('no-source', 'the job does not name its source file');
  }
  if (typeof job.destination?.volume !== 'string' || job.destination.volume === '') {
    return skip('no-destination', 'the job does not name its destination volume');
  }
  return undefined;
}

function locationFor(job: ExportJob, target: RestartTarget): string {
  const old = typeof job.destination?.location === 'string' ? job.destination.location : '';
  if (target.mode === 'overwrite' || target.mode === 'same') return old;
  if (target.mode === 'location') return joinLocation(target.location);
  // A job without a location keeps at least a stable name: its source file's ID.
  return joinLocation(target.prefix, baseName(old) || job.source!.file!);
}

function bodyFor(job: ExportJob, target: RestartTarget): StartExportBody {
  const body: StartExportBody = {
    source: { file: job.source!.file! },
    destination: { volume: job.destination!.volume!, location: locationFor(job, target) },
    overwrite:
      target.mode === 'overwrite' ? true : target.mode === 'same' ? false : (target.overwrite ?? false),
  };
  // Encryption and storage-class settings were part of what the user asked for: a restart keeps them.
  if (job.properties && Object.keys(job.properties).length > 0) body.properties = { ...job.properties };
  return body;
}

function whereText(target: RestartTarget): string {
  if (target.mode === 'overwrite') return 'overwrite at the same location';
  if (target.mode === 'same') return 'at the same location';
  const overwrite = target.overwrite ? ', overwriting' : '';
  if (target.mode === 'location') return `to ${joinLocation(target.location)}${overwrite}`;
  return `under ${joinLocation(target.prefix)}/ keeping each file's name${overwrite}`;
}

/**
 * Which of `jobs` a restart sends, and how. Only FAILED jobs (with `code`: only those failed with it) are
 * restarted; every other job is skipped with its reason, and so is a FAILED job whose file `watched` (the
 * watch list's jobs) already exports to the same volume again: a second retry never sends it twice. Throws RestartPlanError for a choice that cannot
 * apply: one new location for several jobs, or an empty location / prefix.
 */
export function planRestart(
  jobs: readonly ExportJob[],
  choice: RestartChoice,
  watched: readonly ExportJob[] = [],
): RestartPlan {
  const copy = choice.copy ?? true;
  if (choice.mode === 'location' && joinLocation(choice.location) === '') {
    throw new RestartPlanError('The new location is empty');
  }
  if (choice.mode === 'prefix' && joinLocation(choice.prefix) === '') {
    throw new RestartPlanError('The new path prefix is empty');
  }
  const items: RestartItem[] = [];
  const skipped: Skip<RestartSkipReason>[] = [];
  const index = restartIndex(watched);
  for (const job of jobs) {
    const again = index.get(JSON.stringify([job.source?.file, job.destination?.volume]));
    const restarted = again && again.id !== job.id && job.state === 'FAILED' ? again : undefined;
    const skip = restarted
      ? {
          id: job.id,
          reason: 'restarted' as const,
          detail: `already restarted as ${restarted.id} (${restarted.state})`,
        }
      : skipFor(job, choice.code);
    if (skip) skipped.push(skip);
    else items.push({ jobId: job.id, body: bodyFor(job, choice) });
  }
  if (choice.mode === 'location' && items.length > 1) {
    throw new RestartPlanError(
      `One new location cannot take ${items.length} jobs: choose a path prefix instead`,
    );
  }
  const what = `Restart ${countText(items.length, 'FAILED job')}`;
  const skips = skipped.length > 0 ? ` (${skipSummary(skipped, SKIP_TEXT)})` : '';
  const summary = `${what}${skips} — ${whereText(choice)}, ${moveOrCopyText(copy)}?`;
  return { items, skipped, copy, summary };
}

/** What became of one restarted job: its new job, or the platform's refusal (`retry --json`'s items). */
export type RestartResult =
  | { id: string; newId: string; job: ExportJob }
  | { id: string; error: ApiErrorBody };

/**
 * Pairs submitInBatches' results (sent in `plan.items` order) with the FAILED jobs they restart. Items the
 * run never sent are left out: they are still in the submission's `remaining`.
 */
export function restartResults(plan: RestartPlan, results: readonly ItemResult[]): RestartResult[] {
  return results.flatMap((r): RestartResult[] => {
    const original = plan.items[r.index];
    if (!original) return [];
    return 'job' in r
      ? [{ id: original.jobId, newId: r.job.id, job: r.job }]
      : [{ id: original.jobId, error: r.error }];
  });
}

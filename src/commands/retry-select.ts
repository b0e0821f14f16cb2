// Which jobs `retry` looks at: the named ones (from the saved snapshots when those are final, else asked of the
// platform in bulk), or by default every watched job of this platform whose snapshot says FAILED.
import { parseIdInput } from '../ids.js';
import type { SbClient } from '../platform/client.js';
import { normalizeEndpoint } from '../platform/endpoints.js';
import { bulkGetExports, chunk } from '../platform/exports.js';
import { type ApiErrorBody, type ExportJob, isFinalState } from '../platform/types.js';
import type { Snapshot } from '../store/types.js';
import type { BudgetWait } from '../transfer/budget-wait.js';

/** The watch list as retry and export use it (WatchStore fits). */
export interface CommandStore {
  ids(): readonly string[];
  snapshot(id: string): Snapshot | undefined;
  /** `endpoint`: the platform the job is watched on (entries of older lists may lack it). */
  entry(id: string): { id: string; endpoint?: string } | undefined;
  add(
    ids: readonly string[],
    opts: {
      endpoint: string;
      after?: string;
      placements?: ReadonlyMap<string, string>;
      snapshots?: ReadonlyMap<string, Snapshot>;
    },
  ): unknown;
}

export interface Selection {
  jobs: ExportJob[];
  /** Named IDs that could not be looked at: not found, no access, another platform. */
  problems: { id: string; error: ApiErrorBody }[];
}

export class SelectionError extends Error {
  override readonly name = 'SelectionError';
}

const sameEndpoint = (a: string | undefined, b: string): boolean => {
  if (a === undefined) return true;
  try {
    return normalizeEndpoint(a) === normalizeEndpoint(b);
  } catch {
    return a === b;
  }
};

function jobOf(snapshot: Snapshot | undefined): ExportJob | undefined {
  return snapshot?.status === 'ok' ? snapshot.job : undefined;
}

/** The last known job of every watched ID of `endpoint` (those with a snapshot). */
export function watchedJobs(store: CommandStore, endpoint: string): ExportJob[] {
  return store.ids().flatMap((id) => {
    if (!sameEndpoint(store.entry(id)?.endpoint, endpoint)) return [];
    const job = jobOf(store.snapshot(id));
    return job ? [job] : [];
  });
}

/** Every watched job of `endpoint` that its snapshot says FAILED: the default of `retry`. */
export function watchedFailed(store: CommandStore, endpoint: string): ExportJob[] {
  return watchedJobs(store, endpoint).filter((job) => job.state === 'FAILED');
}

/**
 * The named jobs. A final snapshot is trusted (a final job never changes); the others are asked of the
 * platform, 100 a bulk call, within the budget. Throws SelectionError for input that names no job ID.
 */
export async function namedJobs(
  args: readonly string[],
  ctx: { client: SbClient; store: CommandStore; endpoint: string; budget: BudgetWait; signal?: AbortSignal },
): Promise<Selection> {
  const host = new URL(ctx.endpoint).host;
  const parsed = parseIdInput(args.join('\n'), { watched: new Set(), allowedHosts: new Set([host]) });
  if (parsed.invalid.length > 0) {
    const bad = parsed.invalid.map((i) => `${i.input} (${i.reason})`).join(', ');
    throw new SelectionError(`not export job IDs: ${bad}`);
  }
  const found = new Map<string, ExportJob>();
  const problems: Selection['problems'] = [];
  const ask: string[] = [];
  for (const id of parsed.ids) {
    const entry = ctx.store.entry(id);
    if (entry && !sameEndpoint(entry.endpoint, ctx.endpoint)) {
      const message = `watched on another platform (${entry.endpoint}): choose it with --profile or --endpoint`;
      problems.push({ id, error: { message } });
      continue;
    }
    const job = jobOf(ctx.store.snapshot(id));
    if (job && isFinalState(job.state)) found.set(id, job);
    else ask.push(id);
  }
  for (const part of chunk(ask)) {
    await ctx.budget(1, { signal: ctx.signal });
    for (const item of await bulkGetExports(ctx.client, part, ctx.signal)) {
      if ('job' in item) found.set(item.id, item.job);
      else problems.push({ id: item.id, error: item.error });
    }
  }
  const jobs = parsed.ids.flatMap((id) => {
    const job = found.get(id);
    return job ? [job] : [];
  });
  return { jobs, problems };
}

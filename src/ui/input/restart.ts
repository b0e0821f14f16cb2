// `R`: a FAILED job started again through bulk create (transfer/restart-plan.ts + submitInBatches), always
// asking copy or move: without copy_only the platform MOVES the file, and a move cannot be undone.
import type { ExportJob } from '../../platform/types.js';
import type { Snapshot } from '../../store/types.js';
import {
  planRestart,
  type RestartChoice,
  type RestartPlan,
  restartResults,
} from '../../transfer/restart-plan.js';
import { submitInBatches } from '../../transfer/submit.js';
import { watchedJobsOf } from '../export-flow/watched.js';
import type { InputContext } from './context.js';
import { errorMessage } from './operations.js';

export interface RestartAsk {
  id: string;
  /** The marked jobs (those not FAILED are skipped, and counted in the confirmation). */
  ids?: readonly string[];
  overwrite: boolean;
  location: string;
}

function choiceOf(ask: RestartAsk, jobs: readonly ExportJob[], copy: boolean): RestartChoice {
  if (ask.overwrite) return { mode: 'overwrite', copy };
  // Several FAILED jobs cannot share one location: the text is a path prefix, each keeping its file's name.
  const failed = jobs.filter((j) => j.state === 'FAILED').length;
  if (failed > 1) return { mode: 'prefix', prefix: ask.location, overwrite: false, copy };
  return { mode: 'location', location: ask.location, overwrite: false, copy };
}

function planFor(ctx: InputContext, ask: RestartAsk, copy: boolean): RestartPlan | undefined {
  const jobs = (ask.ids ?? [ask.id]).flatMap((id) => {
    const job = ctx.rowById.get(id)?.snapshot?.job;
    return job ? [job] : [];
  });
  if (jobs.length === 0) return undefined;
  try {
    return planRestart(jobs, choiceOf(ask, jobs, copy), watchedJobsOf(ctx.store.entries()));
  } catch (err) {
    ctx.flash(errorMessage(err), 'error');
    return undefined;
  }
}

/** After copy or move was chosen: the one confirmation, with the plan's own line. */
export function askRestartConfirm(ctx: InputContext, ask: RestartAsk, copy: boolean): void {
  const plan = planFor(ctx, ask, copy);
  if (!plan || plan.items.length === 0) {
    ctx.dispatch({ type: 'modal', modal: null });
    if (plan) ctx.flash(`Nothing to restart: ${plan.skipped.map((s) => s.detail).join('; ')}`, 'error');
    return;
  }
  // (y/N) first: a narrow footer cuts the end of a long line, never the question.
  const modal = { kind: 'retry-confirm' as const, ...ask, copy, summary: `(y/N) ${plan.summary}` };
  ctx.dispatch({ type: 'modal', modal });
}

function snapshotOf(job: ExportJob, at: number): ReadonlyMap<string, Snapshot> {
  return new Map([[job.id, { status: 'ok' as const, job, fetchedAt: new Date(at).toISOString() }]]);
}

interface Outcome {
  /** Original → new job. */
  started: Map<string, string>;
  /** `id: the platform's message`, per refused job. */
  refused: string[];
  stopped?: string;
}

/** One platform's share of the plan, through bulk create on that platform (≤100 a call, in its budget). */
async function submitOn(ctx: InputContext, plan: RestartPlan, endpoint: string, out: Outcome) {
  const ports = ctx.services.restartPorts?.(endpoint || undefined);
  if (!ports) return;
  const run = await submitInBatches(
    plan.items.map((i) => i.body),
    ports.port,
    {
      copyOnly: plan.copy,
      budget: ports.budget,
      // Each new job right under the one it restarts, saved before the next call.
      // One write for the whole batch.
      onBatch: (results) => {
        const placements = new Map<string, string>();
        const snapshots = new Map<string, Snapshot>();
        for (const r of restartResults(plan, results)) {
          if (!('newId' in r)) {
            out.refused.push(`${r.id}: ${r.error.message ?? 'refused'}`);
            continue;
          }
          for (const [id, s] of snapshotOf(r.job, ctx.now())) snapshots.set(id, s);
          placements.set(r.newId, r.id);
          out.started.set(r.id, r.newId);
        }
        if (placements.size === 0) return;
        ctx.store.add([...placements.keys()], { placements, snapshots, ...(endpoint ? { endpoint } : {}) });
      },
    },
  );
  if (run.stopped) out.stopped = run.stopped.message;
}

/** The plan split by the platform each FAILED job lives on: a job is restarted where it ran. */
function byPlatform(ctx: InputContext, plan: RestartPlan): Map<string, RestartPlan> {
  const parts = new Map<string, RestartPlan>();
  for (const item of plan.items) {
    const endpoint = ctx.endpointOf(item.jobId) ?? '';
    const part = parts.get(endpoint) ?? { ...plan, items: [] };
    part.items.push(item);
    parts.set(endpoint, part);
  }
  return parts;
}

export async function submitRestart(ctx: InputContext, ask: RestartAsk, copy: boolean): Promise<void> {
  const plan = planFor(ctx, ask, copy);
  if (!plan) return;
  ctx.dispatch({ type: 'modal', modal: { kind: 'busy', message: 'Starting the export again…' } });
  const out: Outcome = { started: new Map(), refused: [] };
  for (const [endpoint, part] of byPlatform(ctx, plan)) await submitOn(ctx, part, endpoint, out);
  ctx.dispatch({ type: 'modal', modal: null });
  // A refused job stays marked (its message is in the flash); a restarted one is done with.
  ctx.dispatch({ type: 'unmark', ids: [...out.started.keys()] });
  const how = plan.copy ? 'copy' : 'move';
  const news = [...out.started.values()];
  if (news[0]) ctx.dispatch({ type: 'select', id: news[0] });
  const many = ask.ids !== undefined;
  const startedText = many ? `Started ${news.length} as a ${how}` : '';
  const problem = out.stopped ?? (out.refused.length ? out.refused.join('; ') : undefined);
  if (problem) {
    const head = many ? `${startedText}; ${out.refused.length} refused` : 'Could not start it again';
    ctx.flash(`${head}: ${errorMessage(problem)}`, 'error');
  } else if (many) ctx.flash(startedText);
  else ctx.flash(`Started ${news.join(', ')} (again for ${ask.id}, as a ${how})`);
}

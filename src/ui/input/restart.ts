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
import type { InputContext } from './context.js';
import { errorMessage } from './operations.js';

export interface RestartAsk {
  id: string;
  overwrite: boolean;
  location: string;
}

function choiceOf(ask: RestartAsk, copy: boolean): RestartChoice {
  return ask.overwrite
    ? { mode: 'overwrite', copy }
    : { mode: 'location', location: ask.location, overwrite: false, copy };
}

function watchedJobs(ctx: InputContext): ExportJob[] {
  const jobs: ExportJob[] = [];
  for (const row of ctx.rowById.values()) if (row.snapshot?.job) jobs.push(row.snapshot.job);
  return jobs;
}

function planFor(ctx: InputContext, ask: RestartAsk, copy: boolean): RestartPlan | undefined {
  const job = ctx.rowById.get(ask.id)?.snapshot?.job;
  if (!job) return undefined;
  try {
    return planRestart([job], choiceOf(ask, copy), watchedJobs(ctx));
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

export async function submitRestart(ctx: InputContext, ask: RestartAsk, copy: boolean): Promise<void> {
  const plan = planFor(ctx, ask, copy);
  const ports = ctx.services.restartPorts?.(ctx.endpointOf(ask.id) || undefined);
  if (!plan || !ports) return;
  ctx.dispatch({ type: 'modal', modal: { kind: 'busy', message: 'Starting the export again…' } });
  const endpoint = ctx.endpointOf(ask.id);
  const started: string[] = [];
  const refused: string[] = [];
  const run = await submitInBatches(
    plan.items.map((i) => i.body),
    ports.port,
    {
      copyOnly: plan.copy,
      budget: ports.budget,
      // Each new job right under the one it restarts, saved before the next call.
      onBatch: (results) => {
        for (const r of restartResults(plan, results)) {
          if (!('newId' in r)) {
            refused.push(`${r.id}: ${r.error.message ?? 'refused'}`);
            continue;
          }
          const snapshots = snapshotOf(r.job, ctx.now());
          ctx.store.add([r.newId], { after: r.id, snapshots, ...(endpoint ? { endpoint } : {}) });
          started.push(r.newId);
        }
      },
    },
  );
  ctx.dispatch({ type: 'modal', modal: null });
  const how = plan.copy ? 'copy' : 'move';
  if (started[0]) ctx.dispatch({ type: 'select', id: started[0] });
  if (run.stopped) ctx.flash(`Could not start it again: ${errorMessage(run.stopped.message)}`, 'error');
  else if (refused.length) ctx.flash(`Could not start it again: ${refused.join('; ')}`, 'error');
  else ctx.flash(`Started ${started.join(', ')} (again for ${ask.id}, as a ${how})`);
}

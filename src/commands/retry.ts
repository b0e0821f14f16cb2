// `sbexport-tui retry [ids…] [--code N] [--overwrite | --location-prefix P] [--move] [--dry-run] [--json]`:
// start FAILED exports again with bulk create (issue 13). A restart copies unless --move is given: the
// original job does not say whether it was a copy, and a move cannot be undone.
import type { SbClient } from '../platform/client.js';
import type { ApiErrorBody, StartExportBody } from '../platform/types.js';
import { safeText } from '../text.js';
import { budgetWaiter, realClock } from '../transfer/budget-wait.js';
import { platformPorts } from '../transfer/platform-ports.js';
import type { Clock } from '../transfer/ports.js';
import {
  planRestart,
  type RestartChoice,
  type RestartPlan,
  RestartPlanError,
  restartResults,
} from '../transfer/restart-plan.js';
import { errorText } from '../values.js';
import { type BulkRun, itemErrorText, runBulk, snapshotsOf } from './bulk-run.js';
import { type CommandIo, EXIT, line } from './io.js';
import {
  type CommandStore,
  namedJobs,
  type Selection,
  SelectionError,
  watchedFailed,
  watchedJobs,
} from './retry-select.js';

export interface RetryContext {
  client: SbClient;
  store: CommandStore;
  /** The client's platform, normalised (normalizeEndpoint): only its jobs are restarted, and watched on it. */
  endpoint: string;
  io: CommandIo;
  now?: () => number;
  /** The rate budget's clock (tests: a fake one). */
  clock?: Clock;
  /** Ctrl-C: stops between bulk calls, keeping what was started. */
  signal?: AbortSignal;
}

export interface RetryOptions {
  /** Only jobs that failed with this error code (e.g. 9107). */
  code?: number;
  overwrite?: boolean;
  locationPrefix?: string;
  move?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

/** One line of `retry --json`: the new job's ID, or why there is none. */
export type RetryJson = { id: string; new_id: string } | { id: string; error: ApiErrorBody };

function choiceOf(o: RetryOptions): RestartChoice {
  const copy = !o.move;
  if (o.locationPrefix !== undefined) return { mode: 'prefix', prefix: o.locationPrefix, copy, code: o.code };
  return { mode: o.overwrite ? 'overwrite' : 'same', copy, code: o.code };
}

function usage(io: CommandIo, message: string): number {
  line(io.stderr, `retry: ${safeText(message)}`);
  return EXIT.usage;
}

function printDryRun(plan: RestartPlan, o: RetryOptions, io: CommandIo): void {
  if (o.json) {
    const rows = plan.items.map((i) => ({ id: i.jobId, request: i.body, copy_only: plan.copy }));
    line(io.stdout, JSON.stringify(rows, null, 2));
    return;
  }
  const how = (b: StartExportBody) =>
    `${b.overwrite ? 'overwrite' : 'no overwrite'}, ${plan.copy ? 'copy' : 'MOVE'}`;
  for (const { jobId, body } of plan.items) {
    line(
      io.stdout,
      `would restart ${jobId} → ${safeText(body.destination.volume)}:${safeText(body.destination.location)} (${how(body)})`,
    );
  }
  line(io.stderr, `Dry run: nothing was sent. ${plan.summary.replace(/\?$/, '')}.`);
}

function report(
  plan: RestartPlan,
  run: BulkRun,
  problems: Selection['problems'],
  o: RetryOptions,
  io: CommandIo,
) {
  const rows: RetryJson[] = problems.map((p) => ({ id: p.id, error: p.error }));
  for (const r of restartResults(plan, run.results)) {
    rows.push('newId' in r ? { id: r.id, new_id: r.newId } : { id: r.id, error: r.error });
  }
  const answered = new Set(rows.map((r) => r.id));
  const notSent = { message: `Not sent: ${run.stopped?.message ?? 'stopped'}` };
  for (const item of plan.items) if (!answered.has(item.jobId)) rows.push({ id: item.jobId, error: notSent });
  if (o.json) line(io.stdout, JSON.stringify(rows, null, 2));
  else {
    for (const row of rows) {
      line(
        io.stdout,
        'new_id' in row ? `${row.id} → ${row.new_id}` : `${row.id}: ${itemErrorText(row.error)}`,
      );
    }
  }
  const refused = rows.filter((r) => 'error' in r).length;
  line(
    io.stderr,
    `Restarted ${rows.length - refused} of ${rows.length}${refused > 0 ? `; ${refused} not` : ''}.`,
  );
  return refused > 0 || run.stopped ? EXIT.failed : EXIT.ok;
}

async function select(ctx: RetryContext, ids: string[]): Promise<Selection> {
  if (ids.length === 0) return { jobs: watchedFailed(ctx.store, ctx.endpoint), problems: [] };
  const budget = budgetWaiter({ rateLimit: () => ctx.client.rateLimit }, ctx.clock ?? realClock);
  return namedJobs(ids, { ...ctx, budget });
}

export async function retryCommand(ctx: RetryContext, ids: string[], o: RetryOptions): Promise<number> {
  const { io } = ctx;
  if (o.overwrite && o.locationPrefix !== undefined) {
    return usage(io, '--overwrite and --location-prefix do not go together: a new prefix is a new location.');
  }
  if (o.code !== undefined && !Number.isInteger(o.code)) return usage(io, '--code must be a whole number.');
  let selection: Selection;
  let plan: RestartPlan;
  try {
    selection = await select(ctx, ids);
    plan = planRestart(selection.jobs, choiceOf(o), watchedJobs(ctx.store, ctx.endpoint));
  } catch (err) {
    if (err instanceof SelectionError || err instanceof RestartPlanError) return usage(io, err.message);
    line(io.stderr, `retry: ${safeText(errorText(err))}`);
    return EXIT.failed;
  }
  for (const p of selection.problems) line(io.stderr, `retry: ${p.id}: ${itemErrorText(p.error)}`);
  for (const s of ids.length > 0 ? plan.skipped : [])
    line(io.stderr, `skipped ${s.id}: ${safeText(s.detail)}`);
  if (o.dryRun) {
    printDryRun(plan, o, io);
    return selection.problems.length > 0 ? EXIT.failed : EXIT.ok;
  }
  if (plan.items.length === 0) {
    if (o.json) line(io.stdout, JSON.stringify(selection.problems, null, 2));
    line(
      io.stderr,
      `retry: no FAILED job to restart${o.code === undefined ? '' : ` with error code ${o.code}`}.`,
    );
    return selection.problems.length > 0 ? EXIT.failed : EXIT.ok;
  }
  line(io.stderr, plan.summary.replace(/\?$/, '.'));
  const now = ctx.now ?? Date.now;
  const run = await runBulk(
    plan.items.map((i) => i.body),
    plan.copy,
    { ports: platformPorts(ctx.client), io, clock: ctx.clock, signal: ctx.signal, command: 'retry' },
    (results) => {
      // Each new job right under the one it restarts, so the table shows the pair together.
      // All of a call's new jobs in one write.
      const jobs = results.flatMap((r) => ('job' in r ? [r.job] : []));
      const placements = new Map(
        results.flatMap((r) => ('job' in r ? [[r.job.id, plan.items[r.index]!.jobId] as const] : [])),
      );
      if (jobs.length > 0)
        ctx.store.add(
          jobs.map((j) => j.id),
          { endpoint: ctx.endpoint, placements, snapshots: snapshotsOf(jobs, now) },
        );
    },
  );
  return report(plan, run, selection.problems, o, io);
}

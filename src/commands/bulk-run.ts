// What `retry` and `export` share once they know what to send: bulk create within the rate budget, progress on
// stderr, each batch's new jobs saved before the next batch, and after an uncertain stop a look on the
// platform for the jobs the failed call may have created.
import type { ApiErrorBody, ExportJob, StartExportBody } from '../platform/types.js';
import type { Snapshot } from '../store/types.js';
import { oneLine, safeText } from '../text.js';
import { budgetWaiter, realClock } from '../transfer/budget-wait.js';
import { exportKey } from '../transfer/locations.js';
import type { PlatformPorts } from '../transfer/platform-ports.js';
import type { Clock } from '../transfer/ports.js';
import { findCreated } from '../transfer/recover.js';
import { type ItemResult, type SubmitStop, submitInBatches } from '../transfer/submit.js';
import { errorText } from '../values.js';
import { type CommandIo, line } from './io.js';

export interface BulkRunContext {
  ports: PlatformPorts;
  io: CommandIo;
  /** The budget's clock (tests: a fake one). */
  clock?: Clock;
  /** Ctrl-C: the run stops between calls, keeping what was sent. */
  signal?: AbortSignal;
  /** The command's name, for its stderr lines. */
  command: string;
}

export interface BulkRun {
  results: ItemResult[];
  stopped?: SubmitStop;
  /** How many were not sent (after a stop). */
  notSent: number;
  /** After an uncertain stop: how many jobs of the failed call were found on the platform (in `results`). */
  recovered: number;
}

/** `403/9101 Volume … is not writable`: the platform's own words, safe for a terminal. */
export function itemErrorText(error: ApiErrorBody): string {
  const codes = [error.status, error.code].filter((x) => x !== undefined).map(oneLine);
  return [codes.join('/'), oneLine(error.message)].filter(Boolean).join(' ') || 'refused';
}

const count = (n: number) => n.toLocaleString('en-US');

/** The snapshot a new job is watched with: what bulk create answered, so the table shows it at once. */
export function snapshotsOf(jobs: readonly ExportJob[], now: () => number): Map<string, Snapshot> {
  const fetchedAt = new Date(now()).toISOString();
  return new Map(jobs.map((job) => [job.id, { status: 'ok', job, fetchedAt }]));
}

/** The jobs the uncertain call created after all, as results of its items (`first`: the first item's index). */
async function recover(items: StartExportBody[], first: number, ctx: BulkRunContext): Promise<ItemResult[]> {
  let jobs: ExportJob[];
  try {
    // Not ctx.signal: after Ctrl-C this look is what keeps the next run from sending these files twice.
    jobs = await findCreated(items, ctx.ports);
  } catch (err) {
    line(ctx.io.stderr, `${ctx.command}: could not look for them: ${safeText(errorText(err))}`);
    return [];
  }
  const keyOf = (file?: unknown, volume?: unknown, location?: unknown) =>
    exportKey(String(file), String(volume), String(location ?? ''));
  const at = new Map(
    items.map((r, i) => [keyOf(r.source.file, r.destination.volume, r.destination.location), i]),
  );
  return jobs.flatMap((job): ItemResult[] => {
    const i = at.get(keyOf(job.source?.file, job.destination?.volume, job.destination?.location));
    return i === undefined ? [] : [{ index: first + i, request: items[i]!, job }];
  });
}

/**
 * Sends `bodies` and calls `save` with each call's new jobs before the next call (a throw stops the run: the
 * jobs of that call exist but may not be watched, which the stop says). Never throws for the platform's sake.
 */
export async function runBulk(
  bodies: readonly StartExportBody[],
  copyOnly: boolean,
  ctx: BulkRunContext,
  save: (results: ItemResult[]) => void,
): Promise<BulkRun> {
  const { io, command } = ctx;
  const out = await submitInBatches(bodies, ctx.ports, {
    copyOnly,
    signal: ctx.signal,
    budget: budgetWaiter(ctx.ports, ctx.clock ?? realClock),
    onBatch: (results, p) => {
      save(results);
      line(io.stderr, `submitted ${count(p.submitted)}/${count(p.total)}`);
    },
  });
  const run: BulkRun = {
    results: out.results,
    stopped: out.stopped,
    notSent: out.remaining.length,
    recovered: 0,
  };
  if (!out.stopped) return run;
  if (out.uncertainItems.length > 0) {
    line(
      io.stderr,
      `${command}: the last call's ${count(out.uncertainItems.length)} exports may have started.`,
    );
    const found = (await recover(out.uncertainItems, out.results.length, ctx)).sort(
      (a, b) => a.index - b.index,
    );
    try {
      if (found.length > 0) save(found);
      line(io.stderr, `${command}: found ${count(found.length)} of them on the platform; now watched.`);
      run.results = [...out.results, ...found];
      run.recovered = found.length;
      run.notSent -= found.length;
    } catch (err) {
      line(
        io.stderr,
        `${command}: found ${count(found.length)} of them but could not save: ${safeText(errorText(err))}`,
      );
    }
  }
  line(io.stderr, `${command}: stopped: ${safeText(out.stopped.message)}; ${count(run.notSent)} not sent.`);
  return run;
}

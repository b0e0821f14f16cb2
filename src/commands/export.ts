// `sbexport-tui export --project P [--folder PATH] [--include GLOB…] [--recursive] --volume V [--prefix PATH]
// [--move] [--overwrite] [--dry-run] [--json] [--wait [--timeout S]]` (issue 14): walk, plan, preview, then
// bulk create in batches, each batch's jobs watched before the next is sent, so a run stopped anywhere resumes
// where it stopped: started again, files the watch list already has a job for are not sent again.
import { isApiError } from '../platform/errors.js';
import { VOLUME_PATTERN } from '../platform/types.js';
import { isWritable } from '../platform/volumes.js';
import { safeText } from '../text.js';
import { type ExportPlan, planExport } from '../transfer/export-plan.js';
import { FolderPathError, resolveFolder } from '../transfer/folder-path.js';
import { type PlatformPorts, platformPorts } from '../transfer/platform-ports.js';
import { bytesText } from '../transfer/skips.js';
import { walkFolder } from '../transfer/walk.js';
import { errorText } from '../values.js';
import { type BulkRun, itemErrorText, runBulk, snapshotsOf } from './bulk-run.js';
import { previewJson, printPreview } from './export-preview.js';
import { type CommandIo, EXIT, line } from './io.js';
import type { RetryContext } from './retry.js';
import { watchedJobs } from './retry-select.js';

export interface ExportContext extends RetryContext {
  /**
   * `--wait`: wait like `wait` on these IDs (this export's jobs, new and earlier) and resolve to its exit code.
   * Without it, --wait is refused as a usage error.
   */
  wait?: (ids: string[], timeoutSeconds?: number) => Promise<number>;
}

export interface ExportOptions {
  /** owner/project */
  project: string;
  /** A folder path inside the project; default its root. */
  folder?: string;
  include?: string[];
  recursive?: boolean;
  /** owner/volume */
  volume: string;
  /** Path prefix on the volume; default the folder's path. */
  prefix?: string;
  move?: boolean;
  overwrite?: boolean;
  dryRun?: boolean;
  json?: boolean;
  wait?: boolean;
  /** Seconds, with --wait. */
  timeout?: number;
}

/** One line of `export --json`. */
export type ExportJson =
  | { file: string; path: string; new_id: string }
  | { file: string; path: string; error: { message?: string; [key: string]: unknown } };

class UsageError extends Error {}

function checkOptions(o: ExportOptions, ctx: ExportContext): void {
  if (!VOLUME_PATTERN.test(o.project ?? '')) throw new UsageError('--project must look like owner/project.');
  if (!VOLUME_PATTERN.test(o.volume ?? '')) throw new UsageError('--volume must look like owner/volume.');
  if (o.timeout !== undefined && !o.wait) throw new UsageError('--timeout goes with --wait.');
  if (o.wait && o.dryRun) throw new UsageError('--wait and --dry-run do not go together: nothing is sent.');
  if (o.wait && !ctx.wait) throw new UsageError('--wait is not available here.');
}

/** A volume the user's list says is read-only is refused before anything is walked or sent. */
async function checkVolume(ports: PlatformPorts, volume: string, signal?: AbortSignal): Promise<void> {
  for await (const v of ports.listVolumes(signal)) {
    if (v.id !== volume) continue;
    if (!isWritable(v)) {
      throw new UsageError(
        `volume ${volume} is not writable (access mode ${v.access_mode ?? 'unknown'}): choose a read-write one.`,
      );
    }
    return;
  }
}

async function makePlan(ctx: ExportContext, ports: PlatformPorts, o: ExportOptions): Promise<ExportPlan> {
  await checkVolume(ports, o.volume, ctx.signal);
  const start = await resolveFolder(ports, o.project, o.folder ?? '', ctx.signal);
  const walk = await walkFolder(ports, start, {
    include: o.include,
    recursive: o.recursive,
    signal: ctx.signal,
  });
  line(
    ctx.io.stderr,
    `walked ${walk.folders.toLocaleString('en-US')} folders: ${walk.files.toLocaleString('en-US')} files match (${bytesText(walk.bytes)})`,
  );
  const dest = { volume: o.volume, prefix: o.prefix, copy: !o.move, overwrite: o.overwrite };
  return planExport(walk, dest, watchedJobs(ctx.store, ctx.endpoint));
}

function report(plan: ExportPlan, run: BulkRun, o: ExportOptions, io: CommandIo): number {
  const rows: ExportJson[] = run.results.map((r) => {
    const item = plan.items[r.index]!;
    const base = { file: item.file.id, path: item.path };
    return 'job' in r ? { ...base, new_id: r.job.id } : { ...base, error: r.error };
  });
  if (o.json) line(io.stdout, JSON.stringify(rows, null, 2));
  else {
    for (const row of rows) {
      const what = 'new_id' in row ? `→ ${row.new_id}` : `refused: ${itemErrorText(row.error)}`;
      line(io.stdout, `${safeText(row.path)} ${what}`);
    }
  }
  const refused = rows.filter((r) => 'error' in r).length;
  const sent = `Started ${(rows.length - refused).toLocaleString('en-US')} of ${plan.items.length.toLocaleString('en-US')} exports`;
  const rest = [
    refused > 0 ? `${refused.toLocaleString('en-US')} refused` : '',
    run.notSent > 0 ? `${run.notSent.toLocaleString('en-US')} not sent (run again to send them)` : '',
  ];
  line(io.stderr, `${sent}${rest.some(Boolean) ? `; ${rest.filter(Boolean).join('; ')}` : ''}.`);
  return refused > 0 || run.stopped ? EXIT.failed : EXIT.ok;
}

/** This export's jobs: the new ones and those an earlier run started (so --wait on a resumed run waits on all). */
function exportJobIds(plan: ExportPlan, run: BulkRun | undefined): string[] {
  const earlier = plan.skipped.flatMap((s) => (s.jobId ? [s.jobId] : []));
  const fresh = (run?.results ?? []).flatMap((r) => ('job' in r ? [r.job.id] : []));
  return [...new Set([...earlier, ...fresh])];
}

export async function exportCommand(ctx: ExportContext, o: ExportOptions): Promise<number> {
  const { io } = ctx;
  const ports = platformPorts(ctx.client);
  let plan: ExportPlan;
  try {
    checkOptions(o, ctx);
    plan = await makePlan(ctx, ports, o);
  } catch (err) {
    const usage = err instanceof UsageError || err instanceof FolderPathError;
    const notFound = isApiError(err) && err.kind === 'not-found';
    line(io.stderr, `export: ${safeText(errorText(err))}`);
    return usage || notFound ? EXIT.usage : EXIT.failed;
  }
  if (o.dryRun) {
    if (o.json) line(io.stdout, JSON.stringify(previewJson(plan), null, 2));
    else printPreview(plan, io.stdout);
    line(io.stderr, 'Dry run: nothing was sent.');
    return EXIT.ok;
  }
  printPreview(plan, io.stderr);
  let run: BulkRun | undefined;
  let code: number = EXIT.ok;
  if (plan.items.length > 0) {
    const now = ctx.now ?? Date.now;
    run = await runBulk(
      plan.items.map((i) => i.body),
      plan.copy,
      { ports, io, clock: ctx.clock, signal: ctx.signal, command: 'export' },
      (results) => {
        const jobs = results.flatMap((r) => ('job' in r ? [r.job] : []));
        if (jobs.length === 0) return;
        ctx.store.add(
          jobs.map((j) => j.id),
          { endpoint: ctx.endpoint, snapshots: snapshotsOf(jobs, now) },
        );
      },
    );
    code = report(plan, run, o, io);
  } else if (o.json) line(io.stdout, '[]');
  const ids = exportJobIds(plan, run);
  if (!o.wait || !ctx.wait || run?.stopped || ids.length === 0) return code;
  // Refused files already make it a failure; the wait still tells a script when the rest are done.
  const waited = await ctx.wait(ids, o.timeout);
  return code === EXIT.ok || waited === EXIT.timeout ? waited : code;
}

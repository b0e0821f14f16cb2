// `sbexport-tui wait [<id>...] [--timeout S]`: block a script until jobs are final. The same Poller as the
// TUI does the work (bulk calls for non-final jobs only, rate budget, back-off), one per platform, so a CI job
// waiting on a thousand exports costs each platform what the TUI would, and jobs already final in the saved
// snapshots cost no request at all.
//
// Platforms: every job is asked about on its own platform only. Under --profile / --endpoint, jobs of other
// platforms are left out (not polled, not counted). Without narrowing, jobs of a platform with no credentials
// here are not polled: a warning names them, and they make the exit status 1 (not done), since a CI script
// must not read "all COMPLETED" into jobs nobody looked at.
import type { Session } from '../session.js';
import type { Snapshot } from '../store/types.js';
import { safeText } from '../text.js';
import { errorText } from '../values.js';
import { addOnPlatforms, someIds } from './id-args.js';
import { type CommandIo, EXIT, line } from './io.js';
import { isSettled, stateLabel } from './job-state.js';
import { clock, counts, problem, seconds, summarize } from './wait-format.js';
import { groupByPlatform, selectJobs, type WaitPlan } from './wait-plan.js';
import { type PollGroup, pollUntilSettled } from './wait-poll.js';

export interface WaitOptions {
  /** Seconds; none = wait as long as it takes. */
  timeout?: number;
  /** Seconds between polls (the CLI enforces ≥ 2; tests call this with less). */
  interval: number;
  /** --read-only: IDs that are not watched yet are refused instead of added. */
  readOnly?: boolean;
}

/** What `wait` learns, kept here too: the store ignores IDs another process removed meanwhile. */
function ledger(session: Session, io: CommandIo) {
  const latest = new Map<string, Snapshot>();
  const snapshot = (id: string): Snapshot | undefined => latest.get(id) ?? session.store.snapshot(id);
  const put = (snaps: ReadonlyMap<string, Snapshot>): void => {
    for (const [id, snap] of snaps) {
      const known = snapshot(id) !== undefined;
      const before = stateLabel(snapshot(id));
      latest.set(id, snap);
      const after = stateLabel(snap);
      if (before === after) continue;
      const why = isSettled(snap) && after !== 'COMPLETED' ? problem(snap) : '';
      // The first answer about a never-fetched job is where it stands, not a change.
      const change = known ? `${before} → ${after}` : `is ${after}`;
      line(io.stdout, `${clock(Date.now())} ${id} ${change}${why}`);
    }
    session.store.putSnapshots(snaps);
  };
  return { snapshot, put };
}

function addUnwatched(session: Session, plan: WaitPlan, io: CommandIo): boolean {
  if (plan.unwatched.size === 0) return true;
  try {
    addOnPlatforms(session, plan.unwatched);
  } catch (err) {
    line(io.stderr, `wait: ${safeText(errorText(err))}`);
    return false;
  }
  const ids = [...plan.unwatched.values()].flat();
  line(io.stdout, `Now watching ${ids.length} more: ${someIds(ids)}`);
  return true;
}

export async function waitCommand(
  session: Session,
  ids: string[],
  o: WaitOptions,
  io: CommandIo,
): Promise<number> {
  const plan = await selectJobs(session, ids, io);
  if (typeof plan === 'number') return plan;
  const { selected } = plan;
  const { snapshot, put } = ledger(session, io);
  const startedAt = Date.now();

  const settledBefore = selected.filter((id) => isSettled(snapshot(id)));
  if (settledBefore.length === selected.length) {
    line(io.stdout, `All ${selected.length} already final in the saved state (nothing fetched).`);
    const nothing = { outcome: 'done', rejected: [], noToken: new Map() } as const;
    return summarize(nothing, selected, snapshot, startedAt, io);
  }
  const unwatched = [...plan.unwatched.values()].flat();
  if (unwatched.length > 0 && o.readOnly) {
    line(
      io.stderr,
      `wait: read-only mode: not watched: ${someIds(unwatched)} (add them first, or drop --read-only)`,
    );
    return EXIT.usage;
  }

  // Only now, when something must be fetched: throws CredentialsError without any token (runCli → exit 2).
  const { groups, noToken } = groupByPlatform(session, plan, (id) => !isSettled(snapshot(id)));
  if (!addUnwatched(session, plan, io)) return EXIT.failed;
  for (const [name, missing] of invert(noToken)) {
    line(io.stderr, `wait: no token for ${name}: not polling ${missing.length}: ${someIds(missing)}`);
  }
  const settledLabels = settledBefore.map((id) => stateLabel(snapshot(id)));
  if (groups.length > 0) line(io.stdout, waitingLine(selected.length, settledLabels, groups, o));
  const polled = await pollUntilSettled(
    groups,
    { snapshot, put },
    {
      intervalMs: o.interval * 1000,
      timeoutMs: o.timeout !== undefined ? o.timeout * 1000 : undefined,
      several: groups.length > 1,
    },
    io,
  );
  return summarize({ ...polled, noToken }, selected, snapshot, startedAt, io);
}

/** `Waiting for 2 of 3 jobs (1 COMPLETED already) on bdc (1), cgc (1), every 5 s, timeout 60 s` */
function waitingLine(
  total: number,
  settled: readonly string[],
  groups: readonly PollGroup[],
  o: WaitOptions,
): string {
  const already = settled.length > 0 ? ` (${counts(settled)} already)` : '';
  const where =
    groups.length === 1
      ? groups[0]!.platform.label
      : groups.map((g) => `${g.platform.shortName} (${g.ids.length})`).join(', ');
  const limit = o.timeout !== undefined ? `, timeout ${seconds(o.timeout)}` : '';
  return `Waiting for ${total - settled.length} of ${total} jobs${already} on ${where}, every ${seconds(o.interval)}${limit}`;
}

function invert(byId: ReadonlyMap<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [id, name] of byId) {
    const ids = out.get(name);
    if (ids) ids.push(id);
    else out.set(name, [id]);
  }
  return out;
}

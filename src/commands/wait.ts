// `sbexport-tui wait [<id>...] [--timeout S]`: block a script until jobs are final. The same Poller as the
// TUI does the work (bulk calls for non-final jobs only, rate budget, back-off), so a CI job waiting on a
// thousand exports costs the platform what the TUI would, and jobs already final in the saved snapshots
// cost no request at all.
import { parseIdInput } from '../ids.js';
import type { Session } from '../session.js';
import type { Snapshot } from '../store/types.js';
import { oneLine, safeText } from '../text.js';
import { errorText } from '../values.js';
import type { PollTarget } from '../watch/due.js';
import { Poller, type PollerStatus } from '../watch/poller.js';
import { gatherIdText, sessionHosts, someIds } from './id-args.js';
import { type CommandIo, EXIT, line } from './io.js';
import { isSettled, stateLabel } from './job-state.js';

export interface WaitOptions {
  /** Seconds; none = wait as long as it takes. */
  timeout?: number;
  /** Seconds between polls (the CLI enforces ≥ 2; tests call this with less). */
  interval: number;
  /** --read-only: IDs that are not watched yet are refused instead of added. */
  readOnly?: boolean;
}

type Outcome = 'done' | 'timeout' | 'auth';

const pad2 = (n: number): string => String(n).padStart(2, '0');

function clock(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

function seconds(s: number): string {
  return `${Number(s.toFixed(3))} s`;
}

/** `2 COMPLETED · 1 FAILED`, in order of first appearance. */
function counts(labels: readonly string[]): string {
  const by = new Map<string, number>();
  for (const l of labels) by.set(l, (by.get(l) ?? 0) + 1);
  return [...by].map(([l, n]) => `${n} ${l}`).join(' · ');
}

/** Why a job did not complete, from the job's error block or the API's error item. */
function problem(snapshot: Snapshot | undefined): string {
  const error = snapshot?.status === 'ok' ? snapshot.job?.error : snapshot?.error;
  if (!error) return '';
  const codes = [error.status, error.code].filter((x) => x !== undefined).map(oneLine);
  const message = oneLine(error.message);
  const head = codes.length > 0 ? `${codes.join('/')} ` : '';
  return head || message ? `: ${head}${message}`.trimEnd() : '';
}

const MAX_LISTED = 20;

export async function waitCommand(
  session: Session,
  ids: string[],
  o: WaitOptions,
  io: CommandIo,
): Promise<number> {
  const { store } = session;
  let selected: string[];
  let unwatched: string[] = [];
  if (ids.length > 0) {
    const text = await gatherIdText(ids, io);
    const parsed = parseIdInput(text, { watched: new Set(store.ids()), allowedHosts: sessionHosts(session) });
    for (const bad of parsed.invalid) line(io.stderr, `invalid: ${bad.input}: ${bad.reason}`);
    if (parsed.invalid.length > 0) {
      line(io.stderr, 'wait: not started; fix the invalid IDs above.');
      return EXIT.usage;
    }
    selected = [...parsed.alreadyWatched, ...parsed.ids];
    unwatched = parsed.ids;
    if (selected.length === 0) {
      line(io.stderr, 'wait: no export job IDs in the input (it was empty).');
      return EXIT.usage;
    }
  } else {
    selected = [...store.ids()];
    if (selected.length === 0) {
      line(io.stdout, 'No jobs watched: nothing to wait for.');
      return EXIT.ok;
    }
  }

  // What the poller learns, kept here too: the store ignores IDs another process removed meanwhile.
  const latest = new Map<string, Snapshot>();
  const snapshotOf = (id: string): Snapshot | undefined => latest.get(id) ?? store.snapshot(id);
  const unsettled = (): string[] => selected.filter((id) => !isSettled(snapshotOf(id)));
  const startedAt = Date.now();

  const settledBefore = selected.filter((id) => isSettled(snapshotOf(id)));
  if (settledBefore.length === selected.length) {
    line(io.stdout, `All ${selected.length} already final in the saved state (nothing fetched).`);
    return summarize('done');
  }

  if (unwatched.length > 0 && o.readOnly) {
    line(
      io.stderr,
      `wait: read-only mode: not watched: ${someIds(unwatched)} (add them first, or drop --read-only)`,
    );
    return EXIT.usage;
  }

  // Only now, when something must be fetched: throws CredentialsError without a token (runCli → exit 2).
  const { client, label } = session.connect();
  if (unwatched.length > 0) {
    try {
      store.add(unwatched);
    } catch (err) {
      line(io.stderr, `wait: ${safeText(errorText(err))}`);
      return EXIT.failed;
    }
    line(io.stdout, `Now watching ${unwatched.length} more: ${someIds(unwatched)}`);
  }
  const already =
    settledBefore.length > 0
      ? ` (${counts(settledBefore.map((id) => stateLabel(snapshotOf(id))))} already)`
      : '';
  const limit = o.timeout !== undefined ? `, timeout ${seconds(o.timeout)}` : '';
  line(
    io.stdout,
    `Waiting for ${selected.length - settledBefore.length} of ${selected.length} jobs${already} on ${label}, every ${seconds(o.interval)}${limit}`,
  );

  let finish: (outcome: Outcome) => void = () => {};
  const ended = new Promise<Outcome>((resolve) => {
    finish = resolve;
  });

  const target: PollTarget = {
    ids: () => selected,
    snapshot: snapshotOf,
    putSnapshots(snaps) {
      for (const [id, snap] of snaps) {
        const known = snapshotOf(id) !== undefined;
        const before = stateLabel(snapshotOf(id));
        latest.set(id, snap);
        const after = stateLabel(snap);
        if (before === after) continue;
        const why = isSettled(snap) && after !== 'COMPLETED' ? problem(snap) : '';
        // The first answer about a never-fetched job is where it stands, not a change.
        const change = known ? `${before} → ${after}` : `is ${after}`;
        line(io.stdout, `${clock(Date.now())} ${id} ${change}${why}`);
      }
      store.putSnapshots(snaps);
      if (unsettled().length === 0) finish('done');
    },
  };

  const poller = new Poller({ target, client, intervalMs: o.interval * 1000, label });
  let lastBanner: string | undefined;
  let lastFlash: string | undefined;
  const report = (status: PollerStatus): void => {
    const { banner, flash } = status;
    if (banner?.kind === 'auth') {
      // A rejected token will not fix itself: retrying would only look like an attack.
      line(io.stderr, `wait: ${safeText(banner.message.replace(/ Polling paused.*$/, ''))}`);
      finish('auth');
      return;
    }
    const bannerKey = banner ? `${banner.kind}\n${banner.message}` : undefined;
    if (bannerKey !== lastBanner) {
      if (banner) {
        const until = banner.until !== undefined ? ` (next try ${clock(banner.until)})` : '';
        line(io.stderr, `${clock(Date.now())} ${safeText(banner.message)}${until}`);
      } else if (lastBanner !== undefined) {
        line(io.stderr, `${clock(Date.now())} polling again`);
      }
      lastBanner = bannerKey;
    }
    const flashKey = flash?.level === 'error' ? `${flash.at}\n${flash.message}` : undefined;
    if (flash && flashKey !== undefined && flashKey !== lastFlash) {
      line(io.stderr, `${clock(flash.at)} warning: ${safeText(flash.message)}`);
    }
    lastFlash = flashKey ?? lastFlash;
  };
  const unsubscribe = poller.subscribe(report);
  const timer = o.timeout !== undefined ? setTimeout(() => finish('timeout'), o.timeout * 1000) : undefined;

  poller.start();
  const outcome = await ended;
  if (timer) clearTimeout(timer);
  unsubscribe();
  await poller.stop();
  return summarize(outcome);

  function summarize(outcome: Outcome): number {
    const labels = selected.map((id) => stateLabel(snapshotOf(id)));
    const elapsed = seconds(Math.round((Date.now() - startedAt) / 100) / 10);
    const head =
      outcome === 'timeout'
        ? `Timed out after ${elapsed}`
        : outcome === 'auth'
          ? 'Stopped: the token was rejected'
          : `All ${selected.length} final`;
    line(io.stdout, `${head}: ${counts(labels)}`);
    const listed = selected.filter((_, i) => labels[i] !== 'COMPLETED');
    for (const id of listed.slice(0, MAX_LISTED)) {
      const snap = snapshotOf(id);
      line(io.stdout, `  ${id} ${stateLabel(snap)}${isSettled(snap) ? problem(snap) : ''}`);
    }
    if (listed.length > MAX_LISTED)
      line(io.stdout, `  … +${listed.length - MAX_LISTED} more (sbexport-tui list)`);
    if (outcome === 'timeout') return EXIT.timeout;
    if (outcome === 'auth') return EXIT.failed;
    return labels.every((l) => l === 'COMPLETED') ? EXIT.ok : EXIT.failed;
  }
}

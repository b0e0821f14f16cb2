// The poll loop of `wait`: one Poller per platform (its own client, rate budget and back-off), each asked only
// about that platform's jobs, until every job is settled, its platform's token is rejected, or time runs out.
import type { Platform } from '../platforms/platforms.js';
import type { Snapshot } from '../store/types.js';
import { safeText } from '../text.js';
import type { PollTarget } from '../watch/due.js';
import { Poller, type PollerStatus } from '../watch/poller.js';
import { type CommandIo, line } from './io.js';
import { isSettled } from './job-state.js';
import { clock, type Outcome } from './wait-format.js';

export interface PollGroup {
  platform: Platform;
  /** The selected jobs of this platform (final ones are not asked about: the poller skips them). */
  ids: readonly string[];
}

/** Where the loop reads and records what it learns (the command keeps a ledger in front of the store). */
export interface Ledger {
  snapshot(id: string): Snapshot | undefined;
  put(snapshots: ReadonlyMap<string, Snapshot>): void;
}

export interface PollOptions {
  intervalMs: number;
  timeoutMs?: number;
  /** More than one platform: banners say which. */
  several: boolean;
}

export interface PollResult {
  outcome: Outcome;
  /** Short names of the platforms that rejected their token. */
  rejected: string[];
}

/** Prints a poller's banners and error flashes once each; calls `onAuth` when the token is rejected. */
function reporter(platform: Platform, several: boolean, io: CommandIo, onAuth: () => void) {
  const where = several ? `${platform.shortName}: ` : '';
  let lastBanner: string | undefined;
  let lastFlash: string | undefined;
  return (status: PollerStatus): void => {
    const { banner, flash } = status;
    if (banner?.kind === 'auth') {
      // A rejected token will not fix itself: retrying would only look like an attack.
      line(io.stderr, `wait: ${safeText(banner.message.replace(/ Polling paused.*$/, ''))}`);
      onAuth();
      return;
    }
    const bannerKey = banner ? `${banner.kind}\n${banner.message}` : undefined;
    if (bannerKey !== lastBanner) {
      if (banner) {
        const until = banner.until !== undefined ? ` (next try ${clock(banner.until)})` : '';
        line(io.stderr, `${clock(Date.now())} ${where}${safeText(banner.message)}${until}`);
      } else if (lastBanner !== undefined) {
        line(io.stderr, `${clock(Date.now())} ${where}polling again`);
      }
      lastBanner = bannerKey;
    }
    const flashKey = flash?.level === 'error' ? `${flash.at}\n${flash.message}` : undefined;
    if (flash && flashKey !== undefined && flashKey !== lastFlash) {
      line(io.stderr, `${clock(flash.at)} ${where}warning: ${safeText(flash.message)}`);
    }
    lastFlash = flashKey ?? lastFlash;
  };
}

export async function pollUntilSettled(
  groups: readonly PollGroup[],
  ledger: Ledger,
  o: PollOptions,
  io: CommandIo,
): Promise<PollResult> {
  let finish: (outcome: Outcome) => void = () => {};
  const ended = new Promise<Outcome>((resolve) => {
    finish = resolve;
  });
  const rejected = new Set<PollGroup>();
  const check = (): void => {
    const open = groups.filter(
      (g) => !rejected.has(g) && g.ids.some((id) => !isSettled(ledger.snapshot(id))),
    );
    if (open.length === 0) finish('done');
  };

  const pollers = groups.map((group) => {
    const target: PollTarget = {
      ids: () => group.ids,
      snapshot: (id) => ledger.snapshot(id),
      putSnapshots(snaps) {
        ledger.put(snaps);
        check();
      },
    };
    const { client, label } = group.platform;
    const poller = new Poller({ target, client, intervalMs: o.intervalMs, label });
    const unsubscribe = poller.subscribe(
      reporter(group.platform, o.several, io, () => {
        rejected.add(group);
        // Its jobs are given up; the other platforms' go on. Stopped after this report returns.
        queueMicrotask(() => void poller.stop());
        check();
      }),
    );
    return { poller, unsubscribe };
  });
  const timer = o.timeoutMs !== undefined ? setTimeout(() => finish('timeout'), o.timeoutMs) : undefined;

  // Nothing to poll (every open job is on a platform without a token) ends at once.
  check();
  for (const p of pollers) p.poller.start();
  const outcome = await ended;
  if (timer) clearTimeout(timer);
  for (const p of pollers) p.unsubscribe();
  await Promise.all(pollers.map((p) => p.poller.stop()));
  return { outcome, rejected: groups.filter((g) => rejected.has(g)).map((g) => g.platform.shortName) };
}

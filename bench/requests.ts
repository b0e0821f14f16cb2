// What the app costs the platform: the real Poller on the real store, over real HTTP to the simulator.
import { manyJobs } from '../src/demo/seed.js';
import { type SimJob, startSimulator } from '../src/demo/simulator.js';
import { SbClient } from '../src/platform/client.js';
import { isApiError } from '../src/platform/errors.js';
import { getExport } from '../src/platform/exports.js';
import { WatchStore } from '../src/store/watch-store.js';
import { DEFAULT_INTERVAL_MS, Poller, type PollSource, sourceFromClient } from '../src/watch/poller.js';
import { ACTIVE, type Fixture, TOKEN, WATCHED } from './fixture.js';
import { until } from './report.js';
import { installVirtualTimers } from './virtual-time.js';

export interface CycleFigures {
  /** Bulk calls of each cycle, in order. */
  bulkPerCycle: number[];
  singleGets: number;
  /** Distinct IDs asked about per cycle. */
  idsPerCycle: number[];
  finalIdsRequested: number;
}

function finalRequests(fix: Fixture, requested: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const id of fix.finalIds) n += requested.get(id) ?? 0;
  return n;
}

/** A few refresh cycles at a short interval on the saved list. */
export async function refreshCycles(fix: Fixture, cycles: number): Promise<CycleFigures> {
  const { sim } = fix;
  sim.resetStats();
  const store = WatchStore.open({ cwd: fix.configDir });
  const client = new SbClient({ endpoint: sim.url, token: TOKEN });
  const poller = new Poller({ target: store, client, intervalMs: 150 });
  const bulkPerCycle: number[] = [];
  const idsPerCycle: number[] = [];
  let seenCycles = 0;
  let bulkBefore = 0;
  let idsBefore = new Map<string, number>();
  const off = poller.subscribe((status) => {
    if (status.cycles === seenCycles) return;
    seenCycles = status.cycles;
    bulkPerCycle.push(sim.stats.bulkGets - bulkBefore);
    bulkBefore = sim.stats.bulkGets;
    let distinct = 0;
    for (const [id, n] of sim.stats.idsRequested) if (n !== (idsBefore.get(id) ?? 0)) distinct++;
    idsPerCycle.push(distinct);
    idsBefore = new Map(sim.stats.idsRequested);
  });
  poller.start();
  const ok = await until(() => seenCycles >= cycles, 20_000);
  off();
  await poller.stop();
  store.close();
  await client.close();
  if (!ok) throw new Error(`refresh cycles: only ${seenCycles} of ${cycles} cycles in 20 s`);
  return {
    bulkPerCycle,
    singleGets: sim.stats.singleGets,
    idsPerCycle,
    finalIdsRequested: finalRequests(fix, sim.stats.idsRequested),
  };
}

/** A new process's view: a new store read from disk, a new client and poller, one cycle. */
export async function afterRestart(
  fix: Fixture,
): Promise<{ finalIdsRequested: number; idsRequested: number }> {
  const { sim } = fix;
  sim.resetStats();
  const store = WatchStore.open({ cwd: fix.configDir });
  const client = new SbClient({ endpoint: sim.url, token: TOKEN });
  const poller = new Poller({ target: store, client, intervalMs: 60_000 });
  poller.start();
  const ok = await until(() => poller.status().cycles >= 1 && !poller.status().inFlight, 10_000);
  await poller.stop();
  store.close();
  await client.close();
  if (!ok) throw new Error('restart: no cycle in 10 s');
  return {
    finalIdsRequested: finalRequests(fix, sim.stats.idsRequested),
    idsRequested: sim.stats.idsRequested.size,
  };
}

export interface BudgetFigures {
  simulatedMs: number;
  requests: number;
  cycles: number;
  maxPerWindow: number;
  rateLimited: number;
  limit: number;
  windowMs: number;
  realMs: number;
}

/** Sliding maximum of requests in any [t, t + windowMs). */
export function maxInWindow(stamps: readonly number[], windowMs: number): number {
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < stamps.length; hi++) {
    while (stamps[hi]! - stamps[lo]! >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

/**
 * `simulatedMs` of polling at the default interval against the platform's limit (1000 / 5 min), on a
 * virtual clock shared by the simulator, the client's reset arithmetic and the poller.
 */
/**
 * A poller on the watch list in `dir`, against a simulator with `rateLimit`, all on one virtual clock;
 * `stamps` gets the (virtual) time of every bulk call. The caller restores the clock and closes the rest.
 */
export async function virtualPoller(
  jobs: SimJob[],
  dir: string,
  rateLimit: { limit: number; windowMs: number },
  realStart: number,
) {
  const clock = installVirtualTimers(realStart);
  const stamps: number[] = [];
  const sim = await startSimulator({ jobs, now: clock.now, rateLimit });
  const client = new SbClient({ endpoint: sim.url, token: TOKEN, now: clock.now });
  const store = WatchStore.open({ cwd: dir });
  const real = sourceFromClient(client);
  const source: PollSource = {
    fetchBulk: (ids, signal) => {
      stamps.push(clock.now());
      return real.fetchBulk(ids, signal);
    },
    rateLimit: real.rateLimit,
  };
  const poller = new Poller({ target: store, source, now: clock.now, intervalMs: DEFAULT_INTERVAL_MS });
  return { clock, stamps, sim, client, store, poller };
}

export async function rateBudget(fix: Fixture, simulatedMs: number): Promise<BudgetFigures> {
  const realStart = Date.now();
  const limit = 1000;
  const windowMs = 300_000;
  const dir = fix.copyConfig('config-rate');
  const { clock, stamps, sim, client, store, poller } = await virtualPoller(
    fix.jobs,
    dir,
    { limit, windowMs },
    realStart,
  );
  try {
    poller.start();
    const end = clock.now() + simulatedMs;
    while (clock.now() < end) {
      // Wait (really) for the cycle in flight to end and queue its successor, then jump to it.
      const idle = await until(() => !poller.status().inFlight && clock.pending() > 0, 10_000, 1);
      if (!idle) throw new Error('rate budget: the poller neither finished a cycle nor scheduled one');
      clock.advance();
    }
    await poller.stop();
  } finally {
    clock.restore();
    store.close();
    await client.close();
    await sim.close();
  }
  return {
    simulatedMs,
    requests: stamps.length,
    cycles: poller.status().cycles,
    maxPerWindow: maxInWindow(stamps, windowMs),
    rateLimited: sim.stats.rateLimited,
    limit,
    windowMs,
    realMs: Date.now() - realStart,
  };
}

export interface NaiveFigures {
  requests: number;
  rateLimited: number;
  ok: number;
  ms: number;
}

/**
 * The SDK quickstart's way, really sent: one GET per watched job, for one cycle, against a fresh platform
 * window with the real limit. (Eight at a time to keep the bench short; the count is what matters.)
 */
export async function naiveCycle(): Promise<NaiveFigures> {
  const jobs = manyJobs(WATCHED, ACTIVE, Date.now());
  const sim = await startSimulator({ jobs });
  const client = new SbClient({ endpoint: sim.url, token: TOKEN });
  const ids = jobs.map((j) => j.job.id);
  let next = 0;
  let ok = 0;
  let limited = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      try {
        await getExport(client, id);
        ok++;
      } catch (err) {
        if (isApiError(err) && err.status === 429) limited++;
        else throw err;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: 8 }, worker));
  } finally {
    await client.close();
    await sim.close();
  }
  return { requests: sim.stats.requests, rateLimited: limited, ok, ms: performance.now() - started };
}

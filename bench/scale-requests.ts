// The platform's side of issue 15 at 100,000 jobs: a first pass over 100,300 new jobs against the stand-in
// limit (1000 requests per 20 s window) on a virtual clock, and an export of 5,000 files by bulk create.
import path from 'node:path';
import { manyJobs } from '../src/demo/seed.js';
import { startSimulator } from '../src/demo/simulator.js';
import type { SimFile, SimJob } from '../src/demo/types.js';
import { SbClient } from '../src/platform/client.js';
import { Platforms } from '../src/platforms/platforms.js';
import { platformTargets } from '../src/platforms/targets.js';
import type { Snapshot } from '../src/store/types.js';
import { WatchStore } from '../src/store/watch-store.js';
import { budgetWaiter, realClock } from '../src/transfer/budget-wait.js';
import { platformPorts } from '../src/transfer/platform-ports.js';
import { submitInBatches } from '../src/transfer/submit.js';
import { Poller, sourceFromClient } from '../src/watch/poller.js';
import { TOKEN } from './fixture.js';
import { until } from './report.js';
import { maxInWindow, virtualPoller } from './requests.js';

export const LIMIT_100K = 1000;
export const WINDOW_100K_MS = 20_000;

export interface FirstPassFigures {
  jobs: number;
  requests: number;
  maxPerWindow: number;
  rateLimited: number;
  windows: number;
  simulatedS: number;
  realMs: number;
  learnedAll: boolean;
}

/** Every job new (IDs only, as after `add -`): the poller learns them all, split across rate windows. */
export async function firstPass(root: string, jobs: SimJob[], endpoint: string): Promise<FirstPassFigures> {
  const realStart = Date.now();
  const dir = path.join(root, 'config-first-pass');
  const seed = WatchStore.open({ cwd: dir });
  seed.add(
    jobs.map((j) => j.job.id),
    { endpoint },
  );
  seed.close();
  const rateLimit = { limit: LIMIT_100K, windowMs: WINDOW_100K_MS };
  const { clock, stamps, sim, client, store, poller } = await virtualPoller(jobs, dir, rateLimit, realStart);
  let learnedAll = false;
  try {
    poller.start();
    // Bounded: at half of 1000 per 20 s, 1,003 calls take about 40 simulated seconds.
    const end = clock.now() + 30 * 60_000;
    while (clock.now() < end) {
      const idle = await until(() => !poller.status().inFlight && clock.pending() > 0, 20_000, 1);
      if (!idle) throw new Error('first pass: the poller neither finished a cycle nor scheduled one');
      const s = poller.status();
      if (s.cycles > 0 && s.learning === undefined && store.ids().every((id) => store.summary(id))) {
        learnedAll = true;
        break;
      }
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
    jobs: jobs.length,
    requests: stamps.length,
    maxPerWindow: maxInWindow(stamps, WINDOW_100K_MS),
    rateLimited: sim.stats.rateLimited,
    windows: Math.ceil(((stamps.at(-1) ?? 0) - (stamps[0] ?? 0) + 1) / WINDOW_100K_MS),
    simulatedS: Math.round(((stamps.at(-1) ?? 0) - (stamps[0] ?? 0)) / 1000),
    realMs: Date.now() - realStart,
    learnedAll,
  };
}

export interface ExportFigures {
  files: number;
  requests: number;
  bulkCreateCalls: number;
  accepted: number;
  refused: number;
  rateLimited: number;
  seconds: number;
}

const hex24 = (prefix: string, n: number) => `${prefix}${n.toString(16).padStart(24 - prefix.length, '0')}`;

/** 5,000 files of one project to a read-write volume: submitInBatches over the real client's ports. */
export async function exportFiles(count: number): Promise<ExportFigures> {
  const project = 'bench/cohort';
  const root = hex24('f0', 0);
  const files: SimFile[] = [];
  for (let i = 1; i <= count; i++)
    files.push({ id: hex24('f1', i), name: `s_${i}.cram`, type: 'file', size: 1e9, project, parent: root });
  const sim = await startSimulator({
    jobs: [],
    catalog: {
      projects: [{ id: project, name: 'Cohort', root_folder: root }],
      files,
      volumes: [{ id: 'bench/out', name: 'out', access_mode: 'RW' }],
    },
  });
  const client = new SbClient({ endpoint: sim.url, token: TOKEN });
  const ports = platformPorts(client);
  const items = files.map((f) => ({
    source: { file: f.id },
    destination: { volume: 'bench/out', location: `cohort/${f.name}` },
  }));
  try {
    const before = sim.stats.requests;
    const t = performance.now();
    const result = await submitInBatches(items, ports, { budget: budgetWaiter(ports, realClock) });
    const seconds = (performance.now() - t) / 1000;
    if (result.stopped) throw new Error(`export of ${count} files stopped: ${result.stopped.message}`);
    const refused = result.results.filter((r) => 'error' in r).length;
    return {
      files: count,
      requests: sim.stats.requests - before,
      bulkCreateCalls: result.calls,
      accepted: result.results.length - refused,
      refused,
      rateLimited: sim.stats.rateLimited,
      seconds,
    };
  } finally {
    await client.close();
    await sim.close();
  }
}

export interface TwoPlatformFigures {
  active: number[];
  expected: number;
  bulkGets: number[];
}

/**
 * One refresh cycle of two pollers over one watch list, each on its own platform's view of it: the calls are
 * the sum over platforms of ceil(active / 100), and each simulator hears only about its own jobs.
 */
export async function twoPlatformCycle(root: string): Promise<TwoPlatformFigures> {
  const active = [150, 250];
  const dir = path.join(root, 'config-two-platforms');
  const store = WatchStore.open({ cwd: dir });
  const jobSets = active.map((n, i) =>
    manyJobs(1000 + n, n, Date.now()).map((j) => ({
      ...j,
      job: { ...j.job, id: `${i}${j.job.id.slice(1)}` },
    })),
  );
  const rateLimit = { limit: 1_000_000, windowMs: 300_000 };
  const sims = await Promise.all(jobSets.map((jobs) => startSimulator({ jobs, rateLimit })));
  const clients = sims.map((sim) => new SbClient({ endpoint: sim.url, token: TOKEN }));
  try {
    const fetchedAt = new Date().toISOString();
    for (const [i, sim] of sims.entries()) {
      const snaps = new Map<string, Snapshot>();
      for (const { job } of jobSets[i]!)
        snaps.set(job.id, { status: 'ok', job: sim.job(job.id)!, fetchedAt });
      store.add([...snaps.keys()], { endpoint: sim.url, snapshots: snaps });
    }
    // The app's own per-platform views (tui.tsx), one per simulator.
    const platforms = Platforms.fromList(
      sims.map((sim, i) => ({ endpoint: sim.url, token: TOKEN, source: 'bench', shortName: `sim${i}` })),
    );
    const targets = platformTargets(store, platforms);
    const pollers = sims.map(
      (_, i) =>
        new Poller({
          target: targets[i]!.target,
          source: sourceFromClient(clients[i]!),
          intervalMs: 60_000,
        }),
    );
    for (const p of pollers) p.start();
    await until(() => pollers.every((p) => p.status().cycles >= 1 && !p.status().inFlight), 30_000);
    await Promise.all(pollers.map((p) => p.stop()));
    return {
      active,
      expected: active.reduce((sum, n) => sum + Math.ceil(n / 100), 0),
      bulkGets: sims.map((sim) => sim.stats.bulkGets),
    };
  } finally {
    store.close();
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all(sims.map((s) => s.close()));
  }
}

// --demo: two platforms, each an embedded simulator with its own token, and the seed's jobs split between them,
// so the PLATFORM column, the per-platform header and banners have something to show. Loaded only for the demo:
// the simulator brings node:http and node:crypto, ~10 ms of every launch.
import { demoJobs, demoWatchIds } from '../demo/seed.js';
import { demoCatalog } from '../demo/seed-catalog.js';
import { cgcCatalog } from '../demo/seed-cgc.js';
import { type SimJob, type Simulator, startSimulator } from '../demo/simulator.js';
import type { GlobalOptions } from '../session.js';
import { WatchStore, type WatchStoreOptions } from '../store/watch-store.js';
import { normalizeEndpoint } from './names.js';
import { Platforms } from './platforms.js';

/** Throwaway tokens: each simulator accepts only its own, so a job asked on the wrong one would show it. */
export const DEMO_PLATFORMS = [
  { shortName: 'bdc', token: 'demo-token-bdc-not-a-secret' },
  { shortName: 'cgc', token: 'demo-token-cgc-not-a-secret' },
] as const;

/** SEED_COMPLETED and SEED_FAILED, first in demoJobs(). */
const SEED_PAGE_JOBS = 2;

export interface Demo {
  simulators: Simulator[];
  platforms: Platforms;
  store: WatchStore;
}

export async function openDemo(opts: GlobalOptions, watchExternal: boolean): Promise<Demo> {
  const frozen = opts.frozenNow;
  // Under a frozen clock the simulators start forty seconds before it, so every state of the demo's timeline
  // is on screen at once, and stays there.
  let simNow = frozen === undefined ? 0 : frozen - 40_000;
  const now = frozen === undefined ? undefined : () => simNow;
  // The seed page's two jobs stay on the first platform (BDC: their hrefs say so); every other job of the rest
  // goes to the second, so both get live, finished and failed ones.
  const books: SimJob[][] = [[], []];
  demoJobs(frozen ?? Date.now()).forEach((job, i) => {
    books[i < SEED_PAGE_JOBS ? 0 : i % 2]?.push(job);
  });
  const simulators: Simulator[] = [];
  try {
    for (const [i, p] of DEMO_PLATFORMS.entries()) {
      simulators.push(
        await startSimulator({
          jobs: books[i],
          port: opts.demoPort === undefined ? undefined : opts.demoPort + i,
          now,
          token: p.token,
          // Projects, folders, files and volumes for the export flow (`e`, `export`): each platform its own.
          catalog: i === 0 ? demoCatalog() : cgcCatalog(),
        }),
      );
    }
  } catch (err) {
    await Promise.all(simulators.map((s) => s.close()));
    throw err;
  }
  if (frozen !== undefined) simNow = frozen;

  const platforms = Platforms.fromList(
    DEMO_PLATFORMS.map((p, i) => ({
      ...p,
      endpoint: simulators[i]!.url,
      source: `demo simulator ${p.shortName}`,
    })),
    { narrowTo: opts.profile ?? opts.endpoint },
  );
  // The demo owns its own list and starts it afresh each time: its simulators' jobs start afresh too, so last
  // run's snapshots would be lies.
  const storeOpts: WatchStoreOptions & { defaultEndpoint: string } = {
    configName: 'demo-watchlist',
    cwd: opts.configDir,
    watchExternal,
    defaultEndpoint: platforms.defaultEndpoint,
  };
  const store = WatchStore.open(storeOpts);
  store.remove([...store.ids()]);
  const endpoints = simulators.map((s) => normalizeEndpoint(s.url));
  const onSecond = new Set(books[1]?.map((j) => j.job.id));
  // In the seed's order, one call per run of IDs on the same platform. The seed's missing ID stays on the
  // first platform, where it answers NOT FOUND.
  let after: string | undefined;
  for (const run of runsOf(demoWatchIds(), (id) => (onSecond.has(id) ? 1 : 0))) {
    store.add(run.ids, { endpoint: endpoints[run.key], after });
    after = run.ids.at(-1);
  }
  store.flush();
  return { simulators, platforms, store };
}

function runsOf(ids: readonly string[], keyOf: (id: string) => number): { key: number; ids: string[] }[] {
  const runs: { key: number; ids: string[] }[] = [];
  for (const id of ids) {
    const key = keyOf(id);
    const last = runs.at(-1);
    if (last?.key === key) last.ids.push(id);
    else runs.push({ key, ids: [id] });
  }
  return runs;
}

import { demoJobs, demoWatchIds } from './seed.js';
import { demoCatalog } from './seed-catalog.js';
import { cgcCatalog, cgcJobs, cgcWatchIds } from './seed-cgc.js';
import { startSimulator } from './simulator.js';
import type { Simulator } from './types.js';

/** One simulated platform of the demo: its own server, token, jobs and watch list. */
export interface DemoPlatform {
  /** Short name, as the PLATFORM column would show it. */
  name: 'bdc' | 'cgc';
  token: string;
  sim: Simulator;
  /** The jobs the demo watches on this platform. */
  watchIds: string[];
}

export interface DemoPlatformsOptions {
  /** Wall-clock ms the seeds' "finished N hours ago" jobs count back from. */
  nowMs: number;
  now?: () => number;
  /** Port of the first platform (the second takes any free one). */
  port?: number;
}

/** Throwaway tokens: each simulator accepts only its own, so a token sent to the wrong platform is a 401. */
export const DEMO_TOKENS = {
  bdc: 'demo-bdc-token-not-a-secret',
  cgc: 'demo-cgc-token-not-a-secret',
} as const;

/** The demo's two platforms: BDC (the cohort, 4,000 files) and CGC (a few jobs of its own). Close both sims. */
export async function startDemoPlatforms(opts: DemoPlatformsOptions): Promise<DemoPlatform[]> {
  const bdc = await startSimulator({
    jobs: demoJobs(opts.nowMs),
    catalog: demoCatalog(),
    token: DEMO_TOKENS.bdc,
    now: opts.now,
    port: opts.port,
  });
  const cgc = await startSimulator({
    jobs: cgcJobs(opts.nowMs),
    catalog: cgcCatalog(),
    token: DEMO_TOKENS.cgc,
    now: opts.now,
  }).catch(async (err: unknown) => {
    await bdc.close();
    throw err;
  });
  return [
    { name: 'bdc', token: DEMO_TOKENS.bdc, sim: bdc, watchIds: demoWatchIds() },
    { name: 'cgc', token: DEMO_TOKENS.cgc, sim: cgc, watchIds: cgcWatchIds() },
  ];
}

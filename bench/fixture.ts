// The list every figure is measured on: 10,000 watched jobs, 300 of them still PENDING/RUNNING, saved with
// their snapshots as an earlier run of the app would have left them, and the simulator that serves them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { manyJobs } from '../src/demo/seed.js';
import { type SimJob, type Simulator, startSimulator } from '../src/demo/simulator.js';
import { normalizeEndpoint } from '../src/platform/endpoints.js';
import { isFinalState } from '../src/platform/types.js';
import type { Snapshot } from '../src/store/types.js';
import { WatchStore } from '../src/store/watch-store.js';

export const WATCHED = 10_000;
export const ACTIVE = 300;
export const TOKEN = 'bench-token-not-secret';
/** The API takes at most 100 IDs per bulk get: the fewest calls a refresh can make. */
export const CALLS_PER_CYCLE = Math.ceil(ACTIVE / 100);

export interface Fixture {
  /** Temporary root: everything the bench writes goes below it. */
  root: string;
  /** --config-dir of the saved watch list. */
  configDir: string;
  jobs: SimJob[];
  ids: string[];
  activeIds: string[];
  finalIds: string[];
  /** The platform for the poller, restart and terminal figures (default rate limit, 1000 / 5 min). */
  sim: Simulator;
  /** A copy of the saved list in a fresh directory (for runs that must not touch the original). */
  copyConfig(name: string): string;
}

export async function makeFixture(): Promise<Fixture> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-bench-'));
  const configDir = path.join(root, 'config');
  const jobs = manyJobs(WATCHED, ACTIVE, Date.now());
  // The phases share this simulator and together send more than half of the platform's 1000 / 5 min;
  // the app would then (rightly) pause until the window resets and the terminal phase would see no
  // refresh. Pacing is measured on its own (rateBudget, with the real limit): here the limit is roomy.
  const sim = await startSimulator({ jobs, rateLimit: { limit: 1_000_000, windowMs: 300_000 } });
  const ids = jobs.map((j) => j.job.id);

  // Snapshots as the API returns the jobs (same href host as the simulator the app will talk to), so the
  // first refresh finds nothing changed — just like a restart of a real session.
  const fetchedAt = new Date().toISOString();
  const snapshots = new Map<string, Snapshot>();
  for (const id of ids) snapshots.set(id, { status: 'ok', job: sim.job(id)!, fetchedAt });
  const store = WatchStore.open({ cwd: configDir });
  // Watched on the simulator's platform: jobs of a platform the app has no token for are never polled.
  store.add(ids, { endpoint: normalizeEndpoint(sim.url), snapshots });
  store.flush();
  store.close();

  const activeIds = ids.filter((id) => !isFinalState(snapshots.get(id)?.job?.state));
  const finalIds = ids.filter((id) => isFinalState(snapshots.get(id)?.job?.state));
  if (activeIds.length !== ACTIVE)
    throw new Error(`fixture: ${activeIds.length} active jobs, wanted ${ACTIVE}`);

  return {
    root,
    configDir,
    jobs,
    ids,
    activeIds,
    finalIds,
    sim,
    copyConfig(name: string) {
      const dir = path.join(root, name);
      fs.cpSync(configDir, dir, { recursive: true });
      return dir;
    },
  };
}

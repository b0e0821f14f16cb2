// Issue 15's figures at biobank scale, beside the 10,000-job ones of the same run: 100,000 COMPLETED and 300
// RUNNING jobs saved with their snapshots, launched in a real pty; the saves while 300 jobs change; `add -`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { manyJobs } from '../src/demo/seed.js';
import { type Simulator, startSimulator } from '../src/demo/simulator.js';
import type { SimJob } from '../src/demo/types.js';
import type { Snapshot } from '../src/store/types.js';
import { WatchStore } from '../src/store/watch-store.js';
import { TOKEN } from './fixture.js';
import { PtySession, statusKb } from './pty.js';
import { median, sleep, until } from './report.js';
import { appEnv } from './terminal.js';

export const BIG = 100_300;
export const BIG_ACTIVE = 300;
const LAUNCHES = 6;

export interface BigFixture {
  root: string;
  configDir: string;
  jobs: SimJob[];
  sim: Simulator;
}

export async function makeBigFixture(root: string): Promise<BigFixture> {
  const jobs = manyJobs(BIG, BIG_ACTIVE, Date.now());
  const sim = await startSimulator({ jobs, rateLimit: { limit: 1_000_000, windowMs: 300_000 } });
  const fetchedAt = new Date().toISOString();
  const snaps = new Map<string, Snapshot>(
    jobs.map((j) => [j.job.id, { status: 'ok', job: sim.job(j.job.id)!, fetchedAt }]),
  );
  const configDir = path.join(root, 'config-100k');
  const store = WatchStore.open({ cwd: configDir });
  store.add([...snaps.keys()], { endpoint: sim.url, snapshots: snaps });
  store.close();
  return { root, configDir, jobs, sim };
}

export interface BigTerminal {
  launchMs: number[];
  coldLaunchMs: number;
  /** Launches with the open cache deleted first (after a crash, or a list another program wrote). */
  uncachedLaunchMs: number[];
  rssMb: number;
  peakRssMb: number;
}

const UNCACHED_LAUNCHES = 3;

/**
 * Launches of the built CLI on the 100,300-job list until the first frame (1/100300 selected): each quits
 * with q, leaving the open cache for the next; then launches with that cache deleted first.
 */
export async function bigTerminal(fix: BigFixture, cliPath: string): Promise<BigTerminal> {
  const env = appEnv(fix.root, fix.sim.url);
  const argv = [process.execPath, cliPath, '--config-dir', fix.configDir];
  const first = new RegExp(`(?<![0-9])1/${BIG}(?![0-9])`);
  const launchMs: number[] = [];
  const uncachedLaunchMs: number[] = [];
  let rssMb = Number.NaN;
  let peakRssMb = Number.NaN;
  // Making the fixture left this process collecting 100,000 jobs' garbage on the other core: let it settle,
  // or the first launches share the machine with it.
  await sleep(3000);
  for (let i = 0; i < LAUNCHES + UNCACHED_LAUNCHES; i++) {
    const cached = i < LAUNCHES;
    if (!cached) fs.rmSync(path.join(fix.configDir, 'watchlist.cache'));
    const s = new PtySession(argv, env, 120, 40, cliPath);
    try {
      const frame = await s.waitFor(first, 0, 20_000);
      if (!frame) throw new Error(`100k launch ${i + 1}: no frame with 1/${BIG} within 20 s`);
      (cached ? launchMs : uncachedLaunchMs).push(frame.at - s.spawnedAt);
      if (i === LAUNCHES - 1) {
        const bulk0 = fix.sim.stats.bulkGets;
        await until(() => fix.sim.stats.bulkGets - bulk0 >= 3, 15_000);
        await sleep(3000);
        const pid = await s.nodePid();
        rssMb = statusKb(pid, 'VmRSS') / 1024;
        peakRssMb = statusKb(pid, 'VmHWM') / 1024;
      }
    } finally {
      await s.stop();
    }
  }
  return { coldLaunchMs: launchMs[0]!, launchMs: launchMs.slice(1), uncachedLaunchMs, rssMb, peakRssMb };
}

export const median100k = (t: BigTerminal) => median(t.launchMs);

/**
 * What the store writes while the 300 active jobs change state for ~20 s: four refreshes at the default
 * 5 s interval, each changing all 300 and saved (the debounced write, flushed here).
 */
export function bytesWhileChanging(fix: BigFixture): { bytes: number; refreshes: number; saves: number } {
  const dir = path.join(fix.root, 'config-100k-changes');
  fs.cpSync(fix.configDir, dir, { recursive: true });
  const store = WatchStore.open({ cwd: dir });
  try {
    const active = store.ids().filter((id) => {
      const state = store.summary(id)?.state;
      return state === 'RUNNING' || state === 'PENDING';
    });
    const before = store.bytesWritten;
    const writes = store.writes;
    const states = ['RUNNING', 'PENDING', 'RUNNING', 'COMPLETED'];
    for (const [n, state] of states.entries()) {
      const fetchedAt = new Date(Date.now() + n * 5000).toISOString();
      const changed = new Map<string, Snapshot>();
      for (const id of active) {
        const s = store.snapshot(id)!;
        changed.set(id, { ...s, job: { ...s.job!, state }, fetchedAt });
      }
      store.putSnapshots(changed);
      store.flush();
    }
    return { bytes: store.bytesWritten - before, refreshes: states.length, saves: store.writes - writes };
  } finally {
    store.close();
  }
}

/** `sbexport-tui add -` of every ID of the fixture into an empty list, in a fresh process. */
export function addFromStdin(fix: BigFixture, cliPath: string): { seconds: number; watched: number } {
  const dir = path.join(fix.root, 'config-100k-add');
  const input = `${fix.jobs.map((j) => j.job.id).join('\n')}\n`;
  const env = { ...process.env, HOME: fix.root, SB_AUTH_TOKEN: TOKEN, SB_API_ENDPOINT: fix.sim.url };
  const t = performance.now();
  execFileSync(process.execPath, [cliPath, '--config-dir', dir, 'add', '-'], { input, env, stdio: 'pipe' });
  const seconds = (performance.now() - t) / 1000;
  const store = WatchStore.open({ cwd: dir });
  const watched = store.size;
  store.close();
  return { seconds, watched };
}

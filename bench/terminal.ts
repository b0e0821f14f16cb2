// Figures of the built CLI in a 120×40 pseudo-terminal: launch, keys, idle CPU, memory, screen clears.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ACTIVE, CALLS_PER_CYCLE, type Fixture, TOKEN, WATCHED } from './fixture.js';
import { cpuSeconds, PtySession, statusKb } from './pty.js';
import { median, sleep, until } from './report.js';

export const COLS = 120;
export const ROWS = 40;
const DOWN = '\u001B[B';
const KEYS = 200;
const IDLE_MS = 10_000;
const BARE_STARTS = 5;
const position = (n: number) => new RegExp(`(?<![0-9])${n}/${WATCHED}(?![0-9])`);
const CLEAR_SCREEN = '\u001B[2J';

export interface TerminalFigures {
  /** Launches after the first, which found the code cache the first one left (src/launcher.ts). */
  launchMs: number[];
  /** The first launch: nothing cached yet, as after installing or updating. */
  coldLaunchMs: number;
  /** Whether the first launch left a code cache for the others. */
  codeCacheWritten: boolean;
  launchBaselineMs: number | undefined;
  firstFrameFromSnapshots: boolean;
  requestsBeforeFirstFrame: number[];
  keysMs: number | undefined;
  idleCpuPercent: number;
  idleSeconds: number;
  idleBytesPerSecond: number;
  idleRefreshes: number;
  rssMb: number;
  peakRssMb: number;
  clearsAfterFirstFrame: number;
  refreshesAfterFirstFrame: number;
}

const live = new Set<PtySession>();

/** The app's code caches under the fixture's home (no XDG_CACHE_HOME is set: ~/.cache). */
function cacheFiles(fix: Fixture): string[] {
  const dir = path.join(fix.root, '.cache', 'sbexport-tui');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache')) : [];
}

/** For the bench's signal handler: end every app still running. */
export async function stopAllSessions(): Promise<void> {
  await Promise.all([...live].map((s) => s.stop()));
}

function open(argv: string[], env: NodeJS.ProcessEnv, marker: string): PtySession {
  const s = new PtySession(argv, env, COLS, ROWS, marker);
  live.add(s);
  return s;
}

async function close(s: PtySession): Promise<void> {
  await s.stop();
  live.delete(s);
}

/** Only what the app needs: no CI (Ink would hold every frame back), no real HOME or config. */
export function appEnv(root: string, endpoint: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: root,
    XDG_CONFIG_HOME: path.join(root, 'xdg'),
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    SB_AUTH_TOKEN: TOKEN,
    SB_API_ENDPOINT: endpoint,
  };
}

export async function terminalFigures(
  fix: Fixture,
  cliPath: string,
  launches: number,
): Promise<TerminalFigures> {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('the terminal figures need `script` from util-linux (Debian: bsdutils)');
  }
  const { sim } = fix;
  const env = appEnv(fix.root, sim.url);
  const argv = [process.execPath, cliPath, '--config-dir', fix.configDir];
  const callsPerCycle = CALLS_PER_CYCLE;

  // What the pty, the shell and a bare node cost before any app code runs (median of a few: one start
  // alone is as noisy as the launches it is compared with).
  const bareMs: number[] = [];
  for (let i = 0; i < BARE_STARTS; i++) {
    const bare = open([process.execPath, '-e', 'process.stdout.write("bench-ready")'], env, '-e');
    const ready = await bare.waitFor(/bench-ready/, 0, 10_000);
    if (ready) bareMs.push(ready.at - bare.spawnedAt);
    await close(bare);
  }
  const launchBaselineMs = bareMs.length > 0 ? median(bareMs) : undefined;

  const launchMs: number[] = [];
  const requestsBeforeFirstFrame: number[] = [];
  let firstFrameFromSnapshots = true;
  let codeCacheWritten = false;
  let session: PtySession | undefined;
  let firstFrameEnd = 0;
  let bulkAtFirstFrame = 0;
  for (let i = 0; i < launches; i++) {
    const bulkBefore = sim.stats.bulkGets;
    const s = open(argv, env, cliPath);
    const first = await s.waitFor(position(1), 0, 10_000);
    if (!first) {
      await close(s);
      throw new Error(`launch ${i + 1}: no frame with 1/${WATCHED} within 10 s`);
    }
    launchMs.push(first.at - s.spawnedAt);
    requestsBeforeFirstFrame.push(sim.stats.bulkGets - bulkBefore);
    // The counts in that same frame prove it was drawn from the saved snapshots.
    if (!s.output.slice(0, first.end).includes(`${WATCHED - ACTIVE}/${WATCHED} final`))
      firstFrameFromSnapshots = false;
    // Let the first refresh finish (the app is then fully up) before quitting or measuring more.
    await until(() => sim.stats.bulkGets - bulkBefore >= callsPerCycle, 10_000);
    if (i < launches - 1) await close(s);
    if (i === 0) codeCacheWritten = cacheFiles(fix).length > 0;
    else {
      session = s;
      firstFrameEnd = first.end;
      bulkAtFirstFrame = bulkBefore;
    }
  }
  const s = session!;
  try {
    const pid = await s.nodePid();
    await sleep(300);

    const from = s.output.length;
    const sentAt = performance.now();
    s.write(DOWN.repeat(KEYS));
    const moved = await s.waitFor(position(KEYS + 1), from, 15_000);
    const keysMs = moved ? moved.at - sentAt : undefined;

    await sleep(500);
    const cpu0 = cpuSeconds(pid);
    const t0 = performance.now();
    const bytes0 = Buffer.byteLength(s.output);
    const bulk0 = sim.stats.bulkGets;
    await sleep(IDLE_MS);
    const cpu1 = cpuSeconds(pid);
    const t1 = performance.now();
    const idleSeconds = (t1 - t0) / 1000;
    const rssMb = statusKb(pid, 'VmRSS') / 1024;
    const peakRssMb = statusKb(pid, 'VmHWM') / 1024;
    const after = s.output.slice(firstFrameEnd);
    return {
      coldLaunchMs: launchMs[0]!,
      launchMs: launchMs.slice(1),
      codeCacheWritten,
      launchBaselineMs,
      firstFrameFromSnapshots,
      requestsBeforeFirstFrame,
      keysMs,
      idleCpuPercent: ((cpu1 - cpu0) / idleSeconds) * 100,
      idleSeconds,
      idleBytesPerSecond: (Buffer.byteLength(s.output) - bytes0) / idleSeconds,
      idleRefreshes: Math.floor((sim.stats.bulkGets - bulk0) / callsPerCycle),
      rssMb,
      peakRssMb,
      clearsAfterFirstFrame: after.split(CLEAR_SCREEN).length - 1,
      refreshesAfterFirstFrame: Math.floor((sim.stats.bulkGets - bulkAtFirstFrame) / callsPerCycle),
    };
  } finally {
    await close(s);
  }
}

// A soak: the whole stack (simulator over HTTP → client → poller → store → UI)
// under a rotating mix of faults, with keys being pressed all along. Nothing may
// crash, no watched ID may be lost, and memory must not keep growing.
// SOAK_SECONDS sets the length (default 30); however short, the run goes on until it has the heap samples the
// memory check needs (MIN_SAMPLES, one per second or so).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { render } from 'ink-testing-library';
import { expect, it } from 'vitest';
import { manyJobs } from '../src/demo/seed.js';
import { type Faults, startSimulator } from '../src/demo/simulator.js';
import { SbClient } from '../src/platform/client.js';
import { WatchStore } from '../src/store/watch-store.js';
import { App } from '../src/ui/App.js';
import { Poller } from '../src/watch/poller.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 30);
if (!(SECONDS > 0))
  throw new Error(`SOAK_SECONDS must be a positive number of seconds, not ${process.env.SOAK_SECONDS}`);
/** Two early and two late samples, never the same ones. */
const MIN_SAMPLES = 4;
/** Fault steps (of five keys, ~¼ s) between heap samples. */
const SAMPLE_EVERY = 4;
/** Hang guard for "wait until" checks: nothing asserted depends on it. */
const GUARD_MS = 60_000;

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + GUARD_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`soak: never saw ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};

// Each step of the rotation: one fault (or none) for a quarter of a second.
const FAULTS: Array<Partial<Faults>> = [
  {},
  { serverError: 500 },
  { htmlBody: true },
  { truncatedJson: true },
  { garbageBody: true },
  { stallMs: 400 },
  { hangUp: true },
  { maintenance: true },
  { rateLimited: true, resetInSeconds: 1 },
  { omitRateLimitHeaders: true },
  { auth: true },
  {},
];
const KEYS = [
  'j',
  'k',
  '\u001B[B',
  '\u001B[6~',
  '\r',
  '\u001B',
  's',
  'S',
  '/',
  'x',
  '\u001B',
  'G',
  'g',
  '?',
  'q',
  'r',
];

it(`survives ${SECONDS} s of mixed faults with a few hundred jobs`, {
  timeout: (Math.max(SECONDS, (MIN_SAMPLES * SAMPLE_EVERY) / 4) + (3 * GUARD_MS) / 1000) * 1000,
}, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-soak-'));
  const jobs = manyJobs(300, 150, Date.now());
  const ids = jobs.map((j) => j.job.id);
  const sim = await startSimulator({ jobs, rateLimit: { limit: 1_000_000, windowMs: 300_000 } });
  const store = WatchStore.open({ cwd: dir, debounceMs: 20 });
  store.add(ids);
  const client = new SbClient({ endpoint: sim.url, token: 'soak-token-not-secret', timeoutMs: 200 });
  const poller = new Poller({
    target: store,
    client,
    intervalMs: 30,
    maintenanceBaseMs: 50,
    maintenanceCapMs: 200,
    backoffCapMs: 200,
    rateLimitBaseMs: 50,
  });
  const app = render(
    <App
      store={store}
      poller={poller}
      services={{ copy() {}, bell() {} }}
      platform="soak"
      onQuit={() => {}}
    />,
  );
  poller.start();

  const heap: number[] = [];
  const end = Date.now() + SECONDS * 1000;
  let step = 0;
  while (Date.now() < end || heap.length < MIN_SAMPLES) {
    const fault = FAULTS[step % FAULTS.length]!;
    for (const key of Object.keys(sim.faults) as Array<keyof Faults>) delete sim.faults[key];
    Object.assign(sim.faults, fault);
    if (!fault.auth) poller.resume();
    for (let i = 0; i < 5; i++) {
      app.stdin.write(KEYS[(step * 5 + i) % KEYS.length]!);
      await new Promise((r) => setTimeout(r, 50));
    }
    if (step % SAMPLE_EVERY === SAMPLE_EVERY - 1) heap.push(heapMb());
    step++;
  }
  for (const key of Object.keys(sim.faults) as Array<keyof Faults>) delete sim.faults[key];
  poller.resume();

  // Faults gone: polling resumes by itself (back-offs here are capped at 200 ms).
  const sentBefore = sim.stats.requests;
  await until(() => sim.stats.requests >= sentBefore + 3, 'polling resume after the faults');

  // Still alive and drawing (close whatever prompt or pane the keys left open), and
  // every ID still watched, in memory and on disk.
  await until(() => {
    if (/\d+\/300/.test(app.lastFrame() ?? '')) return true;
    app.stdin.write('\u001B');
    return false;
  }, 'the table frame (n/300) again');
  expect([...store.ids()].sort()).toEqual([...ids].sort());
  store.flush();
  const reopened = WatchStore.open({ cwd: dir });
  expect(reopened.ids()).toHaveLength(300);
  reopened.close();

  // Memory steady: the last samples are not far above the early ones.
  expect(heap.length).toBeGreaterThanOrEqual(MIN_SAMPLES);
  const early = Math.min(...heap.slice(0, 2));
  const late = Math.max(...heap.slice(-2));
  console.log(
    `soak: ${step} fault steps, ${sim.stats.requests} requests, heap ${heap.map((h) => h.toFixed(1)).join(' → ')} MB`,
  );
  expect(late - early).toBeLessThan(25);

  app.unmount();
  await poller.stop();
  store.close();
  await client.close();
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/demo/simulator.js';
import { isFinalState } from '../../src/platform/types.js';
import { WatchStore } from '../../src/store/watch-store.js';
import { Poller } from '../../src/watch/poller.js';
import { client, ids, job, simJobs } from './helpers.js';
import { Driver, VirtualClock } from './virtual-clock.js';

const INTERVAL = 5000;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

describe('Poller with the real WatchStore across a restart', () => {
  it('polls until every job is final, then a restarted poller sends nothing for them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbexport-watch-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const done = ids('D', 120);
    const moving = ids('M', 40);
    const clock = new VirtualClock();
    const now = () => clock.now();
    const sim = await startSimulator({
      jobs: [
        ...simJobs(done, 'COMPLETED'),
        ...moving.map((id) => ({ job: job(id, 'PENDING'), runningAfterMs: 6000, finishAfterMs: 16_000 })),
      ],
      rateLimit: { limit: 1_000_000, windowMs: 300_000 },
      now,
    });
    const c = client(sim.url, undefined, now);
    cleanups.push(async () => {
      await c.close();
      await sim.close();
    });

    // First run: nothing cached, everything asked for until final (PENDING, RUNNING, then COMPLETED).
    const store = WatchStore.open({ cwd: dir, debounceMs: 10 });
    store.add([...done, ...moving]);
    const first = new Poller({ target: store, client: c, intervalMs: INTERVAL, clock });
    const seen = new Set<string>();
    store.subscribe(() => {
      for (const id of moving) seen.add(store.snapshot(id)?.job?.state ?? 'none');
    });
    first.start();
    const drive = new Driver(clock, first);
    await drive.until(
      () => store.ids().every((id) => isFinalState(store.snapshot(id)?.job?.state)),
      'all final',
    );
    expect([...seen].sort()).toEqual(['COMPLETED', 'PENDING', 'RUNNING']);
    expect(first.status().cycles).toBe(5); // at 0, 5, 10, 15 s, and 20 s, which sees them finished (at 16 s)
    await first.stop();
    store.close();
    for (const id of done) expect(sim.stats.idsRequested.get(id)).toBe(1);

    // Restart: snapshots come from the file; no request at all until something new is watched.
    sim.resetStats();
    const again = WatchStore.open({ cwd: dir, debounceMs: 10 });
    cleanups.push(() => again.close());
    expect(again.ids()).toHaveLength(160);
    const second = new Poller({ target: again, client: c, intervalMs: INTERVAL, clock });
    cleanups.push(() => second.stop());
    second.start();
    const drive2 = new Driver(clock, second);
    await drive2.steps(6);
    expect(sim.stats.requests).toBe(0);

    const [fresh] = ids('N', 1) as [string];
    sim.addJobs(simJobs([fresh], 'RUNNING'));
    again.add([fresh]);
    second.refreshNow();
    await drive2.until(() => again.snapshot(fresh)?.job?.state === 'RUNNING', 'new job polled', 1);
    expect([...sim.stats.idsRequested.keys()]).toEqual([fresh]);
    expect(sim.stats.singleGets).toBe(0);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/demo/simulator.js';
import { isFinalState } from '../../src/platform/types.js';
import { WatchStore } from '../../src/store/watch-store.js';
import { Poller } from '../../src/watch/poller.js';
import { client, elapse, ids, job, simJobs, waitFor } from './helpers.js';

const INTERVAL = 40;
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
    const sim = await startSimulator({
      jobs: [
        ...simJobs(done, 'COMPLETED'),
        ...moving.map((id) => ({ job: job(id, 'PENDING'), runningAfterMs: 50, finishAfterMs: 300 })),
      ],
      rateLimit: { limit: 1_000_000, windowMs: 300_000 },
    });
    const c = client(sim.url);
    cleanups.push(async () => {
      await c.close();
      await sim.close();
    });

    // First run: nothing cached, everything asked for until final.
    const store = WatchStore.open({ cwd: dir, debounceMs: 10 });
    store.add([...done, ...moving]);
    const first = new Poller({ target: store, client: c, intervalMs: INTERVAL });
    first.start();
    await waitFor(() => store.ids().every((id) => isFinalState(store.snapshot(id)?.job?.state)), 'all final');
    await first.stop();
    store.close();
    for (const id of done) expect(sim.stats.idsRequested.get(id)).toBe(1);

    // Restart: snapshots come from the file; no request at all until something new is watched.
    sim.resetStats();
    const again = WatchStore.open({ cwd: dir, debounceMs: 10 });
    cleanups.push(() => again.close());
    expect(again.ids()).toHaveLength(160);
    const second = new Poller({ target: again, client: c, intervalMs: INTERVAL });
    cleanups.push(() => second.stop());
    second.start();
    await elapse(INTERVAL * 6);
    expect(sim.stats.requests).toBe(0);

    const [fresh] = ids('N', 1) as [string];
    sim.addJobs(simJobs([fresh], 'RUNNING'));
    again.add([fresh]);
    second.refreshNow();
    await waitFor(() => again.snapshot(fresh)?.job?.state === 'RUNNING', 'new job polled');
    expect([...sim.stats.idsRequested.keys()]).toEqual([fresh]);
    expect(sim.stats.singleGets).toBe(0);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { type SimJob, type Simulator, startSimulator } from '../../src/demo/simulator.js';
import type { SbClient } from '../../src/platform/client.js';
import { Poller, type PollerOptions, type PollerStatus } from '../../src/watch/poller.js';
import {
  client,
  elapse,
  ids,
  job,
  MemoryTarget,
  simJobs,
  snapshotOf,
  timedSource,
  waitFor,
} from './helpers.js';

const INTERVAL = 60;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

interface Rig {
  sim: Simulator;
  client: SbClient;
  target: MemoryTarget;
  poller: Poller;
  statuses: PollerStatus[];
  calls: number[];
}

async function rig(
  jobs: SimJob[],
  watched: readonly string[],
  opts: Partial<PollerOptions> & { timeoutMs?: number; snapshots?: MemoryTarget['snaps'] } = {},
): Promise<Rig> {
  // A roomy rate limit: at these short intervals the platform's 1000 / 5 min would make the budget pace cycles
  // (budget.test.ts covers that on purpose).
  const sim = await startSimulator({ jobs, rateLimit: { limit: 1_000_000, windowMs: 300_000 } });
  const c = client(sim.url, opts.timeoutMs);
  const source = timedSource(c);
  const target = new MemoryTarget(watched, opts.snapshots ?? []);
  const poller = new Poller({ intervalMs: INTERVAL, random: () => 0.5, ...opts, target, source });
  const statuses: PollerStatus[] = [];
  poller.subscribe((s) => statuses.push(s));
  cleanups.push(async () => {
    await poller.stop();
    await c.close();
    await sim.close();
  });
  return { sim, client: c, target, poller, statuses, calls: source.calls };
}

const requested = (sim: Simulator, id: string) => sim.stats.idsRequested.get(id) ?? 0;

describe('Poller: what it asks for', () => {
  it('never asks again for a job once it is final', async () => {
    const [done, failed, running] = ids('f', 3) as [string, string, string];
    const { sim, target, poller } = await rig(
      [{ job: job(done, 'COMPLETED') }, { job: job(failed, 'FAILED') }, { job: job(running, 'RUNNING') }],
      [done, failed, running],
    );
    poller.start();
    await waitFor(() => poller.status().cycles >= 4, '4 cycles');
    expect(requested(sim, done)).toBe(1);
    expect(requested(sim, failed)).toBe(1);
    expect(requested(sim, running)).toBeGreaterThanOrEqual(4);

    sim.setJobState(running, 'COMPLETED');
    await waitFor(() => target.state(running) === 'COMPLETED', 'running job seen COMPLETED');
    const bulkGets = sim.stats.bulkGets;
    await waitFor(() => poller.status().activeCount === 0, 'nothing left to poll');
    await elapse(INTERVAL * 5);
    expect(sim.stats.bulkGets).toBe(bulkGets);
    expect(requested(sim, done)).toBe(1);
    expect(requested(sim, failed)).toBe(1);
    expect(sim.stats.singleGets).toBe(0);
  });

  it('after a restart, sends nothing for jobs whose cached snapshot is final', async () => {
    const finals = ids('c', 120);
    const active = ids('a', 3);
    const jobs = [...simJobs(finals, 'COMPLETED'), ...simJobs(active, 'RUNNING')];
    const cache = finals.map((id, i) => [id, snapshotOf(job(id, i % 2 ? 'COMPLETED' : 'FAILED'))] as const);
    const { sim, poller } = await rig(jobs, [...finals, ...active], { snapshots: new Map(cache) });
    poller.start();
    await waitFor(() => poller.status().cycles >= 3, '3 cycles');
    for (const id of finals) expect(requested(sim, id)).toBe(0);
    for (const id of active) expect(requested(sim, id)).toBeGreaterThanOrEqual(3);
    expect(sim.stats.bulkGets).toBe(poller.status().cycles);
  });

  it('with nothing due, sends no request at all', async () => {
    const finals = ids('d', 10);
    const cache = finals.map((id) => [id, snapshotOf(job(id, 'COMPLETED'))] as const);
    const { sim, poller } = await rig(simJobs(finals, 'COMPLETED'), finals, { snapshots: new Map(cache) });
    poller.start();
    await elapse(INTERVAL * 6);
    expect(sim.stats.requests).toBe(0);
    expect(poller.status().activeCount).toBe(0);
  });

  it('polls 250 active jobs with exactly ceil(250/100) bulk calls per cycle and no single GET', async () => {
    const active = ids('b', 250);
    const { sim, client: c, poller } = await rig(simJobs(active, 'RUNNING'), active);
    const perCycle: [number, number][] = [];
    poller.subscribe((s) => perCycle.push([s.cycles, sim.stats.bulkGets]));
    poller.start();
    await waitFor(() => poller.status().cycles >= 3, '3 cycles');
    await poller.stop();
    expect(sim.stats.bulkGets).toBe(3 * poller.status().cycles);
    for (const [cycles, bulkGets] of perCycle) if (cycles > 0) expect(bulkGets).toBe(3 * cycles);
    expect(sim.stats.singleGets).toBe(0);
    expect(c.stats.singleGets).toBe(0);
    expect(poller.status().activeCount).toBe(250);
    expect(poller.status().requests).toBe(sim.stats.bulkGets);
  });

  it('writes only changed snapshots, in one call per cycle', async () => {
    const active = ids('w', 150);
    const { sim, target, poller } = await rig(simJobs(active, 'RUNNING'), active);
    poller.start();
    await waitFor(() => poller.status().cycles >= 3, '3 cycles');
    // First cycle: all 150 new, in one write although they came in two bulk calls. Nothing changed since.
    expect(target.writes.length).toBe(1);
    expect(target.writes[0]?.size).toBe(150);

    const moved = active[7]!;
    sim.setJobState(moved, 'COMPLETED');
    await waitFor(() => target.state(moved) === 'COMPLETED', 'change picked up');
    expect(target.writes.length).toBe(2);
    expect([...target.writes[1]!.keys()]).toEqual([moved]);
  });

  it('does not emit status for cycles where nothing visible changed, beyond one emit per cycle', async () => {
    const active = ids('e', 5);
    const { poller, statuses } = await rig(simJobs(active, 'RUNNING'), active);
    poller.start();
    await waitFor(() => poller.status().cycles >= 5, '5 cycles');
    await poller.stop();
    expect(statuses.length).toBeLessThanOrEqual(poller.status().cycles + 1);
    expect(statuses.at(-1)?.lastSuccessAt).toBeDefined();
  });
});

describe('Poller: item errors in a bulk reply', () => {
  it('marks a nonexistent job NOT FOUND, keeps the row, and stops asking for it', async () => {
    const [real, ghost] = ids('n', 2) as [string, string];
    const { sim, target, poller } = await rig(simJobs([real], 'RUNNING'), [real, ghost]);
    poller.start();
    await waitFor(() => target.snapshot(ghost)?.status === 'not-found', 'not-found snapshot');
    expect(target.snapshot(ghost)?.error?.code).toBe(9008);
    await waitFor(() => poller.status().cycles >= 4, '4 cycles');
    expect(requested(sim, ghost)).toBe(1);
    expect(target.ids()).toEqual([real, ghost]);
  });

  it('marks a 403 item NO ACCESS with the API message', async () => {
    const [mine, theirs] = ids('p', 2) as [string, string];
    const { sim, target, poller } = await rig(simJobs([mine, theirs], 'RUNNING'), [mine, theirs]);
    sim.faults.itemErrors = {
      [theirs]: { status: 403, code: 9005, message: 'Insufficient privileges to access the export job.' },
    };
    poller.start();
    await waitFor(() => target.snapshot(theirs)?.status === 'no-access', 'no-access snapshot');
    expect(target.snapshot(theirs)?.error?.message).toMatch(/Insufficient privileges/);
    expect(target.snapshot(mine)?.status).toBe('ok');
  });

  it('keeps the old snapshot on another item error and flashes it', async () => {
    const [a, b] = ids('i', 2) as [string, string];
    const { sim, target, poller } = await rig(simJobs([a, b], 'RUNNING'), [a, b]);
    poller.start();
    await waitFor(() => target.state(b) === 'RUNNING', 'first snapshot');
    const before = target.snapshot(b);
    sim.faults.itemErrors = { [b]: { status: 500, message: 'Internal error while reading the job.' } };
    await waitFor(() => poller.status().flash?.message.includes(b) === true, 'item error flash');
    expect(poller.status().flash?.message).toMatch(/HTTP 500: Internal error/);
    expect(target.snapshot(b)).toBe(before);

    sim.faults.itemErrors = {};
    await waitFor(() => poller.status().flash === undefined, 'flash cleared by a clean cycle');
  });

  it('refreshNow([id]) asks again for a final or not-found job the user picked', async () => {
    const [done, ghost] = ids('r', 2) as [string, string];
    const { sim, target, poller } = await rig(simJobs([done], 'COMPLETED'), [done, ghost]);
    poller.start();
    await waitFor(() => target.snapshot(ghost)?.status === 'not-found', 'ghost not found');
    await elapse(INTERVAL * 3);
    expect(requested(sim, done)).toBe(1);

    sim.setJobState(done, 'FAILED', {
      status: 409,
      code: 9107,
      message: 'Location already contains a file.',
    });
    sim.addJobs(simJobs([ghost], 'PENDING'));
    poller.refreshNow([done, ghost]);
    await waitFor(() => requested(sim, done) === 2 && requested(sim, ghost) === 2, 'explicit refresh');
    await waitFor(() => target.state(done) === 'FAILED' && target.state(ghost) === 'PENDING', 'rows updated');
    expect(target.snapshot(ghost)?.status).toBe('ok');
  });
});

describe('Poller: faults', () => {
  it('401 shows the auth banner and pauses polling until a refresh', async () => {
    const active = ids('u', 3);
    const { sim, target, poller } = await rig(simJobs(active, 'RUNNING'), active, {
      label: 'profile default',
    });
    sim.faults.auth = true;
    poller.start();
    await waitFor(() => poller.status().banner?.kind === 'auth', 'auth banner');
    const status = poller.status();
    expect(status.banner?.message).toMatch(/Token rejected by profile default/);
    expect(status.banner?.message).not.toContain('test-token-not-secret');
    expect(status.paused).toBe(true);
    expect(status.stale).toBe(true);
    const requests = sim.stats.requests;
    await elapse(INTERVAL * 8);
    expect(sim.stats.requests).toBe(requests);
    expect(target.ids()).toEqual(active);

    sim.faults.auth = false;
    poller.refreshNow();
    await waitFor(
      () => poller.status().banner === undefined && target.state(active[0]!) === 'RUNNING',
      'resumed',
    );
    expect(poller.status().paused).toBe(false);
    await waitFor(() => sim.stats.requests >= requests + 3, 'regular polling again');
  });

  it('429 sends nothing until the reset time, then resumes and clears the banner', async () => {
    const active = ids('l', 3);
    const { sim, poller, calls } = await rig(simJobs(active, 'RUNNING'), active);
    sim.faults.rateLimited = true;
    sim.faults.resetInSeconds = 1;
    poller.start();
    await waitFor(() => poller.status().banner?.kind === 'rate-limited', 'rate-limited banner');
    const until = poller.status().rateLimitedUntil!;
    expect(poller.status().banner?.until).toBe(until);
    expect(until).toBeGreaterThan(Date.now());
    expect(calls.length).toBe(1);
    sim.faults.rateLimited = false;
    poller.refreshNow(); // a key press must not buy a request the server would refuse
    await waitFor(() => poller.status().banner === undefined, 'banner cleared after the reset', 4000);
    expect(calls[1]).toBeGreaterThanOrEqual(until);
    expect(sim.stats.rateLimited).toBe(1);
    expect(poller.status().rateLimitedUntil).toBeUndefined();
  });

  it('429 without rate-limit headers backs off instead of retrying at once', async () => {
    const active = ids('m', 2);
    const { sim, poller, calls } = await rig(simJobs(active, 'RUNNING'), active, { rateLimitBaseMs: 150 });
    sim.faults.rateLimited = true;
    sim.faults.omitRateLimitHeaders = true;
    poller.start();
    await waitFor(() => calls.length >= 3, '3 attempts');
    const gaps = calls.slice(1).map((t, i) => t - calls[i]!);
    // Jitter fixed at 0.5: 1st wait 225 ms, 2nd 450 ms (equal jitter of base·2ⁿ).
    expect(gaps[0]).toBeGreaterThanOrEqual(200);
    expect(gaps[1]).toBeGreaterThanOrEqual(400);
    expect(poller.status().banner?.kind).toBe('rate-limited');
    sim.faults.rateLimited = false;
    await waitFor(() => poller.status().banner === undefined, 'recovered', 4000);
  });

  it('maintenance: banner, back-off growing in steps, recovery by itself', async () => {
    const active = ids('x', 2);
    const { sim, target, poller, calls } = await rig(simJobs(active, 'RUNNING'), active, {
      maintenanceBaseMs: 100,
    });
    sim.faults.maintenance = true;
    poller.start();
    await waitFor(() => calls.length >= 4, '4 attempts');
    expect(poller.status().banner?.kind).toBe('maintenance');
    expect(poller.status().banner?.message).toMatch(/maintenance/);
    const gaps = calls.slice(1, 4).map((t, i) => t - calls[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(95);
    expect(gaps[1]).toBeGreaterThanOrEqual(195);
    expect(gaps[2]).toBeGreaterThanOrEqual(395);
    expect(target.ids()).toEqual(active);
    expect(target.snaps.size).toBe(0);

    sim.faults.maintenance = false;
    await waitFor(() => poller.status().banner === undefined, 'maintenance over', 4000);
    expect(target.state(active[0]!)).toBe('RUNNING');
    expect(poller.status().stale).toBe(false);
  });

  for (const [name, fault, expected] of [
    ['500 with a JSON body', { serverError: 500 }, /^HTTP 500: Internal server error/],
    ['502 HTML gateway page', { htmlBody: true }, /^HTTP 502: <html>/],
    ['truncated JSON', { truncatedJson: true }, /^HTTP 200 \(not JSON\)/],
    ['garbage body', { garbageBody: true }, /^HTTP 200 \(not JSON\): Proxy says/],
  ] as const) {
    it(`${name}: flash with status and first words, back-off, recovery`, async () => {
      const active = ids('s', 3);
      const { sim, target, poller, calls } = await rig(simJobs(active, 'RUNNING'), active);
      poller.start();
      await waitFor(() => target.state(active[0]!) === 'RUNNING', 'first snapshot');
      const cached = new Map(target.snaps);
      Object.assign(sim.faults, fault);
      const faultAt = calls.length;
      await waitFor(() => calls.length >= faultAt + 3, '3 failed attempts');
      const status = poller.status();
      expect(status.flash?.level).toBe('error');
      expect(status.flash?.message).toMatch(expected);
      expect(status.flash?.message).not.toMatch(/[\x00-\x1f]/);
      expect(status.stale).toBe(true);
      expect(status.banner).toBeUndefined();
      const gaps = calls.slice(faultAt, faultAt + 3).map((t, i) => t - calls[faultAt + i - 1]!);
      expect(gaps[1]).toBeGreaterThanOrEqual(INTERVAL * 1.5 - 5); // 1st back-off: 1.5 × interval
      expect(gaps[2]).toBeGreaterThanOrEqual(INTERVAL * 3 - 5); // then doubling
      expect(target.snaps).toEqual(cached);

      for (const key of Object.keys(fault)) delete sim.faults[key as keyof typeof sim.faults];
      await waitFor(() => poller.status().flash === undefined && !poller.status().stale, 'recovered', 4000);
      expect(target.ids()).toEqual(active);
    });
  }

  it('a stalled server: timeout flash, rows stale, then recovery', async () => {
    const active = ids('t', 2);
    const { sim, target, poller, statuses } = await rig(simJobs(active, 'RUNNING'), active, {
      timeoutMs: 500,
    });
    poller.start();
    await waitFor(() => target.state(active[0]!) === 'RUNNING', 'first snapshot');
    sim.faults.stallMs = 2000;
    await waitFor(
      () => statuses.some((s) => s.stale && s.inFlight),
      `stale while the call hangs ${JSON.stringify(statuses.slice(-5), null, 1)}`,
    );
    await waitFor(() => /No answer/.test(poller.status().flash?.message ?? ''), 'timeout flash');
    expect(poller.status().stale).toBe(true);
    expect(target.state(active[0]!)).toBe('RUNNING');

    sim.faults.stallMs = 0;
    await waitFor(() => !poller.status().stale && poller.status().flash === undefined, 'recovered', 5000);
  });

  it('connection refused: offline banner, cached snapshots untouched, retries', async () => {
    const sim = await startSimulator();
    const url = sim.url;
    await sim.close();
    const c = client(url);
    const source = timedSource(c);
    const active = ids('o', 2);
    const cache = new Map(active.map((id) => [id, snapshotOf(job(id, 'RUNNING'))] as const));
    const target = new MemoryTarget(active, cache);
    const poller = new Poller({ target, source, intervalMs: INTERVAL, random: () => 0.5 });
    cleanups.push(async () => {
      await poller.stop();
      await c.close();
    });
    poller.start();
    await waitFor(() => poller.status().banner?.kind === 'offline', 'offline banner');
    expect(poller.status().banner?.message).toMatch(
      /Offline: Cannot reach 127\.0\.0\.1:\d+: connection refused/,
    );
    await waitFor(() => source.calls.length >= 3, 'retries');
    expect(source.calls[2]! - source.calls[1]!).toBeGreaterThanOrEqual(INTERVAL * 3 - 5);
    expect(target.writes).toEqual([]);
    expect(target.snaps).toEqual(cache);
    expect(target.ids()).toEqual(active);
  });

  it('stop() aborts a hung call and no request follows', async () => {
    const active = ids('z', 2);
    const { sim, poller } = await rig(simJobs(active, 'RUNNING'), active, { timeoutMs: 10_000 });
    sim.faults.stallMs = 8000;
    poller.start();
    await waitFor(() => poller.status().inFlight, 'call in flight');
    const t0 = Date.now();
    await poller.stop();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(poller.status().inFlight).toBe(false);
    const requests = sim.stats.requests;
    await elapse(INTERVAL * 4);
    expect(sim.stats.requests).toBe(requests);
  });

  it('a throwing target or listener does not stop polling', async () => {
    const active = ids('k', 2);
    const { target, poller } = await rig(simJobs(active, 'RUNNING'), active);
    let failWrites = 1;
    const put = target.putSnapshots.bind(target);
    target.putSnapshots = (m) => {
      if (failWrites-- > 0) throw new Error('disk full');
      put(m);
    };
    poller.subscribe(() => {
      throw new Error('listener bug');
    });
    poller.start();
    await waitFor(() => target.state(active[0]!) === 'RUNNING', 'written after the failed write');
    expect(() => poller.refreshNow(['not-watched'])).not.toThrow();
  });
});

describe('Poller: a long run of mixed faults', () => {
  it('never shrinks the list or drops a snapshot', async () => {
    const finals = ids('q', 30);
    const active = ids('y', 120);
    const watched = [...finals, ...active];
    const cache = new Map(finals.map((id) => [id, snapshotOf(job(id, 'COMPLETED'))] as const));
    const { sim, target, poller } = await rig(
      [...simJobs(finals, 'COMPLETED'), ...simJobs(active, 'RUNNING')],
      watched,
      { snapshots: cache, timeoutMs: 150, maintenanceBaseMs: 40, backoffCapMs: 200, rateLimitBaseMs: 40 },
    );
    poller.start();
    const faults = [
      { serverError: 503 },
      { maintenance: true },
      { htmlBody: true },
      { truncatedJson: true },
      { stallMs: 300 },
      { hangUp: true },
      { rateLimited: true, omitRateLimitHeaders: true },
      {},
    ];
    for (const fault of faults) {
      for (const key of Object.keys(sim.faults)) delete sim.faults[key as keyof typeof sim.faults];
      Object.assign(sim.faults, fault);
      await elapse(250);
      expect(target.ids()).toEqual(watched);
      for (const id of finals) expect(target.snapshot(id)?.job?.state).toBe('COMPLETED');
    }
    await waitFor(
      () => active.every((id) => target.state(id) === 'RUNNING') && !poller.status().stale,
      `healthy (status ${JSON.stringify(poller.status())})`,
    );
    for (const id of finals) expect(requested(sim, id)).toBe(0);
  });
});

// The poller over real HTTP against the simulator, with its timers on a virtual clock (virtual-clock.ts): the
// simulator's time is the same clock, so waits, back-offs and rate windows are exact and a busy machine cannot
// make a test pass or fail. Only a client-side timeout (undici) and a stalled reply take real time.
import { afterEach, describe, expect, it } from 'vitest';
import { type SimJob, type Simulator, startSimulator } from '../../src/demo/simulator.js';
import type { SbClient } from '../../src/platform/client.js';
import { Poller, type PollerOptions, type PollerStatus } from '../../src/watch/poller.js';
import {
  client,
  gaps,
  ids,
  job,
  MemoryTarget,
  simJobs,
  snapshotOf,
  type TimedSource,
  timedSource,
  waitFor,
} from './helpers.js';
import { Driver, VirtualClock } from './virtual-clock.js';

const INTERVAL = 5000;

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
  source: TimedSource;
  calls: number[];
  clock: VirtualClock;
  drive: Driver;
}

async function rig(
  jobs: SimJob[],
  watched: readonly string[],
  opts: Partial<PollerOptions> & { timeoutMs?: number; snapshots?: MemoryTarget['snaps'] } = {},
): Promise<Rig> {
  const clock = new VirtualClock();
  const now = () => clock.now();
  // A roomy rate limit: budget.test.ts covers the budget's pacing on purpose.
  const sim = await startSimulator({ jobs, rateLimit: { limit: 1_000_000, windowMs: 300_000 }, now });
  const c = client(sim.url, opts.timeoutMs, now);
  const source = timedSource(c, now);
  const target = new MemoryTarget(watched, opts.snapshots ?? []);
  const poller = new Poller({ intervalMs: INTERVAL, random: () => 0.5, ...opts, target, source, clock });
  const statuses: PollerStatus[] = [];
  poller.subscribe((s) => statuses.push(s));
  cleanups.push(async () => {
    await poller.stop();
    await c.close();
    await sim.close();
  });
  const drive = new Driver(clock, poller);
  return { sim, client: c, target, poller, statuses, source, calls: source.calls, clock, drive };
}

const requested = (sim: Simulator, id: string) => sim.stats.idsRequested.get(id) ?? 0;
const cyclesAtLeast = (p: Poller, n: number) => () => p.status().cycles >= n;

describe('Poller: what it asks for', () => {
  it('never asks again for a job once it is final', async () => {
    const [done, failed, running] = ids('f', 3) as [string, string, string];
    const { sim, target, poller, drive, clock } = await rig(
      [{ job: job(done, 'COMPLETED') }, { job: job(failed, 'FAILED') }, { job: job(running, 'RUNNING') }],
      [done, failed, running],
    );
    poller.start();
    await drive.until(cyclesAtLeast(poller, 4), '4 cycles');
    expect(requested(sim, done)).toBe(1);
    expect(requested(sim, failed)).toBe(1);
    expect(requested(sim, running)).toBe(4);

    sim.setJobState(running, 'COMPLETED');
    await drive.until(() => target.state(running) === 'COMPLETED', 'running job seen COMPLETED');
    const bulkGets = sim.stats.bulkGets;
    await drive.until(() => poller.status().activeCount === 0, 'nothing left to poll');
    const t = clock.now();
    await drive.steps(5);
    expect(clock.now() - t).toBe(5 * INTERVAL); // it kept ticking, and asked nothing
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
    const { sim, poller, drive } = await rig(jobs, [...finals, ...active], { snapshots: new Map(cache) });
    poller.start();
    await drive.until(cyclesAtLeast(poller, 3), '3 cycles');
    for (const id of finals) expect(requested(sim, id)).toBe(0);
    for (const id of active) expect(requested(sim, id)).toBe(3);
    expect(sim.stats.bulkGets).toBe(3);
  });

  it('with nothing due, sends no request at all', async () => {
    const finals = ids('d', 10);
    const cache = finals.map((id) => [id, snapshotOf(job(id, 'COMPLETED'))] as const);
    const { sim, poller, drive, clock } = await rig(simJobs(finals, 'COMPLETED'), finals, {
      snapshots: new Map(cache),
    });
    const t0 = clock.now();
    poller.start();
    await drive.steps(6);
    expect(clock.now() - t0).toBe(5 * INTERVAL); // six cycles ran, one interval apart
    expect(clock.nextAt()).toBe(t0 + 6 * INTERVAL);
    expect(sim.stats.requests).toBe(0);
    expect(poller.status().activeCount).toBe(0);
  });

  it('polls 250 active jobs with exactly ceil(250/100) bulk calls per cycle and no single GET', async () => {
    const active = ids('b', 250);
    const { sim, client: c, poller, drive, calls } = await rig(simJobs(active, 'RUNNING'), active);
    const perCycle: [number, number][] = [];
    poller.subscribe((s) => perCycle.push([s.cycles, sim.stats.bulkGets]));
    poller.start();
    await drive.until(cyclesAtLeast(poller, 3), '3 cycles');
    await poller.stop();
    expect(sim.stats.bulkGets).toBe(9);
    for (const [cycles, bulkGets] of perCycle) if (cycles > 0) expect(bulkGets).toBe(3 * cycles);
    // Three calls at the same moment per cycle, cycles one interval apart.
    expect(gaps(calls)).toEqual([0, 0, INTERVAL, 0, 0, INTERVAL, 0, 0]);
    expect(sim.stats.singleGets).toBe(0);
    expect(c.stats.singleGets).toBe(0);
    expect(poller.status().activeCount).toBe(250);
    expect(poller.status().requests).toBe(sim.stats.bulkGets);
  });

  it('writes only changed snapshots, in one call per cycle', async () => {
    const active = ids('w', 150);
    const { sim, target, poller, drive } = await rig(simJobs(active, 'RUNNING'), active);
    poller.start();
    await drive.until(cyclesAtLeast(poller, 3), '3 cycles');
    // First cycle: all 150 new, in one write although they came in two bulk calls. Nothing changed since.
    expect(target.writes.length).toBe(1);
    expect(target.writes[0]?.size).toBe(150);

    const moved = active[7]!;
    sim.setJobState(moved, 'COMPLETED');
    await drive.until(() => target.state(moved) === 'COMPLETED', 'change picked up');
    expect(target.writes.length).toBe(2);
    expect([...target.writes[1]!.keys()]).toEqual([moved]);
  });

  it('does not emit status for cycles where nothing visible changed, beyond one emit per cycle', async () => {
    const active = ids('e', 5);
    const { poller, statuses, drive } = await rig(simJobs(active, 'RUNNING'), active);
    poller.start();
    await drive.until(cyclesAtLeast(poller, 5), '5 cycles');
    await poller.stop();
    // The first cycle's "in flight" is visible (activeCount 0 → 5), then one forced emit per cycle.
    expect(statuses.length).toBeLessThanOrEqual(poller.status().cycles + 1);
    expect(statuses.length).toBeGreaterThanOrEqual(poller.status().cycles);
    expect(statuses.at(-1)?.lastSuccessAt).toBeDefined();
  });
});

describe('Poller: item errors in a bulk reply', () => {
  it('marks a never-seen nonexistent job NOT FOUND, keeps the row, and stops asking for it', async () => {
    const [real, ghost] = ids('n', 2) as [string, string];
    const { sim, target, poller, drive } = await rig(simJobs([real], 'RUNNING'), [real, ghost]);
    poller.start();
    await drive.until(() => target.snapshot(ghost)?.status === 'not-found', 'not-found snapshot');
    expect(target.snapshot(ghost)?.error?.code).toBe(9008);
    await drive.until(cyclesAtLeast(poller, 4), '4 cycles');
    expect(requested(sim, ghost)).toBe(1);
    expect(requested(sim, real)).toBe(4);
    expect(target.ids()).toEqual([real, ghost]);
  });

  it('a known job that later answers 404 keeps its last state, gets goneAt, and is not asked again', async () => {
    const [aging, other] = ids('g', 2) as [string, string];
    const { sim, target, poller, drive, clock } = await rig(simJobs([aging, other], 'RUNNING'), [
      aging,
      other,
    ]);
    poller.start();
    await drive.until(() => target.state(aging) === 'RUNNING', 'first snapshot');
    const known = target.snapshot(aging)!;
    sim.faults.itemErrors = {
      [aging]: { status: 404, code: 9008, message: 'Requested export job not found.' },
    };
    await drive.step();
    await drive.settle();
    const goneAt = new Date(clock.now()).toISOString();
    const gone = target.snapshot(aging)!;
    expect(gone).toEqual({ ...known, goneAt });
    expect(gone.status).toBe('ok');
    expect(gone.job?.state).toBe('RUNNING');
    expect(gone.job?.destination).toEqual(known.job?.destination);
    const asked = requested(sim, aging);
    await drive.steps(4);
    expect(requested(sim, aging)).toBe(asked);
    expect(requested(sim, other)).toBe(asked + 4);
    expect(target.snapshot(aging)?.goneAt).toBe(goneAt);

    // Only an explicit refresh asks again; still gone: goneAt stays the first time it was seen gone.
    poller.refreshNow([aging]);
    await drive.until(() => requested(sim, aging) === asked + 1, 'explicit refresh');
    expect(target.snapshot(aging)?.goneAt).toBe(goneAt);
    // Back on the platform (a transient 404): a fresh snapshot without the mark.
    sim.faults.itemErrors = {};
    poller.refreshNow([aging]);
    await drive.until(() => requested(sim, aging) === asked + 2, 'second refresh');
    expect(target.snapshot(aging)?.goneAt).toBeUndefined();
    expect(target.state(aging)).toBe('RUNNING');
  });

  it('marks a never-seen 403 item NO ACCESS; a known job answering 403 keeps its snapshot', async () => {
    const [mine, theirs, revoked] = ids('p', 3) as [string, string, string];
    const { sim, target, poller, drive } = await rig(simJobs([mine, theirs, revoked], 'RUNNING'), [
      mine,
      theirs,
      revoked,
    ]);
    const denied = { status: 403, code: 9005, message: 'Insufficient privileges to access the export job.' };
    sim.faults.itemErrors = { [theirs]: denied };
    poller.start();
    await drive.until(() => target.snapshot(theirs)?.status === 'no-access', 'no-access snapshot');
    expect(target.snapshot(theirs)?.error?.message).toMatch(/Insufficient privileges/);
    expect(target.snapshot(mine)?.status).toBe('ok');
    const known = target.snapshot(revoked)!;
    expect(known.status).toBe('ok');

    sim.faults.itemErrors = { [revoked]: denied };
    await drive.until(() => poller.status().flash?.message.includes(revoked) === true, '403 flashed');
    expect(poller.status().flash?.message).toMatch(/HTTP 403: Insufficient privileges/);
    expect(target.snapshot(revoked)).toBe(known);
  });

  it('keeps the old snapshot on another item error and flashes it', async () => {
    const [a, b] = ids('i', 2) as [string, string];
    const { sim, target, poller, drive } = await rig(simJobs([a, b], 'RUNNING'), [a, b]);
    poller.start();
    await drive.until(() => target.state(b) === 'RUNNING', 'first snapshot');
    const before = target.snapshot(b);
    sim.faults.itemErrors = { [b]: { status: 500, message: 'Internal error while reading the job.' } };
    await drive.until(() => poller.status().flash?.message.includes(b) === true, 'item error flash');
    expect(poller.status().flash?.message).toMatch(/HTTP 500: Internal error/);
    expect(target.snapshot(b)).toBe(before);

    sim.faults.itemErrors = {};
    await drive.until(() => poller.status().flash === undefined, 'flash cleared by a clean cycle');
  });

  it('refreshNow([id]) asks again for a final or not-found job the user picked', async () => {
    const [done, ghost] = ids('r', 2) as [string, string];
    const { sim, target, poller, drive, clock } = await rig(simJobs([done], 'COMPLETED'), [done, ghost]);
    poller.start();
    await drive.until(() => target.snapshot(ghost)?.status === 'not-found', 'ghost not found');
    await drive.steps(3);
    expect(requested(sim, done)).toBe(1);

    sim.setJobState(done, 'FAILED', {
      status: 409,
      code: 9107,
      message: 'Location already contains a file.',
    });
    sim.addJobs(simJobs([ghost], 'PENDING'));
    const pressedAt = clock.now();
    poller.refreshNow([done, ghost]);
    await drive.step();
    await drive.settle();
    expect(clock.now()).toBe(pressedAt); // at once, not after the interval
    expect(requested(sim, done)).toBe(2);
    expect(requested(sim, ghost)).toBe(2);
    expect(target.state(done)).toBe('FAILED');
    expect(target.state(ghost)).toBe('PENDING');
    expect(target.snapshot(ghost)?.status).toBe('ok');
  });
});

describe('Poller: faults', () => {
  it('401 shows the auth banner and pauses polling until a refresh', async () => {
    const active = ids('u', 3);
    const { sim, target, poller, drive, clock } = await rig(simJobs(active, 'RUNNING'), active, {
      label: 'profile default',
    });
    sim.faults.auth = true;
    poller.start();
    await drive.until(() => poller.status().banner?.kind === 'auth', 'auth banner');
    const status = poller.status();
    expect(status.banner?.message).toMatch(/Token rejected by profile default/);
    expect(status.banner?.message).not.toContain('test-token-not-secret');
    expect(status.paused).toBe(true);
    expect(status.stale).toBe(true);
    expect(status.nextPollAt).toBeUndefined();
    expect(clock.pending()).toBe(0); // nothing scheduled at all
    const requests = sim.stats.requests;
    clock.advanceBy(INTERVAL * 100);
    await drive.settle();
    expect(sim.stats.requests).toBe(requests);
    expect(target.ids()).toEqual(active);

    sim.faults.auth = false;
    poller.refreshNow();
    await drive.until(
      () => poller.status().banner === undefined && target.state(active[0]!) === 'RUNNING',
      'resumed',
    );
    expect(poller.status().paused).toBe(false);
    await drive.until(() => sim.stats.requests >= requests + 3, 'regular polling again');
  });

  it('429 sends nothing until the reset time, then resumes and clears the banner', async () => {
    const active = ids('l', 3);
    const { sim, poller, calls, drive, clock } = await rig(simJobs(active, 'RUNNING'), active);
    sim.faults.rateLimited = true;
    sim.faults.resetInSeconds = 40;
    poller.start();
    await drive.until(() => poller.status().banner?.kind === 'rate-limited', 'rate-limited banner');
    const until = poller.status().rateLimitedUntil!;
    expect(until).toBe(calls[0]! + 40_000);
    expect(poller.status().banner?.until).toBe(until);
    expect(calls.length).toBe(1);
    sim.faults.rateLimited = false;
    poller.refreshNow(); // a key press must not buy a request the server would refuse
    expect(clock.nextAt()).toBe(until);
    await drive.until(() => poller.status().banner === undefined, 'banner cleared after the reset');
    expect(calls[1]).toBe(until);
    expect(sim.stats.rateLimited).toBe(1);
    expect(poller.status().rateLimitedUntil).toBeUndefined();
  });

  it('429 without rate-limit headers backs off instead of retrying at once', async () => {
    const active = ids('m', 2);
    const { sim, poller, calls, drive } = await rig(simJobs(active, 'RUNNING'), active, {
      rateLimitBaseMs: 150,
    });
    sim.faults.rateLimited = true;
    sim.faults.omitRateLimitHeaders = true;
    poller.start();
    await drive.until(() => calls.length >= 3, '3 attempts');
    // Jitter fixed at 0.5: 1st wait 225 ms, 2nd 450 ms (equal jitter of base·2ⁿ).
    expect(gaps(calls)).toEqual([225, 450]);
    expect(poller.status().banner?.kind).toBe('rate-limited');
    sim.faults.rateLimited = false;
    await drive.until(() => poller.status().banner === undefined, 'recovered');
  });

  it('maintenance: banner, back-off growing in steps, recovery by itself', async () => {
    const active = ids('x', 2);
    const { sim, target, poller, calls, drive } = await rig(simJobs(active, 'RUNNING'), active, {
      maintenanceBaseMs: 60_000,
    });
    sim.faults.maintenance = true;
    poller.start();
    await drive.until(() => calls.length >= 4, '4 attempts');
    expect(poller.status().banner?.kind).toBe('maintenance');
    expect(poller.status().banner?.message).toMatch(/maintenance/);
    expect(poller.status().banner?.until).toBe(calls[3]! + 480_000);
    expect(gaps(calls)).toEqual([60_000, 120_000, 240_000]);
    expect(target.ids()).toEqual(active);
    expect(target.snaps.size).toBe(0);

    sim.faults.maintenance = false;
    await drive.until(() => poller.status().banner === undefined, 'maintenance over');
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
      const { sim, target, poller, calls, drive } = await rig(simJobs(active, 'RUNNING'), active);
      poller.start();
      await drive.until(() => target.state(active[0]!) === 'RUNNING', 'first snapshot');
      const cached = new Map(target.snaps);
      Object.assign(sim.faults, fault);
      const faultAt = calls.length;
      await drive.until(() => calls.length >= faultAt + 3, '3 failed attempts');
      const status = poller.status();
      expect(status.flash?.level).toBe('error');
      expect(status.flash?.message).toMatch(expected);
      expect(status.flash?.message).not.toMatch(/[\x00-\x1f]/);
      expect(status.stale).toBe(true);
      expect(status.banner).toBeUndefined();
      // The interval to the first failed call, then back-off 1.5 × interval, then doubling (jitter 0.5).
      expect(gaps(calls.slice(faultAt - 1, faultAt + 3))).toEqual([INTERVAL, INTERVAL * 1.5, INTERVAL * 3]);
      expect(target.snaps).toEqual(cached);

      for (const key of Object.keys(fault)) delete sim.faults[key as keyof typeof sim.faults];
      await drive.until(() => poller.status().flash === undefined && !poller.status().stale, 'recovered');
      expect(target.ids()).toEqual(active);
    });
  }

  it('a stalled server: rows stale while the call hangs, timeout flash, then recovery', async () => {
    const active = ids('t', 2);
    const { sim, target, poller, statuses, drive, clock } = await rig(simJobs(active, 'RUNNING'), active, {
      timeoutMs: 300,
    });
    poller.start();
    await drive.until(() => target.state(active[0]!) === 'RUNNING', 'first snapshot');
    // The stall outlasts the client's timeout by far: the call cannot end before the clock moves below.
    sim.faults.stallMs = 60_000;
    expect(await drive.step()).toBe(true);
    expect(poller.status().inFlight).toBe(true);
    expect(poller.status().stale).toBe(false);
    clock.advanceBy(2 * INTERVAL); // not yet
    expect(poller.status().stale).toBe(false);
    clock.advanceBy(1);
    expect(poller.status().stale).toBe(true);
    expect(statuses.at(-1)).toMatchObject({ stale: true, inFlight: true }); // told without any other event
    await waitFor(() => !poller.status().inFlight, 'the client gives up (a real 300 ms timeout)');
    expect(poller.status().flash?.message).toMatch(/No answer from 127\.0\.0\.1:\d+ within 300 ms/);
    expect(poller.status().stale).toBe(true);
    expect(target.state(active[0]!)).toBe('RUNNING');

    sim.faults.stallMs = 0;
    await drive.until(() => !poller.status().stale && poller.status().flash === undefined, 'recovered');
  });

  it('connection refused: offline banner, cached snapshots untouched, retries', async () => {
    const sim = await startSimulator();
    const url = sim.url;
    await sim.close();
    const clock = new VirtualClock();
    const c = client(url, undefined, () => clock.now());
    const source = timedSource(c, () => clock.now());
    const active = ids('o', 2);
    const cache = new Map(active.map((id) => [id, snapshotOf(job(id, 'RUNNING'))] as const));
    const target = new MemoryTarget(active, cache);
    const poller = new Poller({ target, source, intervalMs: INTERVAL, random: () => 0.5, clock });
    const drive = new Driver(clock, poller);
    cleanups.push(async () => {
      await poller.stop();
      await c.close();
    });
    poller.start();
    await drive.until(() => poller.status().banner?.kind === 'offline', 'offline banner');
    expect(poller.status().banner?.message).toMatch(
      /Offline: Cannot reach 127\.0\.0\.1:\d+: connection refused/,
    );
    await drive.until(() => source.calls.length >= 3, 'retries');
    expect(gaps(source.calls)).toEqual([INTERVAL * 1.5, INTERVAL * 3]);
    expect(poller.status().banner?.until).toBe(source.calls[2]! + INTERVAL * 6);
    expect(target.writes).toEqual([]);
    expect(target.snaps).toEqual(cache);
    expect(target.ids()).toEqual(active);
  });

  it('stop() aborts a hung call and no request follows', async () => {
    const active = ids('z', 2);
    const { sim, poller, drive, clock, source } = await rig(simJobs(active, 'RUNNING'), active, {
      timeoutMs: 600_000,
    });
    sim.faults.stallMs = 600_000;
    poller.start();
    await drive.step();
    expect(poller.status().inFlight).toBe(true);
    await poller.stop();
    // Neither the stall nor the client's timeout can have ended it: stop() aborted it.
    expect(source.outcomes).toEqual(['AbortError']);
    expect(poller.status().inFlight).toBe(false);
    expect(clock.pending()).toBe(0);
    const requests = sim.stats.requests;
    clock.advanceBy(INTERVAL * 10);
    poller.refreshNow(); // a stopped poller stays stopped
    expect(clock.pending()).toBe(0);
    expect(sim.stats.requests).toBe(requests);
  });

  it('a throwing target or listener does not stop polling or the other listeners', async () => {
    const active = ids('k', 2);
    const clock = new VirtualClock();
    const now = () => clock.now();
    const sim = await startSimulator({ jobs: simJobs(active, 'RUNNING'), now });
    const c = client(sim.url, undefined, now);
    const target = new MemoryTarget(active);
    let failWrites = 1;
    const put = target.putSnapshots.bind(target);
    target.putSnapshots = (m) => {
      if (failWrites-- > 0) throw new Error('disk full');
      put(m);
    };
    const poller = new Poller({ target, client: c, intervalMs: INTERVAL, random: () => 0.5, clock });
    const drive = new Driver(clock, poller);
    cleanups.push(async () => {
      await poller.stop();
      await c.close();
      await sim.close();
    });
    poller.subscribe(() => {
      throw new Error('listener bug');
    });
    const heard: PollerStatus[] = [];
    poller.subscribe((s) => heard.push(s));
    poller.start();
    await drive.until(() => poller.status().flash !== undefined, 'the failed write reported');
    expect(poller.status().flash?.message).toBe('Poller error: disk full');
    expect(poller.status().stale).toBe(true);
    expect(heard.at(-1)?.flash?.message).toBe('Poller error: disk full');
    expect(target.snaps.size).toBe(0);
    // The next cycle (after the back-off) writes what the failed one could not.
    const failedAt = clock.now();
    await drive.until(() => target.state(active[0]!) === 'RUNNING', 'written after the failed write');
    expect(clock.now() - failedAt).toBe(INTERVAL * 1.5);
    expect(heard.at(-1)?.flash).toBeUndefined();

    // A refresh naming an unwatched ID runs a cycle at once but never asks about that ID.
    const bulkGets = sim.stats.bulkGets;
    poller.refreshNow(['not-watched']);
    await drive.step();
    await drive.settle();
    expect(sim.stats.bulkGets).toBe(bulkGets + 1);
    expect(sim.stats.idsRequested.has('not-watched')).toBe(false);
    expect(sim.stats.lastBulkIds).toEqual(active);
  });
});

describe('Poller: a long run of mixed faults', () => {
  it('never shrinks the list or drops a snapshot', async () => {
    const finals = ids('q', 30);
    const active = ids('y', 120);
    const watched = [...finals, ...active];
    const cache = new Map(finals.map((id) => [id, snapshotOf(job(id, 'COMPLETED'))] as const));
    const { sim, target, poller, drive } = await rig(
      [...simJobs(finals, 'COMPLETED'), ...simJobs(active, 'RUNNING')],
      watched,
      { snapshots: cache, timeoutMs: 150 },
    );
    poller.start();
    const faults = [
      { serverError: 503 },
      { maintenance: true },
      { htmlBody: true },
      { truncatedJson: true },
      { stallMs: 1000 },
      { hangUp: true },
      { rateLimited: true, omitRateLimitHeaders: true },
      {},
    ];
    for (const fault of faults) {
      for (const key of Object.keys(sim.faults)) delete sim.faults[key as keyof typeof sim.faults];
      Object.assign(sim.faults, fault);
      const calls = poller.status().requests;
      await drive.until(
        () => poller.status().requests >= calls + 3,
        `3 calls under ${JSON.stringify(fault)}`,
      );
      expect(target.ids()).toEqual(watched);
      for (const id of finals) expect(target.snapshot(id)?.job?.state).toBe('COMPLETED');
    }
    await drive.until(
      () => active.every((id) => target.state(id) === 'RUNNING') && !poller.status().stale,
      `healthy (status ${JSON.stringify(poller.status())})`,
    );
    for (const id of finals) expect(requested(sim, id)).toBe(0);
  });
});

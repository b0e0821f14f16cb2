import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/demo/simulator.js';
import { errorFromResponse } from '../../src/platform/errors.js';
import type { BulkItem, ExportJob, RateLimitInfo } from '../../src/platform/types.js';
import { budgetLeft, planCycle } from '../../src/watch/budget.js';
import { Poller, type PollerStatus, type PollSource } from '../../src/watch/poller.js';
import { client, ids, jobId, MemoryTarget, simJobs, timedSource } from './helpers.js';
import { Driver, VirtualClock } from './virtual-clock.js';

const NOW = 1_700_000_000_000;
const info = (limit: number, remaining: number, inMs: number) => ({ limit, remaining, resetAt: NOW + inMs });

describe('budgetLeft', () => {
  it('is half the limit minus what the window has used', () => {
    expect(budgetLeft(info(1000, 1000, 60_000), NOW, 0.5)).toBe(500);
    expect(budgetLeft(info(1000, 700, 60_000), NOW, 0.5)).toBe(200);
    expect(budgetLeft(info(1000, 400, 60_000), NOW, 0.5)).toBe(-100);
  });

  it('is unbounded without figures; once the window has reset, the next one is taken as a fresh share', () => {
    expect(budgetLeft(undefined, NOW, 0.5)).toBe(Number.POSITIVE_INFINITY);
    expect(budgetLeft(info(1000, 0, -1), NOW, 0.5)).toBe(500);
    expect(budgetLeft(info(1000, 0, 0), NOW, 0.5)).toBe(500);
    expect(budgetLeft(info(1, 1, 60_000), NOW, 0.5)).toBe(1); // never a share of zero calls
  });
});

describe('planCycle', () => {
  it('keeps the interval when the budget is ample (300 active at 5 s on the real limit)', () => {
    // Start of a 5-min window after one 3-call cycle: 3 × 300 s / 497 ≈ 1.8 s, below a 5 s interval.
    const plan = planCycle({ rateLimit: info(1000, 997, 300_000), now: NOW, calls: 3, share: 0.5 });
    expect(plan).toEqual({ kind: 'go', calls: 3, delayMs: 1811 });
  });

  it('spreads cycles evenly over the rest of the window as the budget shrinks', () => {
    const plan = planCycle({ rateLimit: info(1000, 600, 100_000), now: NOW, calls: 10, share: 0.5 });
    // 100 left of the 500 share: 10 cycles in 100 s.
    expect(plan).toEqual({ kind: 'go', calls: 10, delayMs: 10_000 });
  });

  it('splits a cycle bigger than what is left: what fits now, the rest later', () => {
    const plan = planCycle({ rateLimit: info(1000, 505, 42_000), now: NOW, calls: 6, share: 0.5 });
    expect(plan).toEqual({ kind: 'go', calls: 5, delayMs: 0 });
    const huge = planCycle({ rateLimit: info(1000, 1000, 0), now: NOW, calls: 10_000, share: 0.5 });
    expect(huge).toEqual({ kind: 'go', calls: 500, delayMs: 0 });
  });

  it('waits for the reset when the share is spent', () => {
    const plan = planCycle({ rateLimit: info(1000, 500, 42_000), now: NOW, calls: 1, share: 0.5 });
    expect(plan).toEqual({ kind: 'wait', until: NOW + 42_000 });
  });

  it('counts other clients of the same user: remaining low means slow down before zero', () => {
    const plan = planCycle({ rateLimit: info(1000, 3, 42_000), now: NOW, calls: 1, share: 1 });
    expect(plan).toEqual({ kind: 'go', calls: 1, delayMs: 14_000 });
  });
});

/** Requests per server window from the times they left, windows rolling like the platform's (and the simulator's). */
function perWindow(times: readonly number[], windowMs: number): number[] {
  const counts: number[] = [];
  let start = Number.NEGATIVE_INFINITY;
  for (const t of times) {
    if (t >= start + windowMs) {
      start = t;
      counts.push(0);
    }
    counts[counts.length - 1]!++;
  }
  return counts;
}

describe('Poller within a real rate limit (simulator over HTTP, virtual clock)', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
  });

  it('never uses more than half the window, never gets a 429, and takes the jobs in turn', async () => {
    const limit = 20;
    const windowMs = 60_000;
    const clock = new VirtualClock();
    const now = () => clock.now();
    const watched = ids('g', 250);
    const sim = await startSimulator({
      jobs: simJobs(watched, 'RUNNING'),
      rateLimit: { limit, windowMs },
      now,
    });
    const c = client(sim.url, undefined, now);
    const source = timedSource(c, now);
    const target = new MemoryTarget(watched);
    const poller = new Poller({ target, source, intervalMs: 1000, clock });
    const drive = new Driver(clock, poller);
    const usedSeen: number[] = [];
    poller.subscribe((s) => {
      if (s.rateLimit) usedSeen.push(s.rateLimit.limit - s.rateLimit.remaining);
    });
    cleanup = async () => {
      await poller.stop();
      await c.close();
      await sim.close();
    };
    poller.start();
    await drive.until(() => source.calls.length >= 60, '60 calls: six windows', 200);
    expect(sim.stats.rateLimited).toBe(0);
    expect(Math.max(...usedSeen)).toBeLessThanOrEqual(limit / 2);
    const windows = perWindow(source.calls, windowMs);
    expect(Math.max(...windows)).toBe(limit / 2);
    expect(windows.length).toBeGreaterThanOrEqual(6);
    // 3 calls a cycle, 10 a window: cycles are spread over the window, not sent in a burst.
    expect(source.calls[3]! - source.calls[0]!).toBeGreaterThan(1000);
    // A cycle cut short resumes where it stopped: every job asked as often as every other, give or take one.
    const asked = watched.map((id) => sim.stats.idsRequested.get(id) ?? 0);
    expect(Math.max(...asked) - Math.min(...asked)).toBeLessThanOrEqual(1);
  });
});

/**
 * The platform's limit in memory: `limit` calls per window, the window starting with the first call after the
 * last one ended, a 429 past the limit. 100 IDs a call, no HTTP: 3,000 calls in no time.
 */
class WindowedSource implements PollSource {
  readonly windows: number[] = [];
  rejected = 0;
  private start = Number.NEGATIVE_INFINITY;
  private info: RateLimitInfo | undefined;

  constructor(
    private readonly clock: VirtualClock,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly stateOf: (id: string) => string,
  ) {}

  async fetchBulk(batch: string[]): Promise<BulkItem[]> {
    const now = this.clock.now();
    if (now >= this.start + this.windowMs) {
      this.start = now;
      this.windows.push(0);
    }
    // Reset times come in whole seconds, as the platform sends them.
    const resetAt = Math.ceil((this.start + this.windowMs) / 1000) * 1000;
    if (this.windows.at(-1)! >= this.limit) {
      this.rejected++;
      throw errorFromResponse(429, '{"status":429,"message":"Too many requests"}', resetAt);
    }
    this.windows[this.windows.length - 1]!++;
    this.info = { limit: this.limit, remaining: this.limit - this.windows.at(-1)!, resetAt };
    return batch.map((id) => ({ id, job: { id, state: this.stateOf(id) } as ExportJob }));
  }

  rateLimit(): RateLimitInfo | undefined {
    return this.info;
  }
}

async function firstPass(jobs: number, running: number) {
  const clock = new VirtualClock();
  const all = Array.from({ length: jobs }, (_, i) => jobId('B', i));
  const active = new Set(all.slice(0, running));
  const source = new WindowedSource(clock, 1000, 20_000, (id) => (active.has(id) ? 'RUNNING' : 'COMPLETED'));
  const target = new MemoryTarget(all);
  const poller = new Poller({ target, source, clock });
  const drive = new Driver(clock, poller);
  const statuses: PollerStatus[] = [];
  poller.subscribe((s) => statuses.push(s));
  poller.start();
  await drive.until(() => target.snaps.size === jobs, 'every job fetched once', 400);
  // And a few steady cycles after it.
  await drive.steps(5);
  await poller.stop();
  return { source, statuses, poller };
}

describe('the budget at biobank scale (an in-memory rate window, virtual clock; not timed)', () => {
  it('a 300,000-job first pass never exceeds the share in any window and says how far it has got', async () => {
    const { source, statuses } = await firstPass(300_000, 300);
    expect(source.rejected).toBe(0);
    expect(Math.max(...source.windows)).toBe(500);
    // 3,000 calls at 500 a window: six windows for the first pass.
    expect(source.windows.slice(0, 6)).toEqual([500, 500, 500, 500, 500, 500]);
    const learning = statuses.map((s) => s.learning).filter((l) => l !== undefined);
    expect(learning.length).toBeGreaterThanOrEqual(5);
    expect(learning.every((l) => l.total === 300_000)).toBe(true);
    const done = learning.map((l) => l.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done[0]).toBe(50_000);
    expect(done.at(-1)).toBe(250_000);
    expect(statuses.at(-1)?.learning).toBeUndefined();
    // Waiting for the next window is the pass's normal course: the header's progress says it, not a banner.
    expect(statuses.filter((s) => s.learning && s.banner).map((s) => s.banner)).toEqual([]);
    // Steady state afterwards: only the 300 running jobs, 3 calls a cycle.
    expect(statuses.at(-1)?.activeCount).toBe(300);
  });

  it('a first pass that fits one window shows no learning progress', async () => {
    const { source, statuses } = await firstPass(1_000, 10);
    expect(source.rejected).toBe(0);
    // One first cycle of 10 calls, then 1 call per cycle for the 10 running jobs.
    expect(source.windows.reduce((a, b) => a + b)).toBe(10 + 5);
    expect(statuses.some((s) => s.learning !== undefined)).toBe(false);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/demo/simulator.js';
import { budgetLeft, planCycle } from '../../src/watch/budget.js';
import { Poller } from '../../src/watch/poller.js';
import { client, ids, MemoryTarget, simJobs, timedSource, waitFor } from './helpers.js';

const NOW = 1_700_000_000_000;
const info = (limit: number, remaining: number, inMs: number) => ({ limit, remaining, resetAt: NOW + inMs });

describe('budgetLeft', () => {
  it('is half the limit minus what the window has used', () => {
    expect(budgetLeft(info(1000, 1000, 60_000), NOW, 0.5)).toBe(500);
    expect(budgetLeft(info(1000, 700, 60_000), NOW, 0.5)).toBe(200);
    expect(budgetLeft(info(1000, 400, 60_000), NOW, 0.5)).toBe(-100);
  });

  it('is unbounded without figures or once the window has reset', () => {
    expect(budgetLeft(undefined, NOW, 0.5)).toBe(Number.POSITIVE_INFINITY);
    expect(budgetLeft(info(1000, 0, -1), NOW, 0.5)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('planCycle', () => {
  it('keeps the interval when the budget is ample (300 active at 5 s on the real limit)', () => {
    // Start of a 5-min window after one 3-call cycle: 3 × 300 s / 494 ≈ 1.8 s, below a 5 s interval.
    const plan = planCycle({ rateLimit: info(1000, 997, 300_000), now: NOW, calls: 3, share: 0.5 });
    expect(plan.kind).toBe('go');
    expect(plan.kind === 'go' && plan.delayMs).toBeLessThan(5000);
  });

  it('spreads cycles evenly over the rest of the window as the budget shrinks', () => {
    const plan = planCycle({ rateLimit: info(1000, 600, 100_000), now: NOW, calls: 10, share: 0.5 });
    // 100 left of the 500 share: 10 cycles in 100 s.
    expect(plan).toEqual({ kind: 'go', delayMs: 10_000 });
  });

  it('waits for the reset when the next cycle would pass the share', () => {
    const plan = planCycle({ rateLimit: info(1000, 505, 42_000), now: NOW, calls: 6, share: 0.5 });
    expect(plan).toEqual({ kind: 'wait', until: NOW + 42_000 });
  });

  it('counts other clients of the same user: remaining low means slow down before zero', () => {
    const plan = planCycle({ rateLimit: info(1000, 3, 42_000), now: NOW, calls: 1, share: 1 });
    expect(plan.kind === 'go' && plan.delayMs).toBe(14_000);
  });
});

describe('Poller within a real rate limit', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
  });

  it('never uses more than half the window, never gets a 429, and carries on after the reset', async () => {
    const limit = 20;
    const sim = await startSimulator({
      jobs: simJobs(ids('g', 250), 'RUNNING'),
      rateLimit: { limit, windowMs: 2000 },
    });
    const c = client(sim.url);
    const source = timedSource(c);
    const target = new MemoryTarget(ids('g', 250));
    const poller = new Poller({ target, source, intervalMs: 20 });
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
    await waitFor(() => poller.status().cycles >= 5, '5 cycles across windows', 9000);
    expect(sim.stats.rateLimited).toBe(0);
    expect(Math.max(...usedSeen)).toBeLessThanOrEqual(limit / 2);
    expect(sim.stats.bulkGets).toBe(3 * poller.status().cycles);
    // 3 calls a cycle, 10 per window: no more than 3 cycles before the first reset, spaced, not in a burst.
    const starts = source.calls.filter((_, i) => i % 3 === 0);
    expect(starts[1]! - starts[0]!).toBeGreaterThan(200);
  });
});

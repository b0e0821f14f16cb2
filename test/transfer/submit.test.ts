import { describe, expect, it } from 'vitest';
import type { CreateResult } from '../../src/platform/bulk-create.js';
import { ApiError } from '../../src/platform/errors.js';
import { BULK_LIMIT } from '../../src/platform/exports.js';
import { budgetWaiter } from '../../src/transfer/budget-wait.js';
import { type ItemResult, submitInBatches } from '../../src/transfer/submit.js';
import { body, FakeBulk, FakeClock, rateLimit, T0 } from './fakes.js';

const many = (n: number) => Array.from({ length: n }, (_, i) => body(i));
const fileOf = (r: ItemResult) => r.request.source.file;

describe('submitInBatches: chunking and mapping', () => {
  it('sends 250 items in 3 calls of at most 100, in order, copy_only by default', async () => {
    const bulk = new FakeBulk();
    const out = await submitInBatches(many(250), bulk);
    expect(bulk.calls.map((c) => c.items.length)).toEqual([BULK_LIMIT, BULK_LIMIT, 50]);
    expect(bulk.calls.every((c) => c.copyOnly)).toBe(true);
    expect(out.calls).toBe(3);
    expect(out.results.map((r) => r.index)).toEqual([...Array(250).keys()]);
    expect(out.results.map(fileOf)).toEqual(many(250).map((b) => b.source.file));
    expect(out.remaining).toEqual([]);
    expect(out.stopped).toBeUndefined();
  });

  it('a move is sent only when asked for', async () => {
    const bulk = new FakeBulk();
    await submitInBatches(many(3), bulk, { copyOnly: false });
    expect(bulk.calls[0]!.copyOnly).toBe(false);
  });

  it('maps per-item errors back to their request', async () => {
    const refusal = { status: 403, code: 9101, message: 'Volume is read-only' };
    const bulk = new FakeBulk({ refuse: (item) => (item.source.file === 'f101' ? refusal : undefined) });
    const out = await submitInBatches(many(150), bulk);
    const refused = out.results.filter((r) => 'error' in r);
    expect(refused).toEqual([{ index: 101, request: body(101), error: refusal }]);
    const f102 = out.results[102]!;
    expect('job' in f102 && f102.job.source?.file).toBe('f102');
  });

  it('calls onBatch after each call, before the next one', async () => {
    const events: string[] = [];
    const bulk = new FakeBulk({ beforeCall: (n) => events.push(`call ${n}`) });
    await submitInBatches(many(210), bulk, {
      onBatch: async (results, p) => {
        events.push(`saved ${results.length} (${p.submitted}/${p.total})`);
      },
    });
    expect(events).toEqual([
      'call 1',
      'saved 100 (100/210)',
      'call 2',
      'saved 100 (200/210)',
      'call 3',
      'saved 10 (210/210)',
    ]);
  });

  it('stops when saving fails, keeping what was created', async () => {
    const bulk = new FakeBulk();
    const out = await submitInBatches(many(250), bulk, {
      onBatch: () => {
        throw new Error('disk full');
      },
    });
    expect(bulk.calls).toHaveLength(1);
    expect(out.results).toHaveLength(100);
    expect(out.remaining).toHaveLength(150);
    expect(out.stopped).toEqual({ reason: 'save-failed', message: 'disk full', uncertain: false });
  });
});

describe('submitInBatches: stops cleanly', () => {
  it.each([
    ['auth', new ApiError('auth', 'The platform rejected the auth token', { status: 401 }), false],
    ['maintenance', new ApiError('maintenance', 'Under maintenance', { status: 503, code: 0 }), false],
    ['failed', new ApiError('timeout', 'No answer within 30 s'), true],
  ] as const)('on %s: returns what was done and what remains', async (reason, error, uncertain) => {
    const bulk = new FakeBulk({ failCall: { n: 2, error } });
    const out = await submitInBatches(many(250), bulk);
    expect(out.results).toHaveLength(100);
    expect(out.remaining).toEqual(many(250).slice(100));
    expect(out.stopped).toEqual({ reason, message: error.message, uncertain });
    // A timed-out call may have created jobs: its items are named so the caller can look for them.
    expect(out.uncertainItems).toEqual(uncertain ? many(250).slice(100, 200) : []);
  });

  it('on abort between batches: nothing more is sent', async () => {
    const controller = new AbortController();
    const bulk = new FakeBulk();
    const out = await submitInBatches(many(300), bulk, {
      signal: controller.signal,
      onBatch: (_, p) => {
        if (p.calls === 2) controller.abort();
      },
    });
    expect(bulk.calls).toHaveLength(2);
    expect(out.results).toHaveLength(200);
    expect(out.remaining).toEqual(many(300).slice(200));
    expect(out.stopped).toEqual({ reason: 'aborted', message: 'Stopped', uncertain: false });
  });

  it('an abort during a call is reported as uncertain', async () => {
    const controller = new AbortController();
    const port = {
      async bulkCreate(): Promise<CreateResult[]> {
        controller.abort();
        throw controller.signal.reason;
      },
    };
    const out = await submitInBatches(many(5), port, { signal: controller.signal });
    expect(out.stopped).toMatchObject({ reason: 'aborted', uncertain: true });
    expect(out.remaining).toHaveLength(5);
  });
});

describe('submitInBatches: rate budget', () => {
  it('waits for the window to reset when the share is spent, on the injected clock', async () => {
    const clock = new FakeClock();
    // 1000 a window, share 0.5: 498 used leaves 2 calls, then the window (resetting in 60 s) is spent.
    let info = rateLimit(1000, 502, T0 + 60_000);
    const bulk = new FakeBulk({
      beforeCall: () => {
        info = { ...info, remaining: info.remaining - 1 };
      },
    });
    const budget = budgetWaiter({ rateLimit: () => info }, clock);
    const callTimes: number[] = [];
    const out = await submitInBatches(many(400), bulk, {
      budget,
      onBatch: () => void callTimes.push(clock.now()),
    });
    expect(out.calls).toBe(4);
    expect(clock.sleeps).toEqual([61_000]);
    expect(callTimes).toEqual([T0, T0, T0 + 61_000, T0 + 61_000]);
  });

  it('retries a batch refused with 429 after its retry time, without losing it', async () => {
    const clock = new FakeClock();
    const error = new ApiError('rate-limited', 'Rate limit exceeded', { status: 429, retryAt: T0 + 5_000 });
    const bulk = new FakeBulk({ failCall: { n: 1, error } });
    const budget = budgetWaiter({ rateLimit: () => undefined }, clock);
    const out = await submitInBatches(many(120), bulk, { budget });
    expect(clock.sleeps).toEqual([5_000]);
    expect(bulk.calls.map((c) => c.items.length)).toEqual([100, 100, 20]);
    expect(out.results).toHaveLength(120);
    expect(bulk.created).toHaveLength(120);
    expect(out.stopped).toBeUndefined();
  });

  it('gives up after repeated 429s and says so', async () => {
    const port = {
      async bulkCreate(): Promise<CreateResult[]> {
        throw new ApiError('rate-limited', 'Rate limit exceeded', { status: 429 });
      },
    };
    const clock = new FakeClock();
    const out = await submitInBatches(many(10), port, {
      budget: budgetWaiter({ rateLimit: () => undefined }, clock),
    });
    expect(out.stopped).toMatchObject({ reason: 'rate-limited', uncertain: false });
    expect(out.remaining).toHaveLength(10);
  });

  it('an abort while waiting for the budget stops before sending', async () => {
    const controller = new AbortController();
    const clock = new FakeClock();
    clock.sleep = async () => {
      controller.abort();
      throw controller.signal.reason;
    };
    const bulk = new FakeBulk();
    const budget = budgetWaiter({ rateLimit: () => rateLimit(1000, 0, T0 + 1000) }, clock);
    const out = await submitInBatches(many(10), bulk, { budget, signal: controller.signal });
    expect(bulk.calls).toHaveLength(0);
    expect(out.stopped).toMatchObject({ reason: 'aborted', uncertain: false });
  });
});

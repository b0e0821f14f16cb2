import { describe, expect, it } from 'vitest';
import { budgetWaiter, realClock } from '../../src/transfer/budget-wait.js';
import { FakeClock, rateLimit, T0 } from './fakes.js';

describe('budgetWaiter', () => {
  it('goes at once without figures, or while the share has room', async () => {
    const clock = new FakeClock();
    await budgetWaiter({ rateLimit: () => undefined }, clock)(1);
    await budgetWaiter({ rateLimit: () => rateLimit(1000, 600, T0 + 10_000) }, clock)(100);
    expect(clock.sleeps).toEqual([]);
  });

  it('sleeps past the reset when the share is spent (other clients count too)', async () => {
    const clock = new FakeClock();
    // 1000 a window, a share of 0.5: 501 used by anyone leaves no room.
    await budgetWaiter({ rateLimit: () => rateLimit(1000, 499, T0 + 30_000) }, clock)(1);
    expect(clock.sleeps).toEqual([31_000]);
  });

  it('honours a larger share', async () => {
    const clock = new FakeClock();
    await budgetWaiter({ rateLimit: () => rateLimit(1000, 499, T0 + 30_000) }, clock, 0.9)(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('waits until notBefore first', async () => {
    const clock = new FakeClock();
    await budgetWaiter({ rateLimit: () => undefined }, clock)(1, { notBefore: T0 + 7_000 });
    expect(clock.sleeps).toEqual([7_000]);
    await budgetWaiter({ rateLimit: () => undefined }, clock)(1, { notBefore: T0 });
    expect(clock.sleeps).toEqual([7_000]);
  });

  it('rejects with an AbortError when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const wait = budgetWaiter({ rateLimit: () => undefined }, new FakeClock());
    await expect(wait(1, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it("the real clock's sleep rejects on abort instead of waiting", async () => {
    const controller = new AbortController();
    const sleeping = realClock.sleep(3_600_000, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toMatchObject({ name: 'AbortError' });
  });
});

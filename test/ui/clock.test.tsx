// The screen's one clock: a tick re-renders only components whose view of the time moved.
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ClockProvider, Ticker, useClock } from '../../src/ui/hooks/use-clock.js';

const renders = { seconds: 0, day: 0 };

function Seconds() {
  renders.seconds++;
  return <Text>{`s=${useClock((now) => Math.floor(now / 1000))}`}</Text>;
}

function Day() {
  renders.day++;
  return <Text>{`d=${useClock((now) => Math.floor(now / 86_400_000))}`}</Text>;
}

describe('the clock', () => {
  it('re-renders a reader only when what it selects changes', async () => {
    let t = Date.parse('2026-01-01T10:00:00.000Z');
    const ticker = new Ticker(() => t);
    const r = render(
      <ClockProvider ticker={ticker}>
        <Seconds />
        <Day />
      </ClockProvider>,
    );
    expect(renders).toEqual({ seconds: 1, day: 1 });
    /** Ticks to `ms` and waits for the frame that shows its second. */
    const tickTo = async (ms: number) => {
      t = ms;
      ticker.tick();
      while (!r.lastFrame()?.includes(`s=${Math.floor(t / 1000)}`)) await new Promise(setImmediate);
    };
    const start = t;
    for (let i = 1; i <= 5; i++) await tickTo(start + i * 1000);
    expect(renders).toEqual({ seconds: 6, day: 1 });
    // The day has not changed: its reader was never drawn again. The next day, it is.
    await tickTo(start + 86_400_000);
    expect(renders).toEqual({ seconds: 7, day: 2 });
    r.unmount();
  });
});

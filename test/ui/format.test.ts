import { describe, expect, it } from 'vitest';
import { duration, jobDuration, shortTime } from '../../src/ui/format.js';

describe('times', () => {
  const now = new Date(2026, 10, 25, 12, 0, 0).getTime();
  it('prints today as a clock time, this year as month and day, other years as a date', () => {
    expect(shortTime(new Date(2026, 10, 25, 9, 5, 7).toISOString(), now)).toBe('09:05:07');
    expect(shortTime(new Date(2026, 5, 15, 19, 17).toISOString(), now)).toBe('Jun 15 19:17');
    expect(shortTime(new Date(2016, 5, 15, 19, 17).toISOString(), now)).toBe('2016-06-15');
    expect(shortTime(undefined, now)).toBe('—');
    expect(shortTime('not a time', now)).toBe('?');
  });
  it('names every month as en-US short month names do', () => {
    for (let m = 0; m < 12; m++) {
      const t = new Date(2026, m, 3, 8, 30);
      const month = t.toLocaleString('en-US', { month: 'short' });
      expect(shortTime(t.toISOString(), new Date(2026, 11, 31).getTime())).toBe(`${month} 03 08:30`);
    }
  });
  it('prints durations compactly', () => {
    expect(duration(2000)).toBe('2s');
    expect(duration(185_000)).toBe('3m 05s');
    expect(duration(2 * 3600_000 + 7 * 60_000)).toBe('2h 07m');
    expect(duration(-1)).toBe('—');
    expect(jobDuration('2016-06-15T19:17:39Z', '2016-06-15T19:17:41Z', now)).toBe('2s');
  });
});

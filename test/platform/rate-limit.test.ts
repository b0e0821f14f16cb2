import { describe, expect, it } from 'vitest';
import { parseRateLimit, parseResetTime, parseRetryAfter } from '../../src/platform/rate-limit.js';

const NOW = 1_780_000_000_000;

describe('parseRateLimit', () => {
  it('reads the three headers, reset in Unix seconds', () => {
    const info = parseRateLimit(
      { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '998', 'x-ratelimit-reset': '1780000300' },
      NOW,
    );
    expect(info).toEqual({ limit: 1000, remaining: 998, resetAt: 1_780_000_300_000 });
  });

  it('is case-insensitive on header names and takes the first of repeated headers', () => {
    const info = parseRateLimit(
      { 'X-RateLimit-Limit': ['1000', '5'], 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '1780000060' },
      NOW,
    );
    expect(info).toEqual({ limit: 1000, remaining: 0, resetAt: 1_780_000_060_000 });
  });

  it('treats reset values above 1e12 as milliseconds already', () => {
    expect(parseResetTime('1780000300123', NOW)).toBe(1_780_000_300_123);
  });

  it('treats tiny reset values as seconds from now', () => {
    expect(parseResetTime('60', NOW)).toBe(NOW + 60_000);
  });

  it('clamps a remaining count beyond safe integers', () => {
    const info = parseRateLimit(
      {
        'x-ratelimit-limit': '18446744073709551615',
        'x-ratelimit-remaining': '18446744073709551615',
        'x-ratelimit-reset': '1780000300',
      },
      NOW,
    );
    expect(info?.remaining).toBe(Number.MAX_SAFE_INTEGER);
    expect(info?.limit).toBe(Number.MAX_SAFE_INTEGER);
    expect(Number.isSafeInteger(info?.remaining)).toBe(true);
  });

  it('returns undefined when headers are missing or not numbers', () => {
    expect(parseRateLimit({}, NOW)).toBeUndefined();
    expect(
      parseRateLimit({ 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '5' }, NOW),
    ).toBeUndefined();
    expect(
      parseRateLimit(
        { 'x-ratelimit-limit': 'lots', 'x-ratelimit-remaining': '-1', 'x-ratelimit-reset': '1780000300' },
        NOW,
      ),
    ).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it('reads delta seconds and HTTP dates', () => {
    expect(parseRetryAfter({ 'retry-after': '30' }, NOW)).toBe(NOW + 30_000);
    expect(parseRetryAfter({ 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' }, NOW)).toBe(
      Date.parse('2026-10-21T07:28:00Z'),
    );
    expect(parseRetryAfter({ 'retry-after': 'soon' }, NOW)).toBeUndefined();
    expect(parseRetryAfter({}, NOW)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { ApiError, badResponse, errorFromException, errorFromResponse } from '../../src/platform/errors.js';
import { type FaultDecision, faultPolicy } from '../../src/watch/fault-policy.js';
import { classifyFault } from '../../src/watch/faults.js';

const NOW = 1_700_000_000_000;
const S = 1000;
const policy = faultPolicy({
  intervalMs: 5 * S,
  maintenanceBaseMs: 60 * S,
  maintenanceCapMs: 900 * S,
  backoffCapMs: 300 * S,
  rateLimitBaseMs: 5 * S,
  label: 'profile cgc',
  random: () => 0.5,
});
const HOST = 'cgc-api.sbgenomics.com';
const json = (body: object) => JSON.stringify(body);
const maintenance = () =>
  errorFromResponse(503, json({ status: 503, code: 0, message: 'Platform is currently under maintenance.' }));
const tooMany = (retryAt?: number) =>
  errorFromResponse(429, json({ status: 429, code: 1000, message: 'Too many requests.' }), retryAt);
const quiet = { pause: false, rateLimitedUntil: undefined, flash: undefined };

// [case, the error the client threw, consecutive failures including this one, the decision]
const CASES: [string, unknown, number, FaultDecision][] = [
  [
    '401: auth banner naming the profile, paused, nothing scheduled',
    errorFromResponse(401, json({ status: 401, code: 90001, message: 'Unauthorized.' })),
    1,
    {
      ...quiet,
      banner: {
        kind: 'auth',
        message:
          'Token rejected by profile cgc (Unauthorized.). Polling paused: fix the token, then refresh.',
      },
      pause: true,
      next: undefined,
    },
  ],
  [
    '429 with its reset time: not one request before it',
    tooMany(NOW + 42 * S),
    1,
    {
      ...quiet,
      banner: {
        kind: 'rate-limited',
        message: 'Rate limit exceeded: waiting for the reset',
        until: NOW + 42 * S,
      },
      next: NOW + 42 * S,
      rateLimitedUntil: NOW + 42 * S,
    },
  ],
  [
    '429 whose reset is already past: the jittered back-off instead',
    tooMany(NOW - 1),
    1,
    {
      ...quiet,
      banner: {
        kind: 'rate-limited',
        message: 'Rate limit exceeded: waiting for the reset',
        until: NOW + 7.5 * S,
      },
      next: NOW + 7.5 * S,
      rateLimitedUntil: NOW + 7.5 * S,
    },
  ],
  [
    '429 without a reset, third in a row: base·2³ with equal jitter',
    tooMany(),
    3,
    {
      ...quiet,
      banner: {
        kind: 'rate-limited',
        message: 'Rate limit exceeded: waiting for the reset',
        until: NOW + 30 * S,
      },
      next: NOW + 30 * S,
      rateLimitedUntil: NOW + 30 * S,
    },
  ],
  [
    '503 code 0, first time: maintenance banner, one minute',
    maintenance(),
    1,
    {
      ...quiet,
      banner: { kind: 'maintenance', message: 'Platform under maintenance', until: NOW + 60 * S },
      next: NOW + 60 * S,
    },
  ],
  [
    '503 code 0, third time: four minutes',
    maintenance(),
    3,
    {
      ...quiet,
      banner: { kind: 'maintenance', message: 'Platform under maintenance', until: NOW + 240 * S },
      next: NOW + 240 * S,
    },
  ],
  [
    '503 code 0, tenth time: capped at fifteen minutes',
    maintenance(),
    10,
    {
      ...quiet,
      banner: { kind: 'maintenance', message: 'Platform under maintenance', until: NOW + 900 * S },
      next: NOW + 900 * S,
    },
  ],
  [
    '503 without code 0: a server error, flashed, no banner',
    errorFromResponse(503, json({ status: 503, message: 'Service unavailable.' })),
    1,
    { ...quiet, banner: undefined, next: NOW + 7.5 * S, flash: 'HTTP 503: Service unavailable.' },
  ],
  [
    '500, second in a row: flashed, back-off doubles',
    errorFromResponse(500, json({ status: 500, message: 'Internal server error.' })),
    2,
    { ...quiet, banner: undefined, next: NOW + 15 * S, flash: 'HTTP 500: Internal server error.' },
  ],
  [
    '500, fiftieth in a row: back-off capped at five minutes (jitter 0.5: 3¾ min)',
    errorFromResponse(500, json({ status: 500, message: 'Internal server error.' })),
    50,
    { ...quiet, banner: undefined, next: NOW + 225 * S, flash: 'HTTP 500: Internal server error.' },
  ],
  [
    'connection refused: offline banner, back-off',
    errorFromException(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), HOST, 30 * S),
    1,
    {
      ...quiet,
      banner: {
        kind: 'offline',
        message: `Offline: Cannot reach ${HOST}: connection refused`,
        until: NOW + 7.5 * S,
      },
      next: NOW + 7.5 * S,
    },
  ],
  [
    'timeout: flashed, back-off, no banner',
    errorFromException(Object.assign(new Error('slow'), { code: 'UND_ERR_HEADERS_TIMEOUT' }), HOST, 30 * S),
    1,
    { ...quiet, banner: undefined, next: NOW + 7.5 * S, flash: `No answer from ${HOST} within 30 s` },
  ],
  [
    'a body that is not JSON (a proxy page): flashed with the status and its first words',
    badResponse(200, 'Proxy says <b>no</b>', 'not JSON'),
    1,
    { ...quiet, banner: undefined, next: NOW + 7.5 * S, flash: 'HTTP 200 (not JSON): Proxy says <b>no</b>' },
  ],
  [
    'something that is not an ApiError at all',
    new TypeError('items is not iterable'),
    1,
    { ...quiet, banner: undefined, next: NOW + 7.5 * S, flash: 'Refresh failed: items is not iterable' },
  ],
];

describe('faultPolicy: (fault, failures, now) → what the poller does', () => {
  for (const [name, error, failures, expected] of CASES) {
    it(name, () => {
      expect(policy(classifyFault(error), failures, NOW)).toEqual(expected);
    });
  }

  it('never names the token, and needs no label', () => {
    const bare = faultPolicy({
      intervalMs: 5 * S,
      maintenanceBaseMs: 60 * S,
      maintenanceCapMs: 900 * S,
      backoffCapMs: 300 * S,
      rateLimitBaseMs: 5 * S,
      random: () => 0,
    });
    const decision = bare(classifyFault(new ApiError('auth', 'Unauthorized.', { status: 401 })), 1, NOW);
    expect(decision.banner?.message).toBe(
      'Token rejected (Unauthorized.). Polling paused: fix the token, then refresh.',
    );
  });
});

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MISSING_ID, SEED_COMPLETED, SEED_FAILED } from '../../src/demo/seed.js';
import { type SimJob, type Simulator, startSimulator } from '../../src/demo/simulator.js';
import { SbClient } from '../../src/platform/client.js';
import { ApiError } from '../../src/platform/errors.js';
import {
  BULK_LIMIT,
  bulkGetExports,
  chunk,
  getExport,
  listExports,
  matchBulkItems,
  startExport,
} from '../../src/platform/exports.js';
import type { ExportJob } from '../../src/platform/types.js';

const TOKEN = 'test-token-not-secret';

function makeJob(i: number, volume = 'rfranklin/output', state = 'COMPLETED'): ExportJob {
  return {
    id: `t${String(i).padStart(31, '0')}`,
    state,
    source: { file: `file${i}` },
    destination: { volume, location: `loc_${i}.txt` },
  };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

let sim: Simulator;
let client: SbClient;
const listed: SimJob[] = Array.from({ length: 25 }, (_, i) => ({ job: makeJob(i, 'lab/list-me') }));

beforeAll(async () => {
  sim = await startSimulator({ jobs: [{ job: SEED_COMPLETED }, { job: SEED_FAILED }, ...listed] });
  client = new SbClient({ endpoint: sim.url, token: TOKEN, timeoutMs: 2000 });
});

afterAll(async () => {
  await client.close();
  await sim.close();
});

afterEach(() => {
  for (const key of Object.keys(sim.faults)) delete sim.faults[key as keyof typeof sim.faults];
  sim.resetStats();
});

describe('single get', () => {
  it('returns the job with the token header sent, href on the simulator', async () => {
    const job = await getExport(client, SEED_FAILED.id);
    expect(job.state).toBe('FAILED');
    expect(job.error?.code).toBe(9107);
    expect(job.properties?.sse_aws_kms_key_id).toBe('67f68072-45b6-12b3-789c-37be8b0f2f04');
    expect(job.href).toBe(`${sim.url}/storage/exports/${SEED_FAILED.id}`);
    expect(sim.stats.singleGets).toBe(1);
    expect(client.stats.singleGets).toBeGreaterThanOrEqual(1);
  });

  it('maps a 404 / 9008 body to not-found', async () => {
    const err = await failure(getExport(client, DEMO_MISSING_ID));
    expect(err.kind).toBe('not-found');
    expect(err.status).toBe(404);
    expect(err.code).toBe(9008);
    expect(err.apiMessage).toMatch(/does not exist/);
  });

  it('updates the rate limit from every reply, errors included', async () => {
    await failure(getExport(client, DEMO_MISSING_ID));
    const info = client.rateLimit;
    expect(info?.limit).toBe(1000);
    expect(info?.remaining).toBeLessThan(1000);
    expect(info?.resetAt).toBeGreaterThan(Date.now());
  });
});

describe('bulk get', () => {
  it('matches reversed replies back by ID, with 404 items', async () => {
    const ids = [SEED_COMPLETED.id, DEMO_MISSING_ID, SEED_FAILED.id];
    const before = client.stats.bulkGets;
    const items = await bulkGetExports(client, ids);
    expect(items.map((i) => i.id)).toEqual(ids);
    expect(items[0]).toMatchObject({ job: { id: SEED_COMPLETED.id, state: 'COMPLETED' } });
    expect(items[1]).toMatchObject({ error: { status: 404, code: 9008 } });
    expect(items[2]).toMatchObject({ job: { id: SEED_FAILED.id, state: 'FAILED' } });
    expect(sim.stats.bulkGets).toBe(1);
    expect(sim.stats.lastBulkIds).toEqual(ids);
    expect(client.stats.bulkGets).toBe(before + 1);
  });

  it('keeps different error items apart when the order is evidently reversed', async () => {
    sim.faults.itemErrors = { [SEED_FAILED.id]: { status: 403, code: 9005, message: 'No privileges.' } };
    const ids = [SEED_FAILED.id, SEED_COMPLETED.id, DEMO_MISSING_ID];
    const items = await bulkGetExports(client, ids);
    expect(items[0]).toMatchObject({ id: SEED_FAILED.id, error: { code: 9005 } });
    expect(items[1]).toMatchObject({ id: SEED_COMPLETED.id, job: { state: 'COMPLETED' } });
    expect(items[2]).toMatchObject({ id: DEMO_MISSING_ID, error: { code: 9008 } });
  });

  it('matches error-only replies when the order is kept', async () => {
    sim.faults.bulkOrder = 'preserved';
    sim.faults.itemErrors = { [SEED_FAILED.id]: { status: 403, code: 9005, message: 'No privileges.' } };
    const items = await bulkGetExports(client, [DEMO_MISSING_ID, SEED_FAILED.id]);
    expect(items[0]).toMatchObject({ id: DEMO_MISSING_ID, error: { code: 9008 } });
    expect(items[1]).toMatchObject({ id: SEED_FAILED.id, error: { code: 9005 } });
  });

  it('gives each requested ID exactly one item even for a duplicate-laden request', async () => {
    const items = await bulkGetExports(client, [SEED_COMPLETED.id, SEED_COMPLETED.id, DEMO_MISSING_ID]);
    expect(items.map((i) => i.id)).toEqual([SEED_COMPLETED.id, DEMO_MISSING_ID]);
  });

  it('refuses more than 100 IDs before sending anything', async () => {
    const ids = Array.from({ length: BULK_LIMIT + 1 }, (_, i) => makeJob(i).id);
    await expect(bulkGetExports(client, ids)).rejects.toThrow(/at most 100/);
    expect(sim.stats.requests).toBe(0);
  });

  it('sends exactly one request per chunk of 100', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => makeJob(i).id);
    const chunks = chunk(ids);
    expect(chunks.map((c) => c.length)).toEqual([100, 100, 50]);
    for (const part of chunks) {
      const items = await bulkGetExports(client, part);
      expect(items).toHaveLength(part.length);
    }
    expect(sim.stats.bulkGets).toBe(3);
    expect(sim.stats.requests).toBe(3);
  });
});

describe('matchBulkItems (error items without IDs)', () => {
  const job = (id: string): ExportJob => ({ id, state: 'RUNNING' });
  const e403 = { status: 403, code: 9005, message: 'No privileges.' };
  const e404 = { status: 404, code: 9008, message: 'Requested export job does not exist.' };

  it('by position when the resources show the order was kept', () => {
    const items = matchBulkItems(
      ['a', 'b', 'c', 'd'],
      [{ resource: job('a') }, { error: e403 }, { error: e404 }, { resource: job('d') }],
    );
    expect(items).toEqual([
      { id: 'a', job: job('a') },
      { id: 'b', error: e403 },
      { id: 'c', error: e404 },
      { id: 'd', job: job('d') },
    ]);
  });

  it('by reversed position when the resources show the order was reversed', () => {
    const items = matchBulkItems(['a', 'b', 'c'], [{ error: e404 }, { error: e403 }, { resource: job('a') }]);
    expect(items).toEqual([
      { id: 'a', job: job('a') },
      { id: 'b', error: e403 },
      { id: 'c', error: e404 },
    ]);
  });

  it('by the ID an error message names, before position', () => {
    const named = { status: 404, code: 9008, message: 'Export b does not exist.' };
    const items = matchBulkItems(['a', 'b'], [{ error: named }, { error: e403 }]);
    expect(items).toEqual([
      { id: 'a', error: e403 },
      { id: 'b', error: named },
    ]);
  });

  it('by an id field on the item', () => {
    const items = matchBulkItems(['a', 'b'], [{ error: { ...e404, id: 'b' } }, { error: e403 }]);
    expect(items[1]).toEqual({ id: 'b', error: { ...e404, id: 'b' } });
    expect(items[0]).toEqual({ id: 'a', error: e403 });
  });

  it('by elimination when the counts differ, and a placeholder when nothing is left', () => {
    expect(matchBulkItems(['a', 'b', 'c'], [{ resource: job('c') }, { error: e404 }])).toEqual([
      { id: 'a', error: e404 },
      { id: 'b', error: e404 },
      { id: 'c', job: job('c') },
    ]);
    expect(matchBulkItems(['a', 'b'], [{ resource: job('b') }])[0]).toEqual({
      id: 'a',
      error: expect.objectContaining({ message: expect.stringMatching(/no item/) }),
    });
  });

  it('ignores resources nobody asked for', () => {
    expect(matchBulkItems(['a'], [{ resource: job('zzz') }, { resource: job('a') }])).toEqual([
      { id: 'a', job: job('a') },
    ]);
  });
});

describe('faults → ApiError kinds', () => {
  it('401 → auth', async () => {
    sim.faults.auth = true;
    const err = await failure(getExport(client, SEED_COMPLETED.id));
    expect(err.kind).toBe('auth');
    expect(err.status).toBe(401);
  });

  it('a rejected token → auth', async () => {
    const strict = await startSimulator({ acceptToken: (t) => t === 'the-right-one' });
    const c = new SbClient({ endpoint: strict.url, token: TOKEN });
    try {
      const err = await failure(getExport(c, SEED_COMPLETED.id));
      expect(err.kind).toBe('auth');
      expect(err.message).not.toContain(TOKEN);
    } finally {
      await c.close();
      await strict.close();
    }
  });

  it('503 code 0 → maintenance', async () => {
    sim.faults.maintenance = true;
    const err = await failure(getExport(client, SEED_COMPLETED.id));
    expect(err.kind).toBe('maintenance');
    expect(err.code).toBe(0);
  });

  it('429 code 1000 → rate-limited with retryAt from the reset header', async () => {
    sim.faults.rateLimited = true;
    sim.faults.resetInSeconds = 120;
    const before = Date.now();
    const err = await failure(bulkGetExports(client, [SEED_COMPLETED.id]));
    expect(err.kind).toBe('rate-limited');
    expect(err.code).toBe(1000);
    expect(err.retryAt).toBeGreaterThanOrEqual(before + 118_000);
    expect(err.retryAt).toBeLessThanOrEqual(Date.now() + 121_000);
    expect(client.rateLimit?.remaining).toBe(0);
  });

  it('429 with the reset in milliseconds reads the same', async () => {
    sim.faults.rateLimited = true;
    sim.faults.resetAsMilliseconds = true;
    const before = Date.now();
    const err = await failure(getExport(client, SEED_COMPLETED.id));
    expect(err.retryAt).toBeGreaterThanOrEqual(before + 59_000);
    expect(err.retryAt).toBeLessThanOrEqual(Date.now() + 61_000);
  });

  it('429 without headers → rate-limited, retryAt unknown', async () => {
    sim.faults.rateLimited = true;
    sim.faults.omitRateLimitHeaders = true;
    const err = await failure(getExport(client, SEED_COMPLETED.id));
    expect(err.kind).toBe('rate-limited');
    expect(err.retryAt).toBeUndefined();
  });

  it('500 JSON → server', async () => {
    sim.faults.serverError = 500;
    const err = await failure(getExport(client, SEED_COMPLETED.id));
    expect(err.kind).toBe('server');
    expect(err.status).toBe(500);
  });

  it('502 HTML gateway page → bad-response with status and first words', async () => {
    sim.faults.htmlBody = true;
    const err = await failure(bulkGetExports(client, [SEED_COMPLETED.id]));
    expect(err.kind).toBe('bad-response');
    expect(err.status).toBe(502);
    expect(err.message).toMatch(/^HTTP 502: <html> <head><title>502 Bad Gateway/);
    expect(err.message).not.toMatch(/[\r\n]/);
    expect(err.message.length).toBeLessThan(90);
  });

  it('truncated JSON → bad-response', async () => {
    sim.faults.truncatedJson = true;
    const err = await failure(getExport(client, SEED_COMPLETED.id));
    expect(err.kind).toBe('bad-response');
    expect(err.status).toBe(200);
    expect(err.message).toContain('{"href"');
  });

  it('non-JSON text → bad-response without control characters', async () => {
    sim.faults.garbageBody = true;
    const err = await failure(bulkGetExports(client, [SEED_COMPLETED.id]));
    expect(err.kind).toBe('bad-response');
    expect(err.message).toContain('Proxy says');
    expect(err.message).not.toMatch(/[\x00-\x1f\x7f]/);
  });

  it('a stall beyond timeoutMs → timeout', async () => {
    sim.faults.stallMs = 2000;
    const quick = new SbClient({ endpoint: sim.url, token: TOKEN, timeoutMs: 150 });
    try {
      const started = Date.now();
      const err = await failure(getExport(quick, SEED_COMPLETED.id));
      expect(err.kind).toBe('timeout');
      expect(err.message).toMatch(/No answer from 127\.0\.0\.1:\d+ within 150 ms/);
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      await quick.close();
    }
  });

  it('a hang-up → network', async () => {
    sim.faults.hangUp = true;
    const err = await failure(getExport(client, SEED_COMPLETED.id));
    expect(err.kind).toBe('network');
  });

  it('connection refused on a closed port → network', async () => {
    const gone = await startSimulator();
    const url = gone.url;
    await gone.close();
    const c = new SbClient({ endpoint: url, token: TOKEN, timeoutMs: 1000 });
    try {
      const err = await failure(getExport(c, SEED_COMPLETED.id));
      expect(err.kind).toBe('network');
      expect(err.message).toMatch(/connection refused/);
    } finally {
      await c.close();
    }
  });

  it('a wrong-shaped 200 → bad-response', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ items: [{ resource: { name: 'no id' } }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const c = new SbClient({
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`,
      token: TOKEN,
    });
    try {
      const err = await failure(bulkGetExports(c, ['x']));
      expect(err.kind).toBe('bad-response');
      const single = await failure(getExport(c, 'x'));
      expect(single.kind).toBe('bad-response');
    } finally {
      await c.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('an echoed token never reaches an error message', async () => {
    const server = createServer((req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`bad gateway for ${req.headers['x-sbg-auth-token']}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const c = new SbClient({
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`,
      token: TOKEN,
    });
    try {
      const err = await failure(getExport(c, 'x'));
      expect(err.message).toContain('bad gateway for');
      expect(err.message).not.toContain(TOKEN);
    } finally {
      await c.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('no fault puts the token in a message', async () => {
    const switches: Array<() => void> = [
      () => (sim.faults.auth = true),
      () => (sim.faults.maintenance = true),
      () => (sim.faults.rateLimited = true),
      () => (sim.faults.serverError = 503),
      () => (sim.faults.htmlBody = true),
      () => (sim.faults.truncatedJson = true),
      () => (sim.faults.garbageBody = true),
      () => (sim.faults.hangUp = true),
    ];
    for (const flip of switches) {
      for (const key of Object.keys(sim.faults)) delete sim.faults[key as keyof typeof sim.faults];
      flip();
      const err = await failure(getExport(client, SEED_COMPLETED.id));
      expect(`${err.message} ${err.apiMessage ?? ''} ${String(err.stack)}`).not.toContain(TOKEN);
    }
  });

  it('aborting rejects with the abort, not an ApiError', async () => {
    sim.faults.stallMs = 1000;
    const controller = new AbortController();
    const pending = getExport(client, SEED_COMPLETED.id, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toSatisfy((err: unknown) => !(err instanceof ApiError));
  });
});

describe('real rate limit', () => {
  it('the simulator counts requests and answers 429 over the limit', async () => {
    const small = await startSimulator({
      jobs: [{ job: SEED_COMPLETED }],
      rateLimit: { limit: 3, windowMs: 60_000 },
    });
    const c = new SbClient({ endpoint: small.url, token: TOKEN });
    try {
      for (let i = 0; i < 3; i++) await getExport(c, SEED_COMPLETED.id);
      expect(c.rateLimit?.remaining).toBe(0);
      const err = await failure(getExport(c, SEED_COMPLETED.id));
      expect(err.kind).toBe('rate-limited');
      expect(err.retryAt).toBe(c.rateLimit?.resetAt);
      expect(small.stats.rateLimited).toBe(1);
    } finally {
      await c.close();
      await small.close();
    }
  });
});

describe('listExports', () => {
  it('follows next links across pages with fields=_all', async () => {
    const jobs: ExportJob[] = [];
    for await (const job of listExports(client, { volume: 'lab/list-me', limit: 10 })) jobs.push(job);
    expect(jobs.map((j) => j.id)).toEqual(listed.map((s) => s.job.id));
    expect(jobs[0]?.destination?.location).toBe('loc_0.txt');
    expect(sim.stats.lists).toBe(3);
  });

  it('filters by state and stops on an empty result', async () => {
    const jobs: ExportJob[] = [];
    for await (const job of listExports(client, { volume: 'rfranklin/output', states: ['FAILED'] }))
      jobs.push(job);
    expect(jobs.map((j) => j.id)).toEqual([SEED_FAILED.id]);
    const none: ExportJob[] = [];
    for await (const job of listExports(client, { volume: 'nobody/nothing' })) none.push(job);
    expect(none).toEqual([]);
  });

  it('refuses to follow a link to another origin', async () => {
    const err = await failure(client.request('GET', 'https://elsewhere.example.org/v2/storage/exports'));
    expect(err.kind).toBe('bad-response');
    expect(err.message).toMatch(/another host/);
    expect(sim.stats.requests).toBe(0);
  });
});

describe('startExport', () => {
  it('creates a job, and a taken location is a 409 / 9107 client error', async () => {
    const body = {
      source: { file: '567890abc9b0307bc0414164' },
      destination: { volume: 'rfranklin/output', location: 'output.vcf' },
      overwrite: false,
    };
    const err = await failure(startExport(client, body));
    expect(err.kind).toBe('client');
    expect(err.status).toBe(409);
    expect(err.code).toBe(9107);
    const job = await startExport(client, {
      ...body,
      overwrite: true,
      properties: { sse_algorithm: 'AES256' },
    });
    expect(job.id).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(job.state).toBe('PENDING');
    expect(job.overwrite).toBe(true);
    expect(sim.job(job.id)?.destination?.location).toBe('output.vcf');
  });
});

describe('construction', () => {
  it('refuses a plain-http non-loopback endpoint', () => {
    expect(() => new SbClient({ endpoint: 'http://api.sbgenomics.com/v2', token: TOKEN })).toThrow(/http/);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { manyJobs } from '../../src/demo/seed.js';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/demo/simulator.js';
import type { ExportJob } from '../../src/platform/types.js';

const TOKEN = 'test-token-not-secret';
const T0 = Date.parse('2026-03-01T12:00:00Z');

let sims: Simulator[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});

async function sim(opts: SimulatorOptions = {}): Promise<Simulator> {
  const s = await startSimulator(opts);
  sims.push(s);
  return s;
}

// biome-ignore lint/suspicious/noExplicitAny: replies are probed field by field; the assertions do the typing
type Json = any;

async function call(
  s: Simulator,
  method: string,
  path: string,
  body?: unknown,
  token: string | null = TOKEN,
): Promise<{ status: number; headers: Headers; json: Json; text: string }> {
  const headers: Record<string, string> = {};
  if (token !== null) headers['X-SBG-Auth-Token'] = token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path.startsWith('http') ? path : `${s.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

function job(id: string, location = `${id}.txt`): ExportJob {
  return {
    id,
    state: 'PENDING',
    source: { file: `f-${id}` },
    destination: { volume: 'rfranklin/output', location },
    overwrite: false,
  };
}

describe('timeline', () => {
  it('moves PENDING → RUNNING → COMPLETED as the injected clock passes', async () => {
    let now = T0;
    const s = await sim({
      now: () => now,
      jobs: [{ job: job('j1'), runningAfterMs: 5_000, finishAfterMs: 20_000 }],
    });
    let got = (await call(s, 'GET', '/storage/exports/j1')).json;
    expect(got.state).toBe('PENDING');
    expect(got.started_on).toBeUndefined();
    expect(got.href).toBe(`${s.url}/storage/exports/j1`);

    now = T0 + 5_000;
    got = (await call(s, 'GET', '/storage/exports/j1')).json;
    expect(got.state).toBe('RUNNING');
    expect(got.started_on).toBe('2026-03-01T12:00:05Z');
    expect(got.finished_on).toBeUndefined();

    now = T0 + 60_000;
    got = (await call(s, 'GET', '/storage/exports/j1')).json;
    expect(got).toMatchObject({ state: 'COMPLETED', finished_on: '2026-03-01T12:00:20Z' });
    expect(got.error).toBeUndefined();
  });

  it('ends FAILED with the given error, and setJobState overrides the timeline', async () => {
    let now = T0;
    const error = { status: 409, code: 9107, message: 'Location on volume already contains a file.' };
    const s = await sim({
      now: () => now,
      jobs: [
        {
          job: job('f1'),
          runningAfterMs: 1_000,
          finishAfterMs: 2_000,
          finalState: 'FAILED',
          finalError: error,
        },
        { job: job('f2'), runningAfterMs: 1_000, finishAfterMs: 2_000 },
      ],
    });
    now = T0 + 3_000;
    expect(s.job('f1')).toMatchObject({ state: 'FAILED', error });
    s.setJobState('f2', 'FAILED', { status: 403, code: 9020, message: 'No privileges on the volume.' });
    now = T0 + 10_000;
    expect(s.job('f2')).toMatchObject({ state: 'FAILED', error: { code: 9020 } });
    expect(s.job('f2')?.finished_on).toBe('2026-03-01T12:00:02Z');
    s.setJobState('f1', 'RUNNING');
    expect(s.job('f1')?.state).toBe('RUNNING');
    expect(s.job('f1')?.error).toBeUndefined();
  });

  it('keeps a job without a timeline exactly as given, unknown fields included', async () => {
    const s = await sim({ jobs: [{ job: { ...job('k1'), state: 'COMPLETED', surprise: { a: 1 } } }] });
    const got = (await call(s, 'GET', '/storage/exports/k1')).json;
    expect(got).toMatchObject({ state: 'COMPLETED', surprise: { a: 1 } });
  });
});

describe('rate limit', () => {
  it('counts requests, sends the headers, answers 429 / 1000 over the limit, and resets', async () => {
    let now = T0;
    const s = await sim({
      now: () => now,
      jobs: [{ job: job('r1') }],
      rateLimit: { limit: 3, windowMs: 10_000 },
    });
    for (let i = 0; i < 3; i++) {
      const res = await call(s, 'GET', '/storage/exports/r1');
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBe('3');
      expect(res.headers.get('x-ratelimit-remaining')).toBe(String(2 - i));
      expect(res.headers.get('x-ratelimit-reset')).toBe(String((T0 + 10_000) / 1000));
    }
    const status = await call(s, 'GET', '/rate_limit');
    expect(status.status).toBe(200);
    expect(status.json.rate).toEqual({ limit: 3, remaining: 0, reset: (T0 + 10_000) / 1000 });
    expect(status.text).toContain('"remaining":18446744073709551615');

    const over = await call(s, 'GET', '/storage/exports/r1');
    expect(over.status).toBe(429);
    expect(over.json).toMatchObject({ status: 429, code: 1000 });
    expect(over.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(s.stats.rateLimited).toBe(1);
    expect(s.stats.requests).toBe(4);

    now = T0 + 10_000;
    expect((await call(s, 'GET', '/storage/exports/r1')).status).toBe(200);
  });

  it('fault switches change the headers', async () => {
    const s = await sim({ jobs: [{ job: job('h1') }] });
    s.faults.resetAsMilliseconds = true;
    const ms = Number((await call(s, 'GET', '/storage/exports/h1')).headers.get('x-ratelimit-reset'));
    expect(ms).toBeGreaterThan(1e12);
    s.faults.omitRateLimitHeaders = true;
    expect((await call(s, 'GET', '/storage/exports/h1')).headers.get('x-ratelimit-limit')).toBeNull();
  });
});

describe('auth', () => {
  it('answers 401 without a token or with an empty one', async () => {
    const s = await sim({ jobs: [{ job: job('a1') }] });
    expect((await call(s, 'GET', '/storage/exports/a1', undefined, null)).status).toBe(401);
    expect((await call(s, 'GET', '/storage/exports/a1', undefined, '')).status).toBe(401);
    expect((await call(s, 'GET', '/storage/exports/a1')).status).toBe(200);
  });
});

describe('bulk get', () => {
  it('answers one item per ID, reversed, with 9008 for unknown IDs, and refuses > 100', async () => {
    const s = await sim({ jobs: [{ job: job('b1') }, { job: job('b2') }] });
    const res = await call(s, 'POST', '/bulk/storage/exports/get', { export_ids: ['b1', 'nope', 'b2'] });
    expect(res.status).toBe(200);
    expect(res.json.items).toHaveLength(3);
    expect(res.json.items[0].resource.id).toBe('b2');
    expect(res.json.items[1].error).toMatchObject({ status: 404, code: 9008 });
    expect(res.json.items[2].resource.id).toBe('b1');
    expect(s.stats.idsRequested.get('b1')).toBe(1);
    expect(s.stats.lastBulkIds).toEqual(['b1', 'nope', 'b2']);

    const tooMany = Array.from({ length: 101 }, (_, i) => `x${i}`);
    expect((await call(s, 'POST', '/bulk/storage/exports/get', { export_ids: tooMany })).status).toBe(400);
    expect((await call(s, 'POST', '/bulk/storage/exports/get', { ids: [] })).status).toBe(400);
    expect(s.stats.bulkGets).toBe(1);
  });

  it('serves injected per-ID error items', async () => {
    const s = await sim({ jobs: [{ job: job('p1') }] });
    s.faults.itemErrors = { p1: { status: 403, code: 9005, message: 'No privileges.' } };
    const res = await call(s, 'POST', '/bulk/storage/exports/get', { export_ids: ['p1'] });
    expect(res.json.items[0]).toEqual({ error: { status: 403, code: 9005, message: 'No privileges.' } });
  });
});

describe('list', () => {
  it('pages with absolute links, filters, and trims fields unless _all', async () => {
    let now = T0;
    const jobs = Array.from({ length: 7 }, (_, i) => ({
      job: { ...job(`l${i}`), state: i < 4 ? 'COMPLETED' : 'FAILED' },
    }));
    const s = await sim({
      now: () => now,
      jobs: [...jobs, { job: { ...job('other'), destination: { volume: 'x/y' } } }],
    });
    const first = await call(s, 'GET', '/storage/exports?volume=rfranklin/output&limit=3');
    expect(first.headers.get('x-total-matching-query')).toBe('7');
    expect(first.json.items).toEqual([
      { href: `${s.url}/storage/exports/l0`, id: 'l0', state: 'COMPLETED' },
      { href: `${s.url}/storage/exports/l1`, id: 'l1', state: 'COMPLETED' },
      { href: `${s.url}/storage/exports/l2`, id: 'l2', state: 'COMPLETED' },
    ]);
    const next = first.json.links.find((l: { rel: string }) => l.rel === 'next');
    expect(next.href.startsWith(`${s.url}/storage/exports?`)).toBe(true);
    const second = await call(s, 'GET', next.href);
    expect(second.json.items.map((j: ExportJob) => j.id)).toEqual(['l3', 'l4', 'l5']);
    expect(second.json.links.map((l: { rel: string }) => l.rel).sort()).toEqual(['next', 'prev']);

    const failed = await call(s, 'GET', '/storage/exports?state=FAILED&state=RUNNING&fields=_all&limit=100');
    expect(failed.json.items.map((j: ExportJob) => j.id)).toEqual(['l4', 'l5', 'l6']);
    expect(failed.json.items[0].source).toEqual({ file: 'f-l4' });
    expect(failed.json.links).toEqual([]);

    expect((await call(s, 'GET', '/storage/exports?limit=0')).status).toBe(400);
    expect((await call(s, 'GET', '/storage/exports?limit=101')).status).toBe(400);
    expect(s.stats.lists).toBe(3);
    now += 1;
  });
});

describe('start export', () => {
  it('creates a job that runs to COMPLETED, and refuses a taken location with 409 / 9107', async () => {
    let now = T0;
    const s = await sim({
      now: () => now,
      jobs: [{ job: { ...job('done1', 'taken.vcf'), state: 'COMPLETED' } }],
    });
    const body = {
      source: { file: 'abc' },
      destination: { volume: 'rfranklin/output', location: 'taken.vcf' },
      overwrite: false,
      properties: { sse_algorithm: 'AES256' },
    };
    const conflict = await call(s, 'POST', '/storage/exports', body);
    expect(conflict.status).toBe(409);
    expect(conflict.json).toMatchObject({ status: 409, code: 9107 });

    const created = await call(s, 'POST', '/storage/exports', {
      ...body,
      destination: { ...body.destination, location: 'fresh.vcf' },
    });
    expect(created.status).toBe(201);
    const id: string = created.json.id;
    expect(id).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(created.json).toMatchObject({ state: 'PENDING', properties: { sse_algorithm: 'AES256' } });
    expect(s.stats.starts).toBe(2);

    now = T0 + 2_000;
    expect(s.job(id)?.state).toBe('RUNNING');
    now = T0 + 10_000;
    expect(s.job(id)?.state).toBe('COMPLETED');
    expect(
      (
        await call(s, 'POST', '/storage/exports', {
          ...body,
          destination: { ...body.destination, location: 'fresh.vcf' },
        })
      ).status,
    ).toBe(409);
    expect((await call(s, 'POST', '/storage/exports', { ...body, overwrite: true })).status).toBe(201);
  });

  it('validates the body', async () => {
    const s = await sim();
    expect((await call(s, 'POST', '/storage/exports', { source: {} })).status).toBe(400);
    expect(
      (await call(s, 'POST', '/storage/exports', { source: { file: 'a' }, destination: { volume: 'v' } }))
        .status,
    ).toBe(400);
    const bad = await fetch(`${s.url}/storage/exports`, {
      method: 'POST',
      headers: { 'X-SBG-Auth-Token': TOKEN, 'Content-Type': 'application/json' },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
  });
});

describe('bulk create', () => {
  const item = (file: string, location: string) => ({
    source: { file },
    destination: { volume: 'rfranklin/output', location },
    overwrite: false,
    properties: {},
  });

  it('answers {items: [{resource} | {error}]} in request order and reads copy_only from the query', async () => {
    const s = await sim({ jobs: [{ job: { ...job('t1', 'taken.vcf'), state: 'COMPLETED' } }] });
    const reply = await call(s, 'POST', '/bulk/storage/exports/create?copy_only=true', {
      items: [item('a', 'a.vcf'), item('b', 'taken.vcf'), { source: { file: 'c' } }, item('d', 'd.vcf')],
    });
    expect(reply.status).toBe(200);
    const items = reply.json.items;
    expect(items).toHaveLength(4);
    expect(items[0].resource).toMatchObject({ state: 'PENDING', source: { file: 'a' } });
    expect(items[0].resource.href).toBe(`${s.url}/storage/exports/${items[0].resource.id}`);
    expect(items[1]).toEqual({ error: expect.objectContaining({ status: 409, code: 9107 }) });
    expect(items[2].error).toMatchObject({ status: 400 });
    expect(items[3].resource.source.file).toBe('d');
    expect(s.started(items[0].resource.id)).toEqual({ copyOnly: true, via: 'bulk' });
    const moved = await call(s, 'POST', '/bulk/storage/exports/create', { items: [item('e', 'e.vcf')] });
    expect(s.started(moved.json.items[0].resource.id)?.copyOnly).toBe(false);
    expect(s.stats.bulkCreateSizes).toEqual([4, 1]);
  });

  it('refuses a body without items, an empty list, and more than 100 items', async () => {
    const s = await sim();
    expect((await call(s, 'POST', '/bulk/storage/exports/create', { export_ids: [] })).status).toBe(400);
    expect((await call(s, 'POST', '/bulk/storage/exports/create', { items: [] })).status).toBe(400);
    const many = Array.from({ length: 101 }, (_, i) => item(`f${i}`, `l${i}`));
    expect((await call(s, 'POST', '/bulk/storage/exports/create', { items: many })).status).toBe(400);
    const hundred = many.slice(0, 100);
    expect((await call(s, 'POST', '/bulk/storage/exports/create', { items: hundred })).status).toBe(200);
    expect(s.stats.bulkCreates).toBe(1);
  });
});

describe('faults', () => {
  it('serves html, truncated and garbage bodies, and hangs up', async () => {
    const s = await sim({ jobs: [{ job: job('g1') }] });
    s.faults.htmlBody = true;
    const html = await call(s, 'GET', '/storage/exports/g1');
    expect(html.status).toBe(502);
    expect(html.headers.get('content-type')).toContain('text/html');
    s.faults.htmlBody = false;
    s.faults.truncatedJson = true;
    const cut = await call(s, 'GET', '/storage/exports/g1');
    expect(cut.status).toBe(200);
    expect(cut.json).toBeUndefined();
    s.faults.truncatedJson = false;
    s.faults.garbageBody = true;
    expect((await call(s, 'GET', '/storage/exports/g1')).json).toBeUndefined();
    s.faults.garbageBody = false;
    s.faults.hangUp = true;
    await expect(call(s, 'GET', '/storage/exports/g1')).rejects.toThrow();
  });

  it('close() does not wait for stalled requests', async () => {
    const s = await startSimulator({ jobs: [{ job: job('s1') }] });
    s.faults.stallMs = 60_000;
    const pending = call(s, 'GET', '/storage/exports/s1').catch(() => 'closed');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await s.close();
    expect(await pending).toBe('closed');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('scale', () => {
  it('serves 10,000 jobs: a full bulk call and a state-filtered list stay quick', async () => {
    const s = await sim({ jobs: manyJobs(10_000, 300, T0), now: () => T0 });
    const list = await call(s, 'GET', '/storage/exports?state=RUNNING&state=PENDING&limit=100');
    expect(list.headers.get('x-total-matching-query')).toBe('300');
    const ids = list.json.items.map((j: ExportJob) => j.id);
    const started = performance.now();
    const res = await call(s, 'POST', '/bulk/storage/exports/get', { export_ids: ids });
    expect(res.json.items).toHaveLength(100);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MISSING_ID, demoJobs, demoWatchIds, manyJobs, syntheticId } from '../../src/demo/seed.js';
import { type Simulator, startSimulator } from '../../src/demo/simulator.js';
import { SbClient } from '../../src/platform/client.js';
import { bulkGetExports, chunk, listExports } from '../../src/platform/exports.js';
import type { ExportJob } from '../../src/platform/types.js';

const T0 = Date.parse('2026-03-01T12:00:00Z');
let now = T0;
let sim: Simulator;
let client: SbClient;

beforeAll(async () => {
  sim = await startSimulator({ jobs: demoJobs(T0), now: () => now });
  client = new SbClient({ endpoint: sim.url, token: 'test-token-not-secret' });
});
afterAll(async () => {
  await client.close();
  await sim.close();
});

describe('demo seed', () => {
  it('serves the seed page jobs verbatim apart from href', () => {
    const completed = sim.job('crand0mKvetGpxIjo088DnMXEg0t6srX');
    expect(completed).toMatchObject({
      state: 'COMPLETED',
      source: { file: '567890abc9b0307bc0414164' },
      destination: { volume: 'rfranklin/output', location: 'output.vcf' },
      started_on: '2016-06-15T19:17:39Z',
      finished_on: '2016-06-15T19:17:41Z',
      properties: { sse_algorithm: 'AES256', aws_storage_class: 'STANDARD', aws_canned_acl: 'public-read' },
      overwrite: false,
    });
    const failed = sim.job('yrand0mqLcnVaDEFYyM75zZ7M6rvTeZm');
    expect(failed?.error).toEqual({
      status: 409,
      code: 9107,
      message: 'Location on volume already contains a file. Check the documentation.',
      more_info: 'https://sb-biodatacatalyst.readme.io/reference/api-status-codes#9107',
    });
    expect(failed?.properties?.sse_aws_kms_key_id).toBe('67f68072-45b6-12b3-789c-37be8b0f2f04');
  });

  it('watch IDs are well-formed, distinct, end with the missing one, and all but it exist', async () => {
    const ids = demoWatchIds();
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(ids.at(-1)).toBe(DEMO_MISSING_ID);
    const items = await bulkGetExports(client, ids);
    const missing = items.filter((i) => 'error' in i).map((i) => i.id);
    expect(missing).toEqual([DEMO_MISSING_ID]);
  });

  it('live jobs finish within 90 s: all final at the end, one FAILED 9107 among them', async () => {
    const ids = demoWatchIds();
    const states = (jobs: ExportJob[]) => jobs.map((j) => j.state);
    const at = async (ms: number) => {
      now = T0 + ms;
      const items = await bulkGetExports(client, ids);
      return items.flatMap((i) => ('job' in i ? [i.job] : []));
    };
    const start = states(await at(0));
    expect(start).toContain('PENDING');
    expect(start).toContain('RUNNING');
    const end = await at(91_000);
    expect(end.every((j) => j.state === 'COMPLETED' || j.state === 'FAILED')).toBe(true);
    expect(end.filter((j) => j.error?.code === 9107)).toHaveLength(2);
    expect(end.some((j) => j.properties?.aws_storage_class === 'GLACIER')).toBe(true);
    expect(end.some((j) => 'transfer' in j && j.properties?.aws_object_tagging !== undefined)).toBe(true);
  });

  it('the platform list holds completed jobs the demo does not watch', async () => {
    const watched = new Set(demoWatchIds());
    const fresh: string[] = [];
    for await (const job of listExports(client, { volume: 'rfranklin/output', states: ['COMPLETED'] })) {
      if (!watched.has(job.id)) fresh.push(job.id);
    }
    expect(fresh.length).toBeGreaterThanOrEqual(3);
  });
});

describe('manyJobs', () => {
  it('is deterministic, distinct, and has exactly activeCount non-final jobs', async () => {
    const jobs = manyJobs(10_000, 300, T0);
    expect(manyJobs(10_000, 300, T0)).toEqual(jobs);
    expect(new Set(jobs.map((j) => j.job.id)).size).toBe(10_000);
    expect(syntheticId(42)).toMatch(/^[A-Za-z0-9]{32}$/);
    const big = await startSimulator({ jobs, now: () => T0 + 3_600_000 });
    const c = new SbClient({ endpoint: big.url, token: 'test-token-not-secret' });
    try {
      let active = 0;
      for (const part of chunk(jobs.map((j) => j.job.id))) {
        for (const item of await bulkGetExports(c, part)) {
          if ('job' in item && (item.job.state === 'PENDING' || item.job.state === 'RUNNING')) active++;
        }
      }
      expect(active).toBe(300);
      expect(big.stats.bulkGets).toBe(100);
    } finally {
      await c.close();
      await big.close();
    }
  });
});

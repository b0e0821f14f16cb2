import { afterEach, describe, expect, it } from 'vitest';
import { demoCatalog, demoFileId, READ_ONLY_VOLUME } from '../../src/demo/seed-catalog.js';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/demo/simulator.js';
import {
  bulkCreateAll,
  bulkCreateExports,
  type CreateResult,
  MISSING_CREATE_ERROR,
  matchCreateItems,
} from '../../src/platform/bulk-create.js';
import { SbClient } from '../../src/platform/client.js';
import { ApiError } from '../../src/platform/errors.js';
import { BULK_LIMIT, startExport } from '../../src/platform/exports.js';
import type { StartExportBody } from '../../src/platform/types.js';

const TOKEN = 'test-token-not-secret';
const VOLUME = 'lab-s3/cohort-2026';

let open: { sim: Simulator; client: SbClient }[] = [];
afterEach(async () => {
  await Promise.all(open.flatMap(({ sim, client }) => [client.close(), sim.close()]));
  open = [];
});

async function setup(opts: SimulatorOptions = {}): Promise<{ sim: Simulator; client: SbClient }> {
  const sim = await startSimulator({ token: TOKEN, ...opts });
  const client = new SbClient({ endpoint: sim.url, token: TOKEN });
  open.push({ sim, client });
  return { sim, client };
}

function body(file: string, location: string, overwrite = false): StartExportBody {
  return { source: { file }, destination: { volume: VOLUME, location }, overwrite, properties: {} };
}

const ok = (r: CreateResult) => ('job' in r ? r.job : undefined);
const err = (r: CreateResult) => ('error' in r ? r.error : undefined);

describe('bulkCreateExports over HTTP', () => {
  it('sends 250 exports as 3 calls of ≤ 100, each job answering its own request, in order', async () => {
    const { sim, client } = await setup();
    const items = Array.from({ length: 250 }, (_, i) => body(`file-${i}`, `run/f${i}.cram`));
    const seen: number[][] = [];
    const results = await bulkCreateAll(client, items, {
      copyOnly: true,
      onChunk: (part) => {
        seen.push(part.map((r) => r.index));
      },
    });
    expect(sim.stats.bulkCreates).toBe(3);
    expect(sim.stats.bulkCreateSizes).toEqual([100, 100, 50]);
    expect(client.stats.requests).toBe(3);
    expect(sim.stats.requests).toBe(3);
    expect(seen.map((s) => [s[0], s.at(-1)])).toEqual([
      [0, 99],
      [100, 199],
      [200, 249],
    ]);
    expect(results.map((r) => r.index)).toEqual(items.map((_, i) => i));
    for (const [i, r] of results.entries()) {
      const job = ok(r);
      expect(job?.source?.file).toBe(`file-${i}`);
      expect(job?.destination?.location).toBe(`run/f${i}.cram`);
      expect(sim.job(job!.id)?.state).toBe('PENDING');
    }
    expect(new Set(results.map((r) => ok(r)?.id)).size).toBe(250);
  });

  it('a 429 mid-way stops the run after the calls that were answered, each already handed to onChunk', async () => {
    const { sim, client } = await setup({ rateLimit: { limit: 2, windowMs: 300_000 } });
    const items = Array.from({ length: 250 }, (_, i) => body(`file-${i}`, `run/f${i}.cram`));
    const handed: number[] = [];
    const run = bulkCreateAll(client, items, { onChunk: (part) => void handed.push(part.length) });
    await expect(run).rejects.toMatchObject({ kind: 'rate-limited', status: 429 });
    expect(handed).toEqual([100, 100]);
    expect(sim.stats.bulkCreateSizes).toEqual([100, 100]);
    expect(sim.stats.rateLimited).toBe(1);
  });

  it('refuses more than BULK_LIMIT items in one call, in the client and in the simulator', async () => {
    const { sim, client } = await setup();
    const items = Array.from({ length: BULK_LIMIT + 1 }, (_, i) => body(`f${i}`, `l${i}`));
    await expect(bulkCreateExports(client, items)).rejects.toBeInstanceOf(RangeError);
    const res = await fetch(`${sim.url}/bulk/storage/exports/create`, {
      method: 'POST',
      headers: { 'X-SBG-Auth-Token': TOKEN, 'Content-Type': 'application/json' },
      body: JSON.stringify({ items }),
    });
    expect(res.status).toBe(400);
    expect(sim.stats.bulkCreates).toBe(0);
  });

  it('answers each item on its own: read-only volume, invalid item, public file, alias, taken location', async () => {
    const catalog = demoCatalog();
    const { sim, client } = await setup({ catalog });
    const byName = (name: string) => catalog.files!.find((f) => f.name === name)!.id;
    const items: StartExportBody[] = [
      body(byName('sample_0001.cram'), 'cohort/batch_01/sample_0001.cram'),
      {
        ...body(byName('sample_0002.cram'), 'x.cram'),
        destination: { volume: READ_ONLY_VOLUME, location: 'x.cram' },
      },
      { source: { file: '' }, destination: { volume: VOLUME, location: 'y' } } as StartExportBody,
      body(byName('Homo_sapiens_assembly38.fasta'), 'ref.fasta'),
      body(byName('plate_map.xlsx'), 'plate_map.xlsx'),
      body(byName('sample_0005.cram'), 'cohort/batch_01/sample_0005.cram'),
      body(byName('sample_0006.cram'), 'cohort/batch_01/sample_0006.cram', true),
    ];
    const results = await bulkCreateExports(client, items, { copyOnly: true });
    expect(results).toHaveLength(items.length);
    expect(ok(results[0]!)?.state).toBe('PENDING');
    expect(err(results[1]!)).toMatchObject({ status: 403, code: 9101 });
    expect(err(results[1]!)?.message).toContain(READ_ONLY_VOLUME);
    expect(err(results[2]!)).toMatchObject({ status: 400, message: 'source.file is required.' });
    expect(err(results[3]!)).toMatchObject({ status: 403, code: 9006 });
    expect(err(results[4]!)).toMatchObject({ status: 403, code: 9006 });
    expect(err(results[4]!)?.message).toContain('alias');
    expect(err(results[5]!)).toMatchObject({ status: 409, code: 9107 });
    expect(ok(results[6]!)?.overwrite).toBe(true);
    expect(results.map((r) => r.request)).toEqual(items);
    expect(sim.stats.bulkCreates).toBe(1);
    expect(sim.file(byName('Homo_sapiens_assembly38.fasta'))?.storage).toEqual({ type: 'PLATFORM' });
  });

  it('serves an injected refusal for one source file and starts the others', async () => {
    const { sim, client } = await setup();
    sim.faults.createErrors = {
      'file-b': { status: 403, code: 9020, message: 'No privileges on the volume.' },
    };
    const results = await bulkCreateExports(client, [
      body('file-a', 'a'),
      body('file-b', 'b'),
      body('file-c', 'c'),
    ]);
    expect(results.map((r) => ('job' in r ? 'job' : r.error.code))).toEqual(['job', 9020, 'job']);
  });
});

describe('copy_only and move', () => {
  it('records copy_only per created job, bulk and single, and the job object does not carry it', async () => {
    const { sim, client } = await setup();
    const [copied] = await bulkCreateExports(client, [body('f1', 'one')], { copyOnly: true });
    const [moved] = await bulkCreateExports(client, [body('f2', 'two')]);
    const single = await startExport(client, body('f3', 'three'), undefined, { copyOnly: true });
    const singleMove = await startExport(client, body('f4', 'four'));
    expect(sim.started(ok(copied!)!.id)).toEqual({ copyOnly: true, via: 'bulk' });
    expect(sim.started(ok(moved!)!.id)).toEqual({ copyOnly: false, via: 'bulk' });
    expect(sim.started(single.id)).toEqual({ copyOnly: true, via: 'single' });
    expect(sim.started(singleMove.id)).toEqual({ copyOnly: false, via: 'single' });
    expect(single.copy_only).toBeUndefined();
    expect(sim.started('no-such-job')).toBeUndefined();
  });

  it('a move turns the project file into an alias, so a second export of it is refused; a copy does not', async () => {
    const catalog = demoCatalog();
    const { sim, client } = await setup({ catalog });
    const copyId = demoFileId(10);
    const moveId = demoFileId(12);
    expect(sim.file(moveId)?.storage).toEqual({ type: 'PLATFORM' });

    await bulkCreateExports(client, [body(copyId, 'copy/one.cram')], { copyOnly: true });
    expect(sim.file(copyId)?.storage).toEqual({ type: 'PLATFORM' });
    const again = await bulkCreateExports(client, [body(copyId, 'copy/two.cram')], { copyOnly: true });
    expect(ok(again[0]!)).toBeDefined();

    await bulkCreateExports(client, [body(moveId, 'move/one.cram')]);
    expect(sim.file(moveId)?.storage).toEqual({ type: 'VOLUME', volume: VOLUME, location: 'move/one.cram' });
    const second = await bulkCreateExports(client, [body(moveId, 'move/two.cram')], { copyOnly: true });
    expect(err(second[0]!)).toMatchObject({ code: 9006 });
    const single = startExport(client, body(moveId, 'move/three.cram'));
    await expect(single).rejects.toMatchObject({ status: 403, code: 9006 });
    await expect(single).rejects.toBeInstanceOf(ApiError);
  });
});

describe('matchCreateItems', () => {
  const reqs = [body('a', 'la'), body('b', 'lb'), body('c', 'lc')];
  const job = (r: StartExportBody, id: string) => ({
    job: { id, state: 'PENDING', source: r.source, destination: r.destination },
  });
  const error = { error: { status: 403, code: 9101, message: 'read-only' } };

  it('keeps request order when every resource sits at its request', () => {
    const items = [job(reqs[0]!, 'J0'), error, job(reqs[2]!, 'J2')];
    expect(matchCreateItems(reqs, items)).toEqual(items);
  });

  it('matches shuffled resources by file, volume and location; errors fill the rest in order', () => {
    const out = matchCreateItems(reqs, [job(reqs[2]!, 'J2'), error, job(reqs[0]!, 'J0')]);
    expect(out.map((o) => ('job' in o ? o.job.id : o.error.code))).toEqual(['J0', 9101, 'J2']);
  });

  it('a request the reply says nothing about gets the "may or may not have started" error', () => {
    const out = matchCreateItems(reqs, [job(reqs[1]!, 'J1')]);
    expect(out).toEqual([
      { error: MISSING_CREATE_ERROR },
      job(reqs[1]!, 'J1'),
      { error: MISSING_CREATE_ERROR },
    ]);
  });
});

// The transfer layer on the real platform functions (platformPorts) over HTTP, against the simulator and the
// demo catalog: walk, plan, submit, resume.
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PROJECT, demoCatalog, READ_ONLY_VOLUME } from '../../src/demo/seed-catalog.js';
import { COHORT, OUTPUT } from '../../src/demo/seed-jobs.js';
import { type Simulator, startSimulator } from '../../src/demo/simulator.js';
import { SbClient } from '../../src/platform/client.js';
import type { ExportJob } from '../../src/platform/types.js';
import { budgetWaiter } from '../../src/transfer/budget-wait.js';
import { type ExportDestination, planExport } from '../../src/transfer/export-plan.js';
import { FolderPathError, resolveFolder } from '../../src/transfer/folder-path.js';
import { type PlatformPorts, platformPorts } from '../../src/transfer/platform-ports.js';
import { findCreated } from '../../src/transfer/recover.js';
import { type ItemResult, type SubmitOptions, submitInBatches } from '../../src/transfer/submit.js';
import { type WalkOptions, walkFolder } from '../../src/transfer/walk.js';
import { FakeClock } from './fakes.js';

const TOKEN = 'test-token-not-secret';

let open: { sim: Simulator; client: SbClient }[] = [];
afterEach(async () => {
  await Promise.all(open.flatMap(({ sim, client }) => [client.close(), sim.close()]));
  open = [];
});

async function setup(): Promise<{ sim: Simulator; ports: PlatformPorts }> {
  const sim = await startSimulator({ token: TOKEN, catalog: demoCatalog() });
  const client = new SbClient({ endpoint: sim.url, token: TOKEN });
  open.push({ sim, client });
  return { sim, ports: platformPorts(client) };
}

async function walkPath(ports: PlatformPorts, path: string, opts: WalkOptions) {
  const start = await resolveFolder(ports, DEMO_PROJECT, path);
  return walkFolder(ports, start, opts);
}

async function plan(
  ports: PlatformPorts,
  path: string,
  opts: WalkOptions,
  dest: ExportDestination,
  watched: ExportJob[] = [],
) {
  return planExport(await walkPath(ports, path, opts), dest, watched);
}

const jobsOf = (results: readonly ItemResult[]) => results.flatMap((r) => ('job' in r ? [r.job] : []));
const reasons = (skipped: readonly { reason: string; path: string }[]) =>
  skipped.map((s) => `${s.reason} ${s.path}`).sort();

describe('walk and plan over HTTP (demo catalog)', () => {
  it('resolves a folder path by names from the root, and says which segment is missing', async () => {
    const { ports } = await setup();
    const batch = await resolveFolder(ports, DEMO_PROJECT, '/cohort/batch_02/');
    expect(batch.path).toBe('cohort/batch_02');
    const walk = await walkFolder(ports, batch, { include: ['*.cram'] });
    expect(walk.matched.map((f) => f.path).slice(0, 2)).toEqual(['sample_0101.cram', 'sample_0102.cram']);
    expect(walk.files).toBe(100);
    expect(walk.unmatched).toBe(100);
    await expect(resolveFolder(ports, DEMO_PROJECT, 'cohort/batch_99')).rejects.toThrow(
      new FolderPathError(`No folder "cohort/batch_99" in project ${DEMO_PROJECT}`),
    );
    await expect(resolveFolder(ports, DEMO_PROJECT, 'manifest.tsv/x')).rejects.toThrow(
      /is a file, not a folder/,
    );
  });

  it('the root without subfolders: its files, and its folders skipped as folders', async () => {
    const { ports } = await setup();
    const p = await plan(ports, '', {}, { volume: OUTPUT });
    expect(p.items.map((i) => i.body.destination.location)).toEqual(['manifest.tsv', 'README.md']);
    expect(reasons(p.skipped)).toEqual([
      'folder cohort',
      'folder imported',
      'folder reference',
      'folder results',
    ]);
  });

  it('skips aliases, public reference files, and what the watch list exported or is exporting there', async () => {
    const { sim, ports } = await setup();
    const dest = { volume: OUTPUT, prefix: 'lab' };
    const include = ['cohort/batch_03/*.cram', 'reference/*.fasta', 'imported/*'];
    const first = await plan(ports, '', { include, recursive: true }, dest);
    // Two of them exported earlier, as the watch list remembers: one finished, one still running.
    const earlier = first.items.filter((i) => /sample_020[12]/.test(i.path));
    const sent = await submitInBatches(
      earlier.map((i) => i.body),
      ports,
    );
    const [done, running] = jobsOf(sent.results);
    sim.setJobState(done!.id, 'COMPLETED');
    sim.setJobState(running!.id, 'RUNNING');
    const watched = [sim.job(done!.id)!, sim.job(running!.id)!];

    const again = await plan(ports, '', { include, recursive: true }, dest, watched);
    expect(reasons(again.skipped)).toEqual([
      'alias cohort/batch_03/sample_0250.cram',
      'alias imported/consent_summary.pdf',
      'alias imported/pedigree.ped',
      'alias imported/plate_map.xlsx',
      'already-exported cohort/batch_03/sample_0201.cram',
      'already-running cohort/batch_03/sample_0202.cram',
      'public reference/Homo_sapiens_assembly38.fasta',
    ]);
    expect(again.items).toHaveLength(97);
    expect(again.items[0]!.body.destination).toEqual({
      volume: OUTPUT,
      location: 'lab/cohort/batch_03/sample_0203.cram',
    });
    expect(again.summary).toMatch(/^Export 97 files .* to rfranklin\/output:lab\/ \(4 skipped: aliases/);
  });
});

describe('submit over HTTP', () => {
  it('250 exports are 3 bulk calls of 100, 100 and 50, every one copy_only, within the budget', async () => {
    const { sim, ports } = await setup();
    const p = await plan(
      ports,
      'cohort',
      { include: ['batch_0[12]/*'], recursive: true },
      { volume: OUTPUT },
    );
    const clock = new FakeClock();
    sim.resetStats();
    const out = await submitInBatches(
      p.items.slice(0, 250).map((i) => i.body),
      ports,
      { budget: budgetWaiter(ports, clock) },
    );
    expect(sim.stats.bulkCreateSizes).toEqual([100, 100, 50]);
    expect(sim.stats.requests).toBe(3);
    expect(out.calls).toBe(3);
    expect(clock.sleeps).toEqual([]);
    const jobs = jobsOf(out.results);
    expect(jobs).toHaveLength(250);
    expect(jobs.map((j) => j.source?.file)).toEqual(p.items.slice(0, 250).map((i) => i.file.id));
    expect(jobs.every((j) => sim.started(j.id)?.copyOnly === true && sim.started(j.id)?.via === 'bulk')).toBe(
      true,
    );
    // A copy keeps the project file as it was.
    expect(sim.file(p.items[0]!.file.id)!.storage).toEqual({ type: 'PLATFORM' });
  });

  it('a move is recorded as one, and leaves the project file an alias of the exported object', async () => {
    const { sim, ports } = await setup();
    const p = await plan(ports, 'results', {}, { volume: OUTPUT, copy: false });
    const out = await submitInBatches(
      p.items.map((i) => i.body),
      ports,
      { copyOnly: p.copy },
    );
    const [job] = jobsOf(out.results);
    expect(sim.started(job!.id)).toEqual({ copyOnly: false, via: 'bulk' });
    expect(sim.file(p.items[0]!.file.id)!.storage).toMatchObject({ type: 'VOLUME', volume: OUTPUT });
  });

  it('a read-only volume is refused per item, and the run goes on to the end', async () => {
    const { sim, ports } = await setup();
    const p = await plan(ports, 'cohort/batch_04', { include: ['*.crai'] }, { volume: READ_ONLY_VOLUME });
    const out = await submitInBatches(
      p.items.map((i) => i.body),
      ports,
    );
    expect(out.stopped).toBeUndefined();
    expect(out.calls).toBe(1);
    expect(out.results).toHaveLength(100);
    for (const r of out.results) {
      expect('error' in r && r.error).toMatchObject({ status: 403, code: 9101 });
    }
    expect(sim.stats.bulkCreates).toBe(1);
  });

  it('mixes accepted and refused items in one call: a location already taken is a 9107 for that item only', async () => {
    const { ports } = await setup();
    const p = await plan(ports, 'cohort/batch_01', { include: ['sample_000[4-7].cram'] }, { volume: COHORT });
    const out = await submitInBatches(
      p.items.map((i) => i.body),
      ports,
    );
    const codes = out.results.map((r) => ('error' in r ? r.error.code : 'ok'));
    expect(codes).toEqual(['ok', 9107, 9107, 'ok']);
  });
});

describe('resume over HTTP', () => {
  const source = { include: ['batch_0[12]/*.cram'], recursive: true };
  const dest = { volume: OUTPUT, prefix: 'resume' };

  async function run(ports: PlatformPorts, watch: ExportJob[], opts: SubmitOptions = {}) {
    const p = await plan(ports, 'cohort', source, dest, watch);
    const out = await submitInBatches(
      p.items.map((i) => i.body),
      ports,
      {
        ...opts,
        onBatch: async (results, progress) => {
          watch.push(...jobsOf(results));
          await opts.onBatch?.(results, progress);
        },
      },
    );
    return { p, out };
  }

  it('after a 401 mid-way, the second run sends only the rest: every file once', async () => {
    const { sim, ports } = await setup();
    const watch: ExportJob[] = [];
    const first = await run(ports, watch, {
      onBatch: () => {
        sim.faults.auth = true;
      },
    });
    expect(first.p.items).toHaveLength(200);
    expect(first.out.stopped).toMatchObject({ reason: 'auth', uncertain: false });
    expect(watch).toHaveLength(100);

    sim.faults.auth = false;
    sim.resetStats();
    const second = await run(ports, watch);
    expect(second.p.items).toHaveLength(100);
    expect(second.p.skipped.filter((s) => s.reason === 'already-running')).toHaveLength(100);
    expect(sim.stats.bulkCreateSizes).toEqual([100]);
    const files = watch.map((j) => j.source?.file);
    expect(new Set(files).size).toBe(200);
    expect(files).toHaveLength(200);
  });

  it('after a rate limit mid-way or an abort, likewise; a run after the last sends nothing', async () => {
    const { sim, ports } = await setup();
    const watch: ExportJob[] = [];
    const first = await run(ports, watch, {
      onBatch: () => {
        sim.faults.rateLimited = true;
      },
    });
    expect(first.out.stopped).toMatchObject({ reason: 'rate-limited', uncertain: false });
    expect(watch).toHaveLength(100);
    sim.faults.rateLimited = false;
    const aborted = await run(ports, watch, { signal: AbortSignal.abort() });
    expect(aborted.out.stopped).toMatchObject({ reason: 'aborted', uncertain: false });
    expect(aborted.out.remaining).toHaveLength(100);
    const second = await run(ports, watch);
    expect(second.out.results).toHaveLength(100);
    sim.resetStats();
    const third = await run(ports, watch);
    expect(third.p.items).toEqual([]);
    expect(sim.stats.bulkCreates).toBe(0);
    expect(new Set(watch.map((j) => j.source?.file)).size).toBe(200);
    expect(watch).toHaveLength(200);
  });

  it('jobs the watch list lost (a crash before the save) are found on the platform and not sent again', async () => {
    const { sim, ports } = await setup();
    const lost: ExportJob[] = [];
    const controller = new AbortController();
    const first = await run(ports, lost, { signal: controller.signal, onBatch: () => controller.abort() });
    expect(first.out.results).toHaveLength(100);
    const found = await findCreated(
      first.p.items.map((i) => i.body),
      ports,
    );
    expect(found.map((j) => j.id).sort()).toEqual(lost.map((j) => j.id).sort());
    sim.resetStats();
    const second = await run(ports, found);
    expect(second.p.items).toHaveLength(100);
    expect(sim.stats.bulkCreateSizes).toEqual([100]);
  });
});

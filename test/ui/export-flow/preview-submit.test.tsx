// Steps 3 and 4 against the simulator: skip reasons, confirm, progress, per-item refusals, resume.
import { afterEach, describe, expect, it } from 'vitest';
import { demoCatalog } from '../../../src/demo/seed-catalog.js';
import { ApiError } from '../../../src/platform/errors.js';
import type { ExportJob } from '../../../src/platform/types.js';
import {
  type Flow,
  type FlowOptions,
  has,
  KEY,
  mountFlow,
  openBatch01,
  openDemoProject,
  selectedLine,
  unmountAll,
} from './flow-harness.js';

afterEach(unmountAll);

const OUTPUT = 'rfranklin/output';
const COHORT = 'lab-s3/cohort-2026';
const FILES = demoCatalog().files ?? [];
const fileId = (name: string) => FILES.find((f) => f.name === name)!.id;

/** From the chosen folder's filter to the preview, on `volume` with the default prefix and copy. */
async function toPreview(flow: Flow, glob: string, volume: string) {
  await flow.press('.', has('file filter'), 'the filter step');
  if (glob) await flow.press(glob, has(glob), 'the glob typed');
  await flow.press(KEY.enter, has('4 volumes, 3 read-write'), 'the volume step');
  await flow.press(KEY.home, (x) => selectedLine(x).includes(COHORT), 'the first volume');
  if (volume === OUTPUT) await flow.press(KEY.down, (x) => selectedLine(x).includes(OUTPUT), 'output');
  await flow.press(KEY.enter, has('path and mode'), 'the options step');
  return flow.press(KEY.enter, has('3/4 Preview'), 'the preview');
}

async function batch01Preview(glob: string, volume: string, opts: FlowOptions = {}) {
  const flow = await mountFlow(opts);
  await openBatch01(flow);
  const f = await toPreview(flow, glob, volume);
  return { flow, f };
}

const flat = (f: string) => f.replace(/\n/g, ' ');

describe('export flow: preview', () => {
  it('skips folders when subfolders are left out', async () => {
    const flow = await mountFlow();
    await openDemoProject(flow);
    await flow.press('.', has('file filter'), 'the filter step');
    await flow.press(KEY.down, (x) => selectedLine(x).includes('Include subfolders'), 'the subfolder field');
    await flow.press(' ', has('[ ] no'), 'subfolders off');
    await flow.press(KEY.enter, has('4 volumes'), 'the volume step');
    await flow.press(KEY.down, (x) => selectedLine(x).includes(OUTPUT), 'output');
    await flow.press(KEY.enter, has('path and mode'), 'the options step');
    const f = await flow.press(KEY.enter, has('3/4 Preview'), 'the preview');
    expect(flat(f)).toContain('Export 2 files');
    expect(flat(f)).toContain('4 skipped: folders');
    expect(f).toContain('✗ skip cohort: a folder (subfolders not included)');
    expect(f).toContain('✓ send manifest.tsv');
    expect(f).toContain('✓ send README.md');
  });

  it('skips aliases, public reference files and what the watch list already exported or is exporting', async () => {
    const watched: ExportJob[] = [
      {
        id: 'done-job-1',
        state: 'COMPLETED',
        source: { file: fileId('sample_0001.cram') },
        destination: { volume: OUTPUT, location: 'cohort/batch_01/sample_0001.cram' },
      },
      {
        id: 'live-job-2',
        state: 'RUNNING',
        source: { file: fileId('sample_0002.cram') },
        destination: { volume: OUTPUT, location: 'cohort/batch_01/sample_0002.cram' },
      },
    ];
    const flow = await mountFlow({ props: { watchedJobs: watched } });
    await openDemoProject(flow);
    const f = await toPreview(flow, '*.fasta *.xlsx sample_000?.cram', OUTPUT);
    expect(f).toMatch(/✗ skip reference\/Homo_sapiens_assembly38\.fasta: a public reference file/);
    expect(f).toMatch(/✗ skip imported\/plate_map\.xlsx: an alias of a volume file/);
    expect(f).toContain(
      '✗ skip cohort/batch_01/sample_0001.cram: already exported to rfranklin/output by done-job-1',
    );
    expect(f).toContain('✗ skip cohort/batch_01/sample_0002.cram: already being exported by live-job-2');
    expect(f).toContain('✓ send cohort/batch_01/sample_0003.cram');
    expect(flat(f)).toContain('Export 7 files');
    // The cohort's moved samples (n % 500 = 250) are aliases too, but the glob left them out: 9 - 2 = 7.
    expect(f).toContain('4 skipped');
  });
});

describe('export flow: confirm', () => {
  it('sends nothing before y, then submits in batches, handing each batch to onSubmitted before the next', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { flow } = await batch01Preview('', OUTPUT, {
      // The first batch is held until the screen has shown its progress: the second call must wait for it.
      onSubmitted: async () => {
        if (flowRef.batches.length === 1) await held;
      },
    });
    const flowRef = flow;
    expect(flow.sim.stats.bulkCreates).toBe(0);
    await flow.press(KEY.enter, has('Press y to start'), 'Enter is not a confirmation');
    expect(flow.sim.stats.bulkCreates).toBe(0);
    let f = await flow.press('y', has('submitted 100/200'), 'the first batch done');
    expect(f).toContain('100 started');
    expect(flow.sim.stats.bulkCreates).toBe(1);
    expect(flow.batches[0]).toHaveLength(100);
    release();
    f = await flow.waitFor(has('submitted 200/200'), 'the second batch');
    f = await flow.waitFor(has('Done: every export was accepted'), 'the summary');
    expect(f).toContain('200 started · 0 refused');
    expect(flow.sim.stats.bulkCreateSizes).toEqual([100, 100]);
    expect(flow.batches.map((b) => b.length)).toEqual([100, 100]);
    const job = flow.batches[1]![0]!;
    expect(flow.sim.job(job.id)?.destination?.volume).toBe(OUTPUT);
    // A copy: the project file is still a platform file.
    expect(flow.sim.file(String(job.source?.file))?.storage?.type).toBe('PLATFORM');
    await flow.press('x', () => flow.closed === 1, 'any key closes the summary');
  });

  it('shows per-item refusals per file and in a summary', async () => {
    const { flow } = await batch01Preview('sample_000?.cram', COHORT);
    flow.sim.faults.createErrors = {
      [fileId('sample_0001.cram')]: { status: 403, code: 9005, message: 'Insufficient privileges.' },
    };
    const f = await flow.press('y', has('Done with 3 refusals'), 'the summary');
    expect(f).toContain('submitted 9/9 · 6 started · 3 refused');
    expect(f).toContain('2 × 9107 Location on volume already contains a file');
    expect(f).toContain('1 × 9005 Insufficient privileges.');
    expect(f).toContain('✗ sample_0001.cram: 9005 Insufficient privileges.');
    expect(f).toContain('✗ sample_0005.cram: 9107 Location on volume already contains a file');
    expect(f).toContain('✗ sample_0006.cram: 9107');
    expect(flow.batches.flat()).toHaveLength(6);
  });

  it('resumes an interrupted run: what was submitted shows as running and is not sent again', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = await batch01Preview('', OUTPUT, { onSubmitted: () => held });
    await first.flow.press('y', has('submitted 100/200'), 'the first batch');
    // Esc while the first batch is being saved: the run stops before the second call.
    await first.flow.press(KEY.esc, has('submitted 100/200'), 'still the first batch');
    release();
    let f = await first.flow.waitFor(has('Stopped (aborted)'), 'the stop');
    expect(f).toContain('100 not sent');
    expect(first.flow.sim.stats.bulkCreates).toBe(1);
    const saved = first.flow.batches.flat();
    expect(saved).toHaveLength(100);

    const { flow } = await batch01Preview('', OUTPUT, { sim: first.flow.sim, props: { watchedJobs: saved } });
    f = flow.frame();
    expect(flat(f)).toContain('Export 100 files');
    expect(flat(f)).toContain('100 skipped: already running');
    expect(f).toContain(`already being exported by ${saved[0]!.id}`);
    f = await flow.press('y', has('Done: every export was accepted'), 'the rest sent');
    expect(f).toContain('submitted 100/100');
    const sentFiles = [...saved, ...flow.batches.flat()].map((j) => j.source?.file);
    expect(new Set(sentFiles).size).toBe(200);
    expect(flow.sim.stats.bulkCreateSizes).toEqual([100, 100]);
  });
});

describe('export flow: thousands of files', () => {
  it('windows a preview of the whole project (4,010 files) and sends nothing before y', async () => {
    const flow = await mountFlow();
    await openDemoProject(flow);
    let f = await toPreview(flow, '', OUTPUT);
    expect(flat(f)).toContain('Export 4,000 files');
    expect(f).toMatch(/4,000 files to send, 10 skipped 1–\d+ of 4,010/);
    expect(f.split('\n').length).toBeLessThanOrEqual(30);
    f = await flow.press(KEY.end, has('–4,010 of 4,010'), 'the end of the list');
    // The walk lists a folder's own files first, then its subfolders: the last file sent is in results/.
    expect(selectedLine(f)).toContain('✓ send results/multiqc_report.html');
    expect(f).not.toContain('manifest.tsv');
    expect(f.split('\n').length).toBeLessThanOrEqual(30);
    // Esc leaves the preview without sending any of them.
    await flow.press(KEY.esc, has('path and mode'), 'the options again');
    expect(flow.sim.stats.bulkCreates).toBe(0);
  });
});

describe('export flow: stops', () => {
  it('stops on a 401 between batches and says what was not sent', async () => {
    const { flow } = await batch01Preview('', OUTPUT, {
      onSubmitted: () => {
        flow.sim.faults.auth = true;
      },
    });
    const f = await flow.press('y', has('Stopped (auth)'), 'the stop');
    expect(flat(f)).toContain('100 not sent: start the same export again to send only those.');
    expect(f).toContain('submitted 100/200 · 100 started');
    expect(flow.batches.flat()).toHaveLength(100);
  });

  it('looks up the jobs of a call whose answer was lost, and watches them instead of losing them', async () => {
    let calls = 0;
    const { flow } = await batch01Preview('', OUTPUT, {
      wrapPorts: (ports) => ({
        ...ports,
        bulkCreate: async (items, opts) => {
          const results = await ports.bulkCreate(items, opts);
          // The platform did the second call; its answer never arrived.
          if (++calls === 2) throw new ApiError('timeout', 'The platform did not answer in time');
          return results;
        },
      }),
    });
    const f = await flow.press('y', has('found on the volume and watched'), 'the recovery');
    expect(flat(f)).toContain(
      "The last call's answer was lost: 100 jobs of it found on the volume and watched.",
    );
    expect(f).toContain('Stopped (failed)');
    expect(flow.batches.map((b) => b.length)).toEqual([100, 100]);
    expect(new Set(flow.batches.flat().map((j) => j.source?.file)).size).toBe(200);
  });
});

describe('export flow: inside a re-rendering App', () => {
  it('keeps a submission running when the App re-renders it with new ports (no re-send)', async () => {
    const { flow } = await batch01Preview('', OUTPUT, {
      // Saving the jobs changes the App's state: it renders the flow again, with a fresh ports object.
      onSubmitted: () => flow.rerender(),
    });
    const f = await flow.press('y', has('Done: every export was accepted'), 'the run done');
    expect(f).toContain('submitted 200/200');
    expect(flow.sim.stats.bulkCreateSizes).toEqual([100, 100]);
  });
});

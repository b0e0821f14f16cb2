import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/platform/errors.js';
import type { ExportJob } from '../../src/platform/types.js';
import { planExport } from '../../src/transfer/export-plan.js';
import type { FolderItem } from '../../src/transfer/ports.js';
import { type ItemResult, submitInBatches } from '../../src/transfer/submit.js';
import { walkFolder } from '../../src/transfer/walk.js';
import { FakeBulk, FakeFolders, file } from './fakes.js';

const N = 250;
const items: FolderItem[] = Array.from({ length: N }, (_, i) =>
  file(`f${i}`, `s${String(i).padStart(3, '0')}.bam`),
);
const folders = new FakeFolders({ cohort: items });
const dest = { volume: 'lab/out', prefix: 'cohort' };

/** The watch list as the caller keeps it: each batch's new jobs saved before the next batch. */
class WatchList {
  jobs: ExportJob[] = [];
  save = (results: ItemResult[]) => {
    for (const r of results) if ('job' in r) this.jobs.push(r.job);
  };
}

async function run(watch: WatchList, bulk: FakeBulk, signal?: AbortSignal) {
  const walk = await walkFolder(folders, { ref: { parent: 'cohort' }, path: 'cohort' });
  const plan = planExport(walk, dest, watch.jobs);
  const out = await submitInBatches(
    plan.items.map((i) => i.body),
    bulk,
    { signal, onBatch: watch.save },
  );
  return { plan, out };
}

const submittedFiles = (bulk: FakeBulk) => bulk.calls.flatMap((c) => c.items.map((i) => i.source.file));

describe('an interrupted export started again', () => {
  it('after Ctrl-C mid-way, sends only the files not yet submitted', async () => {
    const controller = new AbortController();
    const watch = new WatchList();
    const bulk = new FakeBulk({
      beforeCall: (n) => {
        if (n === 2) controller.abort();
      },
    });
    const stopped = await run(watch, bulk, controller.signal);
    expect(stopped.out.stopped?.reason).toBe('aborted');
    expect(watch.jobs).toHaveLength(100);

    const resumed = await run(watch, bulk);
    expect(resumed.plan.items).toHaveLength(N - 100);
    expect(resumed.plan.skipped.filter((s) => s.reason === 'already-running')).toHaveLength(100);
    const sent = submittedFiles(bulk);
    expect(sent).toHaveLength(N);
    expect(new Set(sent).size).toBe(N);
    expect(watch.jobs).toHaveLength(N);
  });

  it('after a 401 on the third call, resumes with the last 50 only', async () => {
    const watch = new WatchList();
    const bulk = new FakeBulk({
      failCall: { n: 3, error: new ApiError('auth', 'Unauthorized', { status: 401 }) },
    });
    const first = await run(watch, bulk);
    expect(first.out.stopped?.reason).toBe('auth');
    expect(first.out.remaining).toHaveLength(50);
    const again = await run(watch, bulk);
    expect(again.out.results).toHaveLength(50);
    // The refused call created nothing; every file was created exactly once.
    expect(bulk.created.map((j) => j.source?.file).sort()).toEqual(items.map((i) => i.id).sort());
  });

  it('a second run of a finished export offers nothing; refused files are offered again', async () => {
    const watch = new WatchList();
    const refusal = { code: 9107, message: 'Location on volume already contains a file' };
    const bulk = new FakeBulk({ refuse: (item) => (item.source.file === 'f7' ? refusal : undefined) });
    await run(watch, bulk);
    const again = await run(watch, new FakeBulk());
    expect(again.plan.items.map((i) => i.file.id)).toEqual(['f7']);
    expect(again.plan.summary).toMatch(/^Export 1 file .* \(249 skipped: already running\)/);
  });
});

// The saved list at biobank scale (issue 15), in fresh processes: a 10,000- and a 100,000-job list with
// their snapshots, each opened cold. Prints `name value unit` lines:
//   store_<n>_open_ms        WatchStore.open of the list
//   store_<n>_first_frame_ms what the first frame needs after open: the counts by state of every job (from
//                            the summaries) and the 40 visible rows' full snapshots
//   store_<n>_heap_mb        heap held by the open store (after GC, less a bare process's)
//   store_<n>_rss_mb         the process's RSS then (tsx and the store's modules included)
//   store_<n>_save_bytes     bytes written by the save after 300 jobs changed state
//   store_<n>_file_mb        the list file and the journal on disk
// Run: node --expose-gc --import tsx bench/store-100k.ts
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { manyJobs } from '../src/demo/seed.js';
import { summaryOf } from '../src/store/summary.js';
import type { Snapshot } from '../src/store/types.js';
import { WatchStore } from '../src/store/watch-store.js';

const ENDPOINT = 'https://api.sb.biodatacatalyst.nhlbi.nih.gov/v2';
const mb = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;

function build(dir: string, n: number): void {
  const fetchedAt = new Date().toISOString();
  const jobs = manyJobs(n, 300, Date.now());
  const snaps = new Map<string, Snapshot>(
    jobs.map((j) => [j.job.id, { status: 'ok', job: j.job, fetchedAt }]),
  );
  const store = WatchStore.open({ cwd: dir });
  store.add([...snaps.keys()], { endpoint: ENDPOINT, snapshots: snaps });
  store.close();
}

function measure(dir: string, n: number): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  gc();
  const before = process.memoryUsage().heapUsed;
  let t = performance.now();
  const store = WatchStore.open({ cwd: dir });
  const openMs = performance.now() - t;
  t = performance.now();
  const counts = new Map<string, number>();
  for (const e of store.entries()) {
    const state = summaryOf(e)?.state ?? 'UNKNOWN';
    counts.set(state, (counts.get(state) ?? 0) + 1);
  }
  const visible = store
    .entries()
    .slice(0, 40)
    .map((e) => e.snapshot);
  const frameMs = performance.now() - t;
  if (visible.some((s) => !s) || store.size !== n) throw new Error('the list did not load whole');
  gc();
  const heap = process.memoryUsage().heapUsed - before;
  const rss = process.memoryUsage().rss;
  // 300 jobs change state: one save.
  const fetchedAt = new Date().toISOString();
  const changed = new Map<string, Snapshot>();
  for (const id of store.ids().slice(0, 300)) {
    const s = store.snapshot(id)!;
    changed.set(id, { ...s, job: { ...s.job!, state: 'COMPLETED' }, fetchedAt });
  }
  const written = store.bytesWritten;
  store.putSnapshots(changed);
  store.flush();
  const saveBytes = store.bytesWritten - written;
  store.close();
  const files = fs.statSync(store.path).size + fs.statSync(store.journalPath).size;
  const out = [
    `store_${n}_open_ms ${Math.round(openMs)} ms`,
    `store_${n}_first_frame_ms ${Math.round(frameMs)} ms`,
    `store_${n}_heap_mb ${mb(heap)} MB`,
    `store_${n}_rss_mb ${mb(rss)} MB`,
    `store_${n}_save_bytes ${saveBytes} bytes`,
    `store_${n}_file_mb ${mb(files)} MB`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

const [mode, dirArg, nArg] = process.argv.slice(2);
if (mode === 'measure' && dirArg && nArg) measure(dirArg, Number(nArg));
else {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-store-100k-'));
  try {
    for (const n of [10_000, 100_000]) {
      const dir = path.join(root, String(n));
      build(dir, n);
      const args = ['--expose-gc', '--import', 'tsx', process.argv[1]!, 'measure', dir, String(n)];
      process.stdout.write(execFileSync(process.execPath, args, { encoding: 'utf8' }));
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

// What WatchStore.open of a 10,000-job list costs on its own, in a fresh process: time, and the heap and
// RSS it leaves behind. Not part of `npm run bench`; run by hand to compare store changes:
//   node --expose-gc --import tsx bench/store-memory.ts            (makes a list in a temp dir, then measures)
//   node --expose-gc --import tsx bench/store-memory.ts <dir>      (measures the list already in <dir>)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { manyJobs } from '../src/demo/seed.js';
import type { Snapshot } from '../src/store/types.js';
import { WatchStore } from '../src/store/watch-store.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const mb = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;

function measure(dir: string): void {
  gc!();
  const before = process.memoryUsage();
  const t = performance.now();
  const store = WatchStore.open({ cwd: dir });
  const openMs = performance.now() - t;
  const peak = process.memoryUsage();
  gc!();
  const after = process.memoryUsage();
  // A refresh of 300 jobs and its debounced write: the first write after start-up.
  const fetchedAt = new Date().toISOString();
  const snaps = new Map<string, Snapshot>();
  for (const e of store.entries().slice(0, 300)) {
    if (e.snapshot?.job) snaps.set(e.id, { ...e.snapshot, job: { ...e.snapshot.job }, fetchedAt });
  }
  store.putSnapshots(snaps);
  const tw = performance.now();
  store.flush();
  const writeMs = performance.now() - tw;
  gc!();
  const afterWrite = process.memoryUsage();
  console.log(
    JSON.stringify({
      entries: store.size,
      openMs: Math.round(openMs * 10) / 10,
      firstWriteMs: Math.round(writeMs * 10) / 10,
      heapRetainedMb: mb(after.heapUsed - before.heapUsed),
      heapAfterOpenMb: mb(after.heapUsed),
      rssAfterOpenMb: mb(after.rss),
      rssPeakDuringOpenMb: mb(peak.rss),
      heapAfterWriteMb: mb(afterWrite.heapUsed),
      rssAfterWriteMb: mb(afterWrite.rss),
    }),
  );
  store.close();
}

const given = process.argv[2];
if (given) {
  measure(given);
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-store-mem-'));
  const fetchedAt = new Date().toISOString();
  const jobs = manyJobs(10_000, 300, Date.now());
  const snapshots = new Map<string, Snapshot>(
    jobs.map((j) => [j.job.id, { status: 'ok', job: j.job, fetchedAt }]),
  );
  const store = WatchStore.open({ cwd: dir });
  store.add(jobs.map((j) => j.job.id));
  store.putSnapshots(snapshots);
  store.close();
  const file = path.join(dir, 'watchlist.json');
  console.log(`${file}: ${Math.round(fs.statSync(file).size / 1024)} KiB`);
  // Measure in fresh processes, as at launch (this one has the seed data in memory).
  const runs: Record<string, number>[] = [];
  for (let i = 0; i < Number(process.env.RUNS ?? 7); i++) {
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', import.meta.filename, dir],
      {
        encoding: 'utf8',
      },
    );
    runs.push(JSON.parse(out));
  }
  for (const key of Object.keys(runs[0]!)) {
    const values = runs.map((r) => r[key]!).sort((a, b) => a - b);
    const median = values[Math.floor(values.length / 2)];
    console.log(`${key.padEnd(20)} median ${median}  min ${values[0]}  max ${values.at(-1)}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

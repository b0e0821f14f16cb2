// `retry` over real HTTP against the simulator, with a real watch list in a temporary config folder.
import { afterEach, describe, expect, it } from 'vitest';
import { type RetryOptions, retryCommand } from '../../src/commands/retry.js';
import { READ_ONLY_VOLUME } from '../../src/demo/seed-catalog.js';
import { OUTPUT } from '../../src/demo/seed-jobs.js';
import type { SimJob } from '../../src/demo/simulator.js';
import type { ExportJob } from '../../src/platform/types.js';
import { WatchStore } from '../../src/store/watch-store.js';
import { FakeClock } from '../transfer/fakes.js';
import { openSimStore, runTransferCli, type SimStore } from '../transfer/sim-store.js';
import { captureIo, E9101, failed, jobId, okSnapshot, Sandbox } from './helpers.js';

// 1, 2: 9107 on a writable volume; 3: refused for a read-only volume (it stays so); 4: a running job.
const JOBS = [
  failed(1, OUTPUT),
  failed(2, OUTPUT),
  failed(3, READ_ONLY_VOLUME, E9101),
  { ...failed(4, OUTPUT), state: 'RUNNING', error: undefined },
];

let open: SimStore[] = [];
afterEach(async () => {
  await Promise.all(open.map((o) => o.close()));
  open = [];
});

async function setup(watch: readonly ExportJob[] = JOBS) {
  const opened = await openSimStore({ jobs: JOBS.map((job): SimJob => ({ job })) });
  open.push(opened);
  const { sim, client, store, endpoint, dir } = opened;
  store.add(
    watch.map((j) => j.id),
    { endpoint, snapshots: new Map(watch.map((j) => [j.id, okSnapshot(j)])) },
  );
  sim.resetStats();
  const retry = async (ids: string[], o: RetryOptions = {}) => {
    const c = captureIo({}, dir);
    const code = await retryCommand({ client, store, endpoint, io: c.io, clock: new FakeClock() }, ids, o);
    return { code, stdout: c.out(), stderr: c.err() };
  };
  return { sim, store, retry };
}

const newIdOf = (stdout: string, id: string) =>
  new RegExp(`^${id} → ([A-Za-z0-9]{32})$`, 'm').exec(stdout)?.[1];

describe('retry', () => {
  it('restarts every watched FAILED job in one bulk call; a refused one keeps its error; exit 1', async () => {
    const { sim, store, retry } = await setup();
    const r = await retry([], { overwrite: true });
    expect(r.code).toBe(1);
    expect(sim.stats.bulkCreateSizes).toEqual([3]);
    const [a, b, c] = JOBS.map((j) => j.id);
    const newA = newIdOf(r.stdout, a!)!;
    const newB = newIdOf(r.stdout, b!)!;
    expect(newA).toBeDefined();
    expect(newB).toBeDefined();
    expect(r.stdout).toContain(`${c}: 403/9101 Volume ${READ_ONLY_VOLUME} is not writable`);
    // Watched right under their originals, with what bulk create answered, on this platform.
    expect(store.ids()).toEqual([a, newA, b, newB, c, JOBS[3]!.id]);
    expect(store.snapshot(newA)?.job).toMatchObject({ state: 'PENDING', overwrite: true });
    // A copy unless --move: the original did not say.
    expect(sim.started(newA)).toEqual({ copyOnly: true, via: 'bulk' });
    expect(sim.job(newA)!.destination).toEqual(JOBS[0]!.destination);
  });

  it('--code picks one error code; --json prints {id, new_id | error}; exit 0 when all were accepted', async () => {
    const { retry } = await setup();
    const r = await retry([], { code: 9107, overwrite: true, json: true });
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { id: string; new_id?: string }[];
    expect(rows.map((row) => row.id)).toEqual([JOBS[0]!.id, JOBS[1]!.id]);
    expect(rows.every((row) => /^[A-Za-z0-9]{32}$/.test(row.new_id ?? ''))).toBe(true);
  });

  it('without --overwrite a 9107 is refused again, per item, with the platform message', async () => {
    const { retry } = await setup();
    const r = await retry([JOBS[0]!.id], { json: true });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([
      { id: JOBS[0]!.id, error: expect.objectContaining({ code: 9107 }) },
    ]);
  });

  it('--dry-run prints what would be sent and sends nothing', async () => {
    const { sim, store, retry } = await setup();
    const before = [...store.ids()];
    const r = await retry([], { dryRun: true, locationPrefix: 'retry/', move: true });
    expect(r.code).toBe(0);
    expect(sim.stats.requests).toBe(0);
    expect(store.ids()).toEqual(before);
    expect(r.stdout.trim().split('\n')).toEqual([
      `would restart ${JOBS[0]!.id} → ${OUTPUT}:retry/s1.cram (no overwrite, MOVE)`,
      `would restart ${JOBS[1]!.id} → ${OUTPUT}:retry/s2.cram (no overwrite, MOVE)`,
      `would restart ${JOBS[2]!.id} → ${READ_ONLY_VOLUME}:retry/s3.cram (no overwrite, MOVE)`,
    ]);
    expect(r.stderr).toContain('MOVE (project files become aliases');
    const json = await retry([JOBS[1]!.id], { dryRun: true, json: true, overwrite: true });
    const job = JOBS[1]!;
    expect(JSON.parse(json.stdout)).toEqual([
      {
        id: job.id,
        request: { source: job.source, destination: job.destination, overwrite: true },
        copy_only: true,
      },
    ]);
  });

  it('--move and --location-prefix are what is sent', async () => {
    const { sim, retry } = await setup();
    const r = await retry([JOBS[0]!.id], { locationPrefix: 'again', move: true });
    expect(r.code).toBe(0);
    const id = newIdOf(r.stdout, JOBS[0]!.id)!;
    expect(sim.started(id)).toEqual({ copyOnly: false, via: 'bulk' });
    expect(sim.job(id)!.destination).toEqual({ volume: OUTPUT, location: 'again/s1.cram' });
  });

  it('usage errors exit 2 and send nothing', async () => {
    const { sim, retry } = await setup();
    const both = await retry([], { overwrite: true, locationPrefix: 'x' });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--overwrite and --location-prefix/);
    expect((await retry(['not-an-id'])).code).toBe(2);
    expect((await retry([], { locationPrefix: ' / ' })).code).toBe(2);
    expect(
      (
        await retry(
          JOBS.slice(0, 2).map((j) => j.id),
          { locationPrefix: 'x', code: 1.5 },
        )
      ).code,
    ).toBe(2);
    expect(sim.stats.requests).toBe(0);
  });

  it('named jobs not watched are fetched in one bulk get; an unknown one is an error; they become watched', async () => {
    const { sim, store, retry } = await setup([]);
    const unknown = jobId('none', 1);
    const r = await retry([JOBS[0]!.id, unknown], { overwrite: true });
    expect(r.code).toBe(1);
    expect(sim.stats.bulkGets).toBe(1);
    expect(r.stderr).toContain(`retry: ${unknown}:`);
    const id = newIdOf(r.stdout, JOBS[0]!.id)!;
    expect(store.ids()).toEqual([id]);
  });

  it('a second retry does not restart what the first one restarted', async () => {
    const { sim, retry } = await setup();
    expect((await retry([], { code: 9107, overwrite: true })).code).toBe(0);
    sim.resetStats();
    const again = await retry([], { code: 9107, overwrite: true });
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/no FAILED job to restart/);
    expect(sim.stats.bulkCreates).toBe(0);
  });

  it('a stop mid-way (401) says what was not sent, exit 1', async () => {
    const { sim, retry } = await setup();
    sim.faults.auth = true;
    const r = await retry([], { overwrite: true, json: true });
    expect(r.code).toBe(1);
    const rows = JSON.parse(r.stdout) as { id: string; error?: { message?: string } }[];
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.error?.message?.startsWith('Not sent:'))).toBe(true);
    expect(r.stderr).toMatch(/stopped: .*3 not sent/);
  });
});

describe('retry as a subcommand', () => {
  it('parses its options and runs on the session; usage errors and --read-only exit 2', async () => {
    const opened = await openSimStore({ jobs: JOBS.map((job): SimJob => ({ job })) });
    open.push(opened);
    const sb = new Sandbox(opened.sim.url);
    try {
      const store = WatchStore.open({ cwd: sb.configDir });
      store.add(
        JOBS.map((j) => j.id),
        { endpoint: opened.endpoint, snapshots: new Map(JOBS.map((j) => [j.id, okSnapshot(j)])) },
      );
      store.close();
      expect((await runTransferCli(sb, ['retry', '--overwrite', '--location-prefix', 'x'])).code).toBe(2);
      expect((await runTransferCli(sb, ['retry', '--code', 'abc'])).code).toBe(2);
      expect((await runTransferCli(sb, ['retry', '--code', '9107'], true)).code).toBe(2);
      const dry = await runTransferCli(sb, ['retry', '--code', '9107', '--dry-run'], true);
      expect(dry.code).toBe(0);
      expect(dry.stdout.trim().split('\n')).toHaveLength(2);
      expect(opened.sim.stats.bulkCreates).toBe(0);
      const r = await runTransferCli(sb, ['retry', '--code', '9107', '--overwrite', '--json']);
      expect(r.code).toBe(0);
      const rows = JSON.parse(r.stdout) as { id: string; new_id: string }[];
      expect(rows.map((row) => row.id)).toEqual([JOBS[0]!.id, JOBS[1]!.id]);
      expect(sb.storeIds()).toEqual([
        JOBS[0]!.id,
        rows[0]!.new_id,
        JOBS[1]!.id,
        rows[1]!.new_id,
        JOBS[2]!.id,
        JOBS[3]!.id,
      ]);
    } finally {
      sb.cleanup();
    }
  });
});

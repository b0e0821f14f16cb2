import { afterEach, describe, expect, it } from 'vitest';
import { waitCommand } from '../../src/commands/wait.js';
import { DEMO_MISSING_ID, SEED_COMPLETED, SEED_FAILED } from '../../src/demo/seed.js';
import { type SimJob, type Simulator, startSimulator } from '../../src/demo/simulator.js';
import { captureIo, jobId, makeJob, okSnapshot, Sandbox } from './helpers.js';

let box: Sandbox;
let sim: Simulator | undefined;
afterEach(async () => {
  box?.cleanup();
  await sim?.close();
  sim = undefined;
});

const CHANGE = (id: string, from: string, to: string) =>
  new RegExp(`^\\d\\d:\\d\\d:\\d\\d ${id} ${from} → ${to}`, 'm');
/** The first answer about a job that was never fetched: where it stands, not a change. */
const FIRST = (id: string, state: string) => new RegExp(`^\\d\\d:\\d\\d:\\d\\d ${id} is ${state}`, 'm');

function timeline(
  id: string,
  runningAfterMs: number,
  finishAfterMs: number,
  extra: Partial<SimJob> = {},
): SimJob {
  return { job: makeJob(id, 'PENDING'), runningAfterMs, finishAfterMs, ...extra };
}

/** waitCommand itself, with a poll interval below the CLI's minimum to keep the test short. */
async function waitFast(ids: string[], o: { timeout?: number; interval?: number } = {}) {
  const session = await box.session();
  const c = captureIo(box.env, box.home);
  try {
    const code = await waitCommand(session, ids, { interval: o.interval ?? 0.05, timeout: o.timeout }, c.io);
    return { code, stdout: c.out(), stderr: c.err() };
  } finally {
    await session.close();
  }
}

describe('sbexport-tui wait', () => {
  it('through the CLI: prints each state change and exits 0 when every job COMPLETED', async () => {
    const quick = jobId('quick', 1);
    sim = await startSimulator({ jobs: [timeline(quick, 0, 1000), { job: SEED_COMPLETED }] });
    box = new Sandbox(sim.url);
    box.seed([quick, SEED_COMPLETED.id]);
    const started = Date.now();
    const r = await box.run(['--interval', '2', 'wait']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Waiting for 2 of 2 jobs on .*127\.0\.0\.1.*, every 2 s$/m);
    expect(r.stdout).toMatch(FIRST(quick, 'RUNNING'));
    expect(r.stdout).toMatch(CHANGE(quick, 'RUNNING', 'COMPLETED'));
    expect(r.stdout).toMatch(FIRST(SEED_COMPLETED.id, 'COMPLETED'));
    expect(r.stdout).toContain('All 2 final: 2 COMPLETED');
    expect(Date.now() - started).toBeLessThan(6000);
    // The final one was asked about once, in the first bulk call; the quick one until it finished.
    expect(sim.stats.idsRequested.get(SEED_COMPLETED.id)).toBe(1);
    expect(sim.stats.singleGets).toBe(0);
    // What it learned is saved: the next list shows it without any request.
    expect((await box.run(['list'])).stdout).toMatch(new RegExp(`${quick}\\s+COMPLETED`));
  });

  it('exits 1 when a job FAILED, naming the error', async () => {
    const ok = jobId('ok', 1);
    const bad = jobId('bad', 1);
    sim = await startSimulator({
      jobs: [
        timeline(ok, 0, 150),
        timeline(bad, 50, 300, {
          finalState: 'FAILED',
          finalError: { status: 409, code: 9107, message: 'Location on volume already contains a file.' },
        }),
      ],
    });
    box = new Sandbox(sim.url);
    box.seed([ok, bad]);
    const r = await waitFast([]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`${bad} (PENDING|RUNNING) → FAILED: 409/9107 Location on volume`));
    expect(r.stdout).toMatch(/All 2 final: .*1 FAILED/);
    expect(r.stdout).toMatch(new RegExp(`^  ${bad} FAILED: 409/9107`, 'm'));
  });

  it('exits 1 when a job does not exist', async () => {
    sim = await startSimulator({ jobs: [{ job: SEED_COMPLETED }] });
    box = new Sandbox(sim.url);
    box.seed([SEED_COMPLETED.id, DEMO_MISSING_ID]);
    const r = await waitFast([]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(FIRST(DEMO_MISSING_ID, 'NOT_FOUND'));
    expect(r.stdout).toContain('1 COMPLETED · 1 NOT_FOUND');
  });

  it('exits 124 when --timeout runs out, soon after it does', async () => {
    const slow = jobId('slow', 1);
    sim = await startSimulator({ jobs: [timeline(slow, 0, 3_600_000)] });
    box = new Sandbox(sim.url);
    box.seed([slow]);
    const started = Date.now();
    const r = await waitFast([], { timeout: 0.5 });
    const took = Date.now() - started;
    expect(r.code).toBe(124);
    expect(took).toBeGreaterThanOrEqual(450);
    expect(took).toBeLessThan(2500);
    expect(r.stdout).toMatch(/Timed out after .*: 1 RUNNING/);
    expect(r.stdout).toMatch(new RegExp(`^  ${slow} RUNNING$`, 'm'));
  });

  it('through the CLI, --timeout gives 124', async () => {
    const slow = jobId('slow', 2);
    sim = await startSimulator({ jobs: [timeline(slow, 0, 3_600_000)] });
    box = new Sandbox(sim.url);
    box.seed([slow]);
    const r = await box.run(['wait', '--timeout', '0.3']);
    expect(r.code).toBe(124);
  });

  it('jobs final in the saved snapshots are reported at once without a single request', async () => {
    sim = await startSimulator({ jobs: [{ job: SEED_COMPLETED }, { job: SEED_FAILED }] });
    box = new Sandbox(sim.url);
    box.seed([SEED_COMPLETED.id], new Map([[SEED_COMPLETED.id, okSnapshot(SEED_COMPLETED)]]));
    const ok = await box.run(['wait']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('All 1 already final in the saved state (nothing fetched).');
    expect(ok.stdout).toContain('All 1 final: 1 COMPLETED');

    box.seed([SEED_FAILED.id], new Map([[SEED_FAILED.id, okSnapshot(SEED_FAILED)]]));
    const failed = await box.run(['wait']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(`${SEED_FAILED.id} FAILED: 409/9107`);
    expect(sim.stats.requests).toBe(0);
  });

  it('polls only the jobs not yet final, in bulk', async () => {
    const active = [jobId('act', 1), jobId('act', 2)];
    sim = await startSimulator({
      jobs: [{ job: SEED_COMPLETED }, timeline(active[0]!, 0, 200), timeline(active[1]!, 0, 250)],
    });
    box = new Sandbox(sim.url);
    box.seed([SEED_COMPLETED.id, ...active], new Map([[SEED_COMPLETED.id, okSnapshot(SEED_COMPLETED)]]));
    const r = await waitFast([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Waiting for 2 of 3 jobs (1 COMPLETED already)');
    expect(sim.stats.idsRequested.has(SEED_COMPLETED.id)).toBe(false);
    expect(sim.stats.singleGets).toBe(0);
    expect(sim.stats.bulkGets).toBeGreaterThan(0);
  });

  it('waits only for the IDs given, adding unwatched ones to the list and saying so', async () => {
    const watched = jobId('w', 1);
    const other = jobId('w', 2);
    sim = await startSimulator({
      jobs: [{ job: SEED_COMPLETED }, timeline(watched, 0, 3_600_000), timeline(other, 0, 3_600_000)],
    });
    box = new Sandbox(sim.url);
    box.seed([watched, other]);
    const r = await box.run(['wait', SEED_COMPLETED.id]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Now watching 1 more: ${SEED_COMPLETED.id}`);
    expect(sim.stats.idsRequested.has(watched)).toBe(false);
    expect(box.storeIds()).toEqual([watched, other, SEED_COMPLETED.id]);
  });

  it('invalid IDs are a usage error (exit 2) before anything is sent or saved', async () => {
    sim = await startSimulator({ jobs: [{ job: SEED_COMPLETED }] });
    box = new Sandbox(sim.url);
    const r = await box.run(['wait', SEED_COMPLETED.id, 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid: nope: wrong length');
    expect(sim.stats.requests).toBe(0);
    expect(box.storeIds()).toEqual([]);
  });

  it('a rejected token stops at once with exit 1 and a message naming the endpoint, not the token', async () => {
    const slow = jobId('slow', 3);
    sim = await startSimulator({ jobs: [timeline(slow, 0, 3_600_000)] });
    sim.faults.auth = true;
    box = new Sandbox(sim.url);
    box.seed([slow]);
    const r = await waitFast([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^wait: Token rejected by .*127\.0\.0\.1:\d+/m);
    expect(r.stderr + r.stdout).not.toContain(box.env.SB_AUTH_TOKEN);
    expect(sim.stats.requests).toBe(1);
  });

  it('reports a maintenance window and keeps waiting through it', async () => {
    const slow = jobId('slow', 4);
    sim = await startSimulator({ jobs: [timeline(slow, 0, 3_600_000)] });
    sim.faults.maintenance = true;
    box = new Sandbox(sim.url);
    box.seed([slow]);
    const r = await waitFast([], { timeout: 0.4 });
    expect(r.code).toBe(124);
    expect(r.stderr).toMatch(/\d\d:\d\d:\d\d Platform under maintenance \(next try \d\d:\d\d:\d\d\)/);
  });

  it('with nothing watched there is nothing to wait for (exit 0)', async () => {
    box = new Sandbox(undefined, false);
    const r = await box.run(['wait']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No jobs watched');
  });
});

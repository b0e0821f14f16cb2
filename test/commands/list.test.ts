import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MISSING_ID, SEED_COMPLETED, SEED_FAILED } from '../../src/demo/seed.js';
import { type Simulator, startSimulator } from '../../src/demo/simulator.js';
import { BDC_URL } from '../../src/platform/endpoints.js';
import type { Snapshot } from '../../src/store/types.js';
import { jobId, makeJob, okSnapshot, Sandbox, TOKEN } from './helpers.js';

let box: Sandbox;
afterEach(() => box?.cleanup());

const NEVER_FETCHED = jobId('new', 1);
const RUNNING = jobId('run', 1);
const NOT_FOUND: Snapshot = {
  status: 'not-found',
  error: { status: 404, code: 9008, message: 'Requested export job does not exist.' },
  fetchedAt: '2026-01-02T00:00:00.000Z',
};

/** The seed page's two jobs, one still running, one the API does not know, one never fetched. */
function seedMixed(): void {
  box.seed(
    [SEED_COMPLETED.id, SEED_FAILED.id, RUNNING, DEMO_MISSING_ID, NEVER_FETCHED],
    new Map([
      [SEED_COMPLETED.id, okSnapshot(SEED_COMPLETED)],
      [SEED_FAILED.id, okSnapshot(SEED_FAILED)],
      [RUNNING, okSnapshot(makeJob(RUNNING, 'RUNNING'))],
      [DEMO_MISSING_ID, NOT_FOUND],
    ]),
  );
}

describe('sbexport-tui list', () => {
  it('says so when nothing is watched (exit 0); --json prints an empty array', async () => {
    box = new Sandbox(undefined, false);
    const r = await box.run(['list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('No jobs watched.\n');
    expect(JSON.parse((await box.run(['list', '--json'])).stdout)).toEqual([]);
  });

  it('prints an aligned table of the last known states, offline and without a token', async () => {
    box = new Sandbox(undefined, false);
    seedMixed();
    const r = await box.run(['list']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    const header = lines[0]!;
    expect(header).toMatch(/^ID\s+STATE\s+DESTINATION\s+FINISHED$/);
    // Every column starts where its header does.
    const starts = ['STATE', 'DESTINATION', 'FINISHED'].map((h) => header.indexOf(h));
    const rows = lines.slice(1);
    for (const row of rows) {
      for (const at of starts) expect(row[at - 1], row).toBe(' ');
      for (const at of starts) expect(row[at], row).not.toBe(' ');
    }
    expect(rows[0]).toContain(`${SEED_COMPLETED.id}  COMPLETED`);
    expect(rows[0]).toContain('rfranklin/output/output.vcf');
    expect(rows[0]!.trimEnd().endsWith('2016-06-15T19:17:41Z')).toBe(true);
    expect(rows[1]).toContain('FAILED');
    expect(rows[2]).toContain('RUNNING');
    expect(rows[3]).toContain('NOT_FOUND');
    expect(rows[4]).toContain('UNKNOWN');
  });

  it('--json gives each job as last seen plus how it is watched', async () => {
    box = new Sandbox(undefined, false);
    seedMixed();
    const r = await box.run(['list', '--json']);
    expect(r.code).toBe(0);
    const jobs = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(jobs.map((j) => j.id)).toEqual([
      SEED_COMPLETED.id,
      SEED_FAILED.id,
      RUNNING,
      DEMO_MISSING_ID,
      NEVER_FETCHED,
    ]);
    expect(jobs[0]).toEqual({
      ...SEED_COMPLETED,
      watch: {
        added_at: expect.any(String),
        endpoint: BDC_URL,
        status: 'ok',
        fetched_at: '2026-01-01T00:00:00.000Z',
      },
    });
    expect(jobs[1]).toMatchObject({ state: 'FAILED', error: { code: 9107 }, watch: { status: 'ok' } });
    expect(jobs[3]).toEqual({
      id: DEMO_MISSING_ID,
      watch: {
        added_at: expect.any(String),
        endpoint: BDC_URL,
        status: 'not-found',
        fetched_at: NOT_FOUND.fetchedAt,
        error: NOT_FOUND.error,
      },
    });
    expect(jobs[4]).toEqual({
      id: NEVER_FETCHED,
      watch: { added_at: expect.any(String), endpoint: BDC_URL, status: 'unknown', fetched_at: null },
    });
    expect(Number.isNaN(Date.parse((jobs[0]!.watch as { added_at: string }).added_at))).toBe(false);
  });

  it('--state filters by state, several at once, NOT_FOUND included', async () => {
    box = new Sandbox(undefined, false);
    seedMixed();
    const ids = async (argv: string[]) =>
      (JSON.parse((await box.run(['list', '--json', ...argv])).stdout) as { id: string }[]).map((j) => j.id);
    expect(await ids(['--state', 'FAILED'])).toEqual([SEED_FAILED.id]);
    expect(await ids(['--state', 'NOT_FOUND'])).toEqual([DEMO_MISSING_ID]);
    expect(await ids(['--state', 'completed', 'running'])).toEqual([SEED_COMPLETED.id, RUNNING]);
    expect(await ids(['--state', 'PENDING'])).toEqual([]);
    const text = await box.run(['list', '--state', 'PENDING']);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe('No watched jobs in state PENDING.\n');
  });

  it('neutralises escape sequences in server strings in the table, and keeps them escaped in JSON', async () => {
    box = new Sandbox(undefined, false);
    const id = jobId('evil', 1);
    const job = makeJob(id, 'COMPLETED');
    job.destination = { volume: 'lab/vol', location: 'a\x1b]2;pwned\x07b\x1b[2J' };
    box.seed([id], new Map([[id, okSnapshot(job)]]));
    const text = await box.run(['list']);
    expect(text.stdout).not.toContain('\x1b');
    expect(text.stdout).not.toContain('\x07');
    const json = await box.run(['list', '--json']);
    expect(json.stdout).not.toContain('\x1b');
    expect(
      (JSON.parse(json.stdout) as { destination: { location: string } }[])[0]?.destination.location,
    ).toBe(job.destination.location);
  });

  describe('with jobs fetched from the API', () => {
    let sim: Simulator;
    beforeAll(async () => {
      sim = await startSimulator({ jobs: [{ job: SEED_COMPLETED }, { job: SEED_FAILED }] });
    });
    afterAll(() => sim.close());

    it('never prints the token, and the saved list does not hold it', async () => {
      box = new Sandbox(sim.url);
      box.seed([SEED_COMPLETED.id, SEED_FAILED.id, DEMO_MISSING_ID]);
      expect((await box.run(['wait'])).code).toBe(1);
      for (const argv of [['list'], ['list', '--json']]) {
        const r = await box.run(argv);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain(SEED_FAILED.id);
        expect(r.stdout + r.stderr).not.toContain(TOKEN);
      }
      const json = JSON.parse((await box.run(['list', '--json'])).stdout) as { href: string }[];
      expect(json[0]?.href).toBe(`${sim.url}/storage/exports/${SEED_COMPLETED.id}`);
      expect(box.storeFileText()).toContain(SEED_COMPLETED.id);
      expect(box.storeFileText()).not.toContain(TOKEN);
    });
  });
});

describe('list: server strings are made safe to print', () => {
  it('an escape sequence in a saved state or location cannot reach the terminal', async () => {
    box = new Sandbox(undefined, false);
    const evil = makeJob(RUNNING, 'RUNNING\u001b]2;pwned\u0007');
    evil.destination = { volume: 'v/o', location: 'a\u001b[2Jb' };
    box.seed([RUNNING], new Map([[RUNNING, okSnapshot(evil)]]));
    const r = await box.run(['list']);
    expect(r.stdout).toContain(RUNNING);
    expect(r.stdout).not.toMatch(/[\u001b\u0007]/);
  });
});

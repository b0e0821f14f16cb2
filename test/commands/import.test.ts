import { afterEach, describe, expect, it } from 'vitest';
import { importCommand } from '../../src/commands/import.js';
import { type SimJob, type Simulator, startSimulator } from '../../src/demo/simulator.js';
import { captureIo, jobId, makeJob, Sandbox, TOKEN } from './helpers.js';

let box: Sandbox;
let sim: Simulator | undefined;
afterEach(async () => {
  box?.cleanup();
  await sim?.close();
  sim = undefined;
});

const VOLUME = 'lab/cohort';

/** 250 jobs on VOLUME (every 5th FAILED, so 50), 30 elsewhere. */
function platformJobs(): SimJob[] {
  const here = Array.from({ length: 250 }, (_, i) => ({
    job: makeJob(jobId('imp', i), i % 5 === 0 ? 'FAILED' : 'COMPLETED', VOLUME),
  }));
  const elsewhere = Array.from({ length: 30 }, (_, i) => ({
    job: makeJob(jobId('oth', i), 'COMPLETED', 'lab/other'),
  }));
  return [...here, ...elsewhere];
}

describe('sbexport-tui import', () => {
  it('follows the next links across pages and adds only the jobs not yet watched, with their state', async () => {
    sim = await startSimulator({ jobs: platformJobs() });
    box = new Sandbox(sim.url);
    const watched = [jobId('imp', 3), jobId('imp', 7), jobId('oth', 0)];
    box.seed(watched);

    const r = await box.run(['import', '--volume', VOLUME]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Found 250 · added 248 · 2 already watched\n');
    expect(sim.stats.lists).toBe(3); // 100 + 100 + 50
    expect(sim.stats.bulkGets + sim.stats.singleGets).toBe(0);

    const ids = box.storeIds();
    expect(ids).toHaveLength(251);
    expect(ids.slice(0, 3)).toEqual(watched);
    expect(new Set(ids).size).toBe(251);

    // The list's own data became the snapshots: `list` shows states without fetching anything.
    const listed = JSON.parse((await box.run(['list', '--json', '--state', 'FAILED'])).stdout) as {
      id: string;
      destination: { volume: string };
      watch: { status: string };
    }[];
    expect(listed).toHaveLength(50);
    expect(listed.every((j) => j.destination.volume === VOLUME && j.watch.status === 'ok')).toBe(true);
    expect(box.storeFileText()).not.toContain(TOKEN);

    const again = await box.run(['import', '--volume', VOLUME]);
    expect(again.stdout).toBe('Found 250 · added 0 · 250 already watched\n');
  });

  it('--state narrows what the platform lists', async () => {
    sim = await startSimulator({ jobs: platformJobs() });
    box = new Sandbox(sim.url);
    const r = await box.run(['import', '--volume', VOLUME, '--state', 'FAILED']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Found 50 · added 50 · 0 already watched\n');
  });

  it('saves the new jobs and their snapshots in one write, however many', async () => {
    sim = await startSimulator({ jobs: platformJobs() });
    box = new Sandbox(sim.url);
    const session = await box.session();
    const c = captureIo(box.env, box.home);
    try {
      const before = session.store.writes;
      expect(await importCommand(session, {}, c.io, false)).toBe(0);
      // One write for the IDs, one for their snapshots: not one per job.
      expect(session.store.writes - before).toBe(1);
      expect(c.out()).toBe('Found 280 · added 280 · 0 already watched\n');
    } finally {
      await session.close();
    }
  });

  it('--read-only refuses with exit 2 before any request', async () => {
    sim = await startSimulator({ jobs: platformJobs() });
    box = new Sandbox(sim.url);
    const r = await box.run(['--read-only', 'import']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--read-only');
    expect(sim.stats.requests).toBe(0);
  });

  it('a --volume that is not owner/volume is a usage error', async () => {
    sim = await startSimulator({ jobs: platformJobs() });
    box = new Sandbox(sim.url);
    const r = await box.run(['import', '--volume', 'just-a-name']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('owner/volume');
    expect(sim.stats.requests).toBe(0);
  });

  it('an API failure is one clear line and exit 1, with nothing saved', async () => {
    sim = await startSimulator({ jobs: platformJobs() });
    sim.faults.htmlBody = true;
    box = new Sandbox(sim.url);
    const r = await box.run(['import']);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^import: listing exports on .* failed: HTTP 502/);
    expect(box.storeIds()).toEqual([]);
  });
});

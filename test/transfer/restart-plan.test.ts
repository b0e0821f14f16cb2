import { describe, expect, it } from 'vitest';
import { planRestart, RestartPlanError, restartResults } from '../../src/transfer/restart-plan.js';
import { failedJob } from './fakes.js';

describe('planRestart', () => {
  const jobs = [
    failedJob('a'),
    failedJob('b'),
    { ...failedJob('c'), state: 'COMPLETED', error: undefined },
    { ...failedJob('d'), state: 'RUNNING', error: undefined },
  ];

  it('restarts only FAILED jobs and counts the others with their reason', () => {
    const plan = planRestart(jobs, { mode: 'overwrite' });
    expect(plan.items.map((i) => i.jobId)).toEqual(['a', 'b']);
    expect(plan.skipped).toEqual([
      { id: 'c', reason: 'not-failed', detail: 'COMPLETED, not FAILED' },
      { id: 'd', reason: 'not-failed', detail: 'RUNNING, not FAILED' },
    ]);
  });

  it('overwrite keeps volume and location and sets overwrite=true', () => {
    const plan = planRestart([failedJob('a')], { mode: 'overwrite' });
    expect(plan.items[0]!.body).toEqual({
      source: { file: 'file-a' },
      destination: { volume: 'lab/vol', location: 'runs/a.bam' },
      overwrite: true,
    });
  });

  it('same keeps volume and location without overwrite', () => {
    const plan = planRestart([failedJob('a')], { mode: 'same' });
    expect(plan.items[0]!.body).toEqual({
      source: { file: 'file-a' },
      destination: { volume: 'lab/vol', location: 'runs/a.bam' },
      overwrite: false,
    });
    expect(plan.summary).toBe(
      'Restart 1 FAILED job — at the same location, copy (files stay in the project)?',
    );
  });

  it('skips a FAILED job the watch list already exports again to the same volume', () => {
    const again = { ...failedJob('a2'), source: { file: 'file-a' }, state: 'RUNNING', error: undefined };
    const refailed = { ...failedJob('b2'), source: { file: 'file-b' } };
    const plan = planRestart([failedJob('a'), failedJob('b')], { mode: 'same' }, [again, refailed]);
    expect(plan.items.map((i) => i.jobId)).toEqual(['b']);
    expect(plan.skipped).toEqual([
      { id: 'a', reason: 'restarted', detail: 'already restarted as a2 (RUNNING)' },
    ]);
  });

  it('says how many, where, copy or move on the confirmation line', () => {
    expect(planRestart(jobs, { mode: 'overwrite' }).summary).toBe(
      'Restart 2 FAILED jobs (2 skipped: not FAILED) — overwrite at the same location, copy (files stay in the project)?',
    );
    const move = planRestart([failedJob('a')], { mode: 'prefix', prefix: 'retry', copy: false });
    expect(move.copy).toBe(false);
    expect(move.summary).toBe(
      "Restart 1 FAILED job — under retry/ keeping each file's name, MOVE (project files become aliases that cannot be exported again)?",
    );
  });

  it('copies by default', () => {
    expect(planRestart(jobs, { mode: 'overwrite' }).copy).toBe(true);
  });

  it('a prefix keeps each file name; a new location is taken as given', () => {
    const prefix = planRestart([failedJob('a'), failedJob('b')], { mode: 'prefix', prefix: '/retry//2026/' });
    expect(prefix.items.map((i) => i.body.destination.location)).toEqual([
      'retry/2026/a.bam',
      'retry/2026/b.bam',
    ]);
    expect(prefix.items.every((i) => i.body.overwrite === false)).toBe(true);
    const one = planRestart([failedJob('a')], {
      mode: 'location',
      location: 'fixed/name.bam',
      overwrite: true,
    });
    expect(one.items[0]!.body.destination).toEqual({ volume: 'lab/vol', location: 'fixed/name.bam' });
    expect(one.items[0]!.body.overwrite).toBe(true);
  });

  it('refuses one location for several jobs, and an empty prefix', () => {
    expect(() => planRestart([failedJob('a'), failedJob('b')], { mode: 'location', location: 'x' })).toThrow(
      RestartPlanError,
    );
    expect(() => planRestart([failedJob('a')], { mode: 'prefix', prefix: ' / ' })).toThrow(/prefix is empty/);
  });

  it('one location is fine when the other marked jobs are skipped anyway', () => {
    const plan = planRestart([failedJob('a'), { ...failedJob('b'), state: 'COMPLETED' }], {
      mode: 'location',
      location: 'x/y',
    });
    expect(plan.items).toHaveLength(1);
  });

  it('filters by error code', () => {
    const other = failedJob('e', { error: { code: 9020, message: 'No privileges' } });
    const plan = planRestart([failedJob('a'), other], { mode: 'overwrite', code: 9107 });
    expect(plan.items.map((i) => i.jobId)).toEqual(['a']);
    expect(plan.skipped).toEqual([{ id: 'e', reason: 'other-code', detail: 'error code 9020, not 9107' }]);
  });

  it('skips a job that does not name its source file or volume', () => {
    const noSource = failedJob('s', { source: {} });
    const noVolume = failedJob('v', { destination: { location: 'x' } });
    const plan = planRestart([noSource, noVolume], { mode: 'overwrite' });
    expect(plan.items).toEqual([]);
    expect(plan.skipped.map((s) => s.reason)).toEqual(['no-source', 'no-destination']);
    expect(plan.summary).toContain(
      'Restart 0 FAILED jobs (1 skipped: no source file; 1 skipped: no destination',
    );
  });

  it('keeps the original job properties (encryption, storage class)', () => {
    const job = failedJob('p', { properties: { sse_algorithm: 'AES256' } });
    expect(planRestart([job], { mode: 'overwrite' }).items[0]!.body.properties).toEqual({
      sse_algorithm: 'AES256',
    });
    const nullProps = failedJob('q', { properties: null as unknown as Record<string, unknown> });
    expect(planRestart([nullProps], { mode: 'overwrite' }).items[0]!.body).not.toHaveProperty('properties');
  });
});

describe('restartResults', () => {
  it('pairs each new job or refusal with the FAILED job it restarts', () => {
    const plan = planRestart([failedJob('a'), { ...failedJob('b'), state: 'COMPLETED' }, failedJob('c')], {
      mode: 'overwrite',
    });
    const refusal = { code: 9101, message: 'Volume is read-only' };
    const paired = restartResults(plan, [
      { index: 0, request: plan.items[0]!.body, job: { id: 'new-a', state: 'PENDING' } },
      { index: 1, request: plan.items[1]!.body, error: refusal },
    ]);
    expect(paired).toEqual([
      { id: 'a', newId: 'new-a', job: { id: 'new-a', state: 'PENDING' } },
      { id: 'c', error: refusal },
    ]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { SEED_COMPLETED } from '../../src/demo/seed.js';
import { jobId, Sandbox } from './helpers.js';

let box: Sandbox;
afterEach(() => box?.cleanup());

const A = jobId('rm', 1);
const B = jobId('rm', 2);
const C = jobId('rm', 3);

describe('sbexport-tui remove', () => {
  it('stops watching the given jobs and keeps the rest in order', async () => {
    box = new Sandbox(undefined, false);
    box.seed([A, B, C]);
    const r = await box.run(['remove', A, C]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Stopped watching 2: ${A} ${C}`);
    expect(box.storeIds()).toEqual([B]);
  });

  it('accepts export URLs and the rm alias', async () => {
    box = new Sandbox();
    box.seed([SEED_COMPLETED.id, A]);
    const r = await box.run(['rm', SEED_COMPLETED.href!]);
    expect(r.code).toBe(0);
    expect(box.storeIds()).toEqual([A]);
  });

  it('reports IDs that are not watched and exits 1, still removing the watched ones', async () => {
    box = new Sandbox();
    box.seed([A, B]);
    const r = await box.run(['remove', A, C]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Not watched 1: ${C}`);
    expect(box.storeIds()).toEqual([B]);
  });

  it('rejects malformed IDs with their reason (exit 1)', async () => {
    box = new Sandbox();
    box.seed([A]);
    const r = await box.run(['remove', 'short']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('invalid: short: wrong length (5 chars, expected 32)');
    expect(box.storeIds()).toEqual([A]);
  });

  it('--read-only refuses with exit 2 and changes nothing', async () => {
    box = new Sandbox();
    box.seed([A]);
    const r = await box.run(['--read-only', 'remove', A]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--read-only');
    expect(box.storeIds()).toEqual([A]);
  });
});

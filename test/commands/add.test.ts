import { afterEach, describe, expect, it } from 'vitest';
import { addCommand } from '../../src/commands/add.js';
import { SEED_COMPLETED, SEED_FAILED } from '../../src/demo/seed.js';
import { captureIo, jobId, Sandbox } from './helpers.js';

let box: Sandbox;
afterEach(() => box?.cleanup());

const A = jobId('add', 1);
const B = jobId('add', 2);
const LOCAL = 'http://127.0.0.1:45678/v2';

describe('sbexport-tui add', () => {
  it('adds bare IDs and export URLs of the known platforms, offline and without a token', async () => {
    box = new Sandbox(undefined, false);
    const r = await box.run([
      'add',
      A,
      SEED_COMPLETED.href!,
      `https://api.sbgenomics.com/v2/storage/exports/${B}`,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Added 3: ${A} ${SEED_COMPLETED.id} ${B}`);
    expect(box.storeIds()).toEqual([A, SEED_COMPLETED.id, B]);
  });

  it("accepts URLs of the session's own endpoint (loopback http, like the demo) only when it is configured", async () => {
    box = new Sandbox(LOCAL);
    const url = `${LOCAL}/storage/exports/${A}`;
    expect((await box.run(['add', url])).code).toBe(0);
    expect(box.storeIds()).toEqual([A]);
    box.cleanup();

    box = new Sandbox(undefined, false);
    const r = await box.run(['add', url]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('invalid: http://127.0.0.1:45678/v2/storage/expo');
    expect(box.storeIds()).toEqual([]);
  });

  it('reports IDs already watched and exits 0 when there was nothing new', async () => {
    box = new Sandbox();
    box.seed([A]);
    const r = await box.run(['add', A]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Already watched 1: ${A}`);
    expect(r.stdout).not.toContain('Added');
  });

  it('saves the valid IDs of a mixed input, lists every invalid one with its reason, and exits 1', async () => {
    box = new Sandbox();
    box.seed([B]);
    const input = [
      A,
      'tooShort',
      `${A}x`,
      'bad!chars_bad!chars_bad!chars_ab',
      'https://evil.example/v2/storage/exports/x',
      B,
      A,
    ];
    const r = await box.run(['add', ...input]);
    expect(r.code).toBe(1);
    expect(box.storeIds()).toEqual([B, A]);
    expect(r.stdout).toContain(`Added 1: ${A}`);
    expect(r.stdout).toContain(`Already watched 1: ${B}`);
    expect(r.stdout).toContain('Given more than once');
    expect(r.stderr).toContain('invalid: tooShort: wrong length (8 chars, expected 32)');
    expect(r.stderr).toContain(`invalid: ${A}x: wrong length (33 chars, expected 32)`);
    expect(r.stderr).toContain('invalid: bad!chars_bad!chars_bad!chars_ab: invalid characters');
    expect(r.stderr).toContain('unknown host evil.example');
    expect(r.stderr).toContain('4 invalid (listed above); 1 valid ID was added.');
  });

  it('exits 1 when nothing was valid, and saves nothing', async () => {
    box = new Sandbox();
    const r = await box.run(['add', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Nothing added.');
    expect(box.storeIds()).toEqual([]);
  });

  it('never echoes control characters or escape sequences from the input', async () => {
    box = new Sandbox();
    const r = await box.run([
      'add',
      `x\x1b[2Jy${'a'.repeat(30)}`,
      '\x07bell',
      'emoji🙂abcdefghijklmnopqrstuvwxyz1234',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('control characters');
    expect(r.stderr).toContain('invalid characters');
    expect(r.stderr + r.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });

  it('with no arguments is a usage error (exit 2)', async () => {
    box = new Sandbox();
    const r = await box.run(['add']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('standard input');
  });

  it('- reads IDs from standard input with any separators', async () => {
    box = new Sandbox();
    const r = await box.run(['add', '-'], ` ${A},\t${SEED_FAILED.href}\r\n;${B}\n\n`);
    expect(r.code).toBe(0);
    expect(box.storeIds()).toEqual([A, SEED_FAILED.id, B]);
  });

  it('- with empty standard input exits 1 with a precise message', async () => {
    box = new Sandbox();
    const r = await box.run(['add', '-'], ' \n\t\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no export job IDs in the input (it was empty)');
  });

  it('10,000 IDs from standard input are saved in one write of the watch list', async () => {
    box = new Sandbox();
    const ids = Array.from({ length: 10_000 }, (_, i) => jobId('bulk', i));
    const session = await box.session();
    const c = captureIo(box.env, box.home, ids.map((id, i) => (i % 3 === 0 ? `${id},` : `${id}\n`)).join(''));
    try {
      const writesBefore = session.store.writes;
      const code = await addCommand(session, ['-'], c.io, false);
      expect(code).toBe(0);
      expect(session.store.writes - writesBefore).toBe(1);
      expect(c.out()).toContain('Added 10000:');
      expect(c.out()).toContain('+9990 more');
    } finally {
      await session.close();
    }
    const saved = box.storeIds();
    expect(saved).toHaveLength(10_000);
    expect(saved).toEqual(ids);
  });

  it('--read-only refuses with exit 2 and changes nothing', async () => {
    box = new Sandbox();
    const r = await box.run(['--read-only', 'add', A]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--read-only');
    expect(box.storeIds()).toEqual([]);
  });
});

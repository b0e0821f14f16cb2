import { afterEach, describe, expect, it } from 'vitest';
import { VERSION } from '../src/program.js';
import { jobId, makeJob, okSnapshot, Sandbox } from './commands/helpers.js';

let box: Sandbox;
afterEach(() => box?.cleanup());

describe('sbexport-tui argument handling', () => {
  it('--help prints usage with every command and exits 0 without launching the TUI', async () => {
    box = new Sandbox();
    const r = await box.run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: sbexport-tui');
    for (const cmd of ['add', 'remove', 'list', 'wait', 'import']) expect(r.stdout).toContain(cmd);
    expect(r.launches).toHaveLength(0);
  });

  it('a subcommand --help exits 0', async () => {
    box = new Sandbox();
    const r = await box.run(['wait', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--timeout');
  });

  it('--version and -v print the version', async () => {
    box = new Sandbox();
    for (const flag of ['--version', '-v']) {
      const r = await box.run([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(VERSION);
    }
  });

  it('an unknown flag is a usage error (exit 2) naming the flag', async () => {
    box = new Sandbox();
    const r = await box.run(['--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--frobnicate'");
    expect(r.launches).toHaveLength(0);
  });

  it('an unknown subcommand is a usage error (exit 2) naming it', async () => {
    box = new Sandbox();
    const r = await box.run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
    expect(r.launches).toHaveLength(0);
  });

  it('extra arguments to a subcommand are a usage error', async () => {
    box = new Sandbox();
    const r = await box.run(['list', 'extra']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('too many arguments');
  });

  it.each([['0'], ['-1'], ['abc'], ['1.5'], [''], ['Infinity']])(
    '--interval %j is a usage error',
    async (value) => {
      box = new Sandbox();
      const r = await box.run(['--interval', value]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--interval');
      expect(r.launches).toHaveLength(0);
    },
  );

  it('--interval 2 (the minimum) is accepted and reaches the TUI', async () => {
    box = new Sandbox();
    const r = await box.run(['--interval', '2']);
    expect(r.code).toBe(0);
    expect(r.launches).toHaveLength(1);
    expect(r.launches[0]?.interval).toBe(2);
  });

  it('without a subcommand launches the TUI with the defaults', async () => {
    box = new Sandbox();
    const r = await box.run([]);
    expect(r.code).toBe(0);
    expect(r.launches).toEqual([
      expect.objectContaining({
        interval: 5,
        readOnly: false,
        bell: true,
        color: true,
        demo: false,
        configDir: box.configDir,
      }),
    ]);
  });

  it('passes --no-color, --no-bell, --read-only, --demo, --profile and --endpoint to the TUI', async () => {
    box = new Sandbox();
    const r = await box.run([
      '--no-color',
      '--no-bell',
      '--read-only',
      '--demo',
      '--profile',
      'lab',
      '--endpoint',
      'cgc',
    ]);
    expect(r.code).toBe(0);
    expect(r.launches).toEqual([
      expect.objectContaining({
        color: false,
        bell: false,
        readOnly: true,
        demo: true,
        profile: 'lab',
        endpoint: 'cgc',
      }),
    ]);
  });

  it('--timeout must be a number of seconds', async () => {
    box = new Sandbox();
    const r = await box.run(['wait', '--timeout', 'soon']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--timeout');
  });

  it('--state accepts states in any case and refuses unknown ones', async () => {
    box = new Sandbox();
    expect((await box.run(['list', '--state', 'failed'])).code).toBe(0);
    const r = await box.run(['list', '--state', 'DONE']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Allowed: PENDING, RUNNING, COMPLETED, FAILED');
  });

  it('remove without IDs is a usage error', async () => {
    box = new Sandbox();
    const r = await box.run(['remove']);
    expect(r.code).toBe(2);
  });

  describe('without credentials', () => {
    it('commands that need the network exit 2 with how to set a token and a pointer to --demo', async () => {
      box = new Sandbox(undefined, false);
      box.seed([jobId('run', 1)]);
      for (const argv of [['wait'], ['import']]) {
        const r = await box.run(argv);
        expect(r.code, argv.join(' ')).toBe(2);
        expect(r.stderr).toContain('SB_AUTH_TOKEN');
        expect(r.stderr).toContain('--demo');
      }
    });

    it('the offline commands still work', async () => {
      box = new Sandbox(undefined, false);
      const id = jobId('done', 1);
      expect((await box.run(['add', id])).code).toBe(0);
      expect((await box.run(['list'])).stdout).toContain(id);
      expect((await box.run(['remove', id])).code).toBe(0);
    });

    it('wait needs no token when every job is already final in the saved state', async () => {
      box = new Sandbox(undefined, false);
      const id = jobId('done', 2);
      box.seed([id], new Map([[id, okSnapshot(makeJob(id, 'COMPLETED'))]]));
      const r = await box.run(['wait']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    });
  });
});

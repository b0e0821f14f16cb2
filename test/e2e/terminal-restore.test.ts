// Every way out leaves the terminal as it was: main screen back, cursor visible.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasScript, type PtyRun, runInPty } from './pty.js';

const ENTER_ALT = '\u001b[?1049h';
const LEAVE_ALT = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';
const PASTE_ON = '\u001b[?2004h';
const PASTE_OFF = '\u001b[?2004l';

const runs: PtyRun[] = [];
afterEach(() => {
  for (const r of runs.splice(0)) {
    r.child.kill('SIGKILL');
    fs.rmSync(r.dir, { recursive: true, force: true });
  }
});

function start(extra: Parameters<typeof runInPty>[1] = {}): PtyRun {
  const r = runInPty(['--demo'], extra);
  runs.push(r);
  return r;
}

/**
 * After the last time the app entered the alternate screen (and turned bracketed paste on), it left it,
 * showed the cursor and turned bracketed paste off.
 */
function restored(out: string): boolean {
  const tail = out.slice(out.lastIndexOf(ENTER_ALT));
  return (
    tail.includes(PASTE_ON) &&
    tail.includes(LEAVE_ALT) &&
    tail.lastIndexOf(SHOW_CURSOR) > 0 &&
    tail.lastIndexOf(PASTE_OFF) > tail.lastIndexOf(PASTE_ON)
  );
}

describe.skipIf(!hasScript)('terminal restore (real pty)', () => {
  it('talks to the API (the built bundle, not just the sources), then q quits with exit 0 and restores the terminal', async () => {
    const r = start();
    await r.waitFor((o) => o.includes('1/13'), 'the first frame');
    // A refresh only succeeds if the bundled HTTP client works: the seed page's FAILED job shows up.
    await r.waitFor((o) => o.includes('FAILED'), 'a refreshed frame');
    r.child.stdin!.write('q');
    expect(await r.exited).toBe(0);
    expect(restored(r.output())).toBe(true);
  });

  it('Ctrl-C quits and restores the terminal', async () => {
    const r = start();
    await r.waitFor((o) => o.includes('1/13'), 'the first frame');
    r.child.stdin!.write('\u0003');
    await r.exited;
    expect(restored(r.output())).toBe(true);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s restores the terminal', async (signal, code) => {
    const r = start();
    await r.waitFor((o) => o.includes('1/13'), 'the first frame');
    process.kill(r.appPid(), signal);
    expect(await r.exited).toBe(code);
    expect(restored(r.output())).toBe(true);
  });

  it('an uncaught exception restores the terminal first, then prints the error', async () => {
    // A preload that throws from a timer once the app is up: a crash in "someone else's" code.
    const preload = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-crash-')), 'crash.mjs');
    fs.writeFileSync(preload, "setTimeout(() => { throw new Error('simulated crash'); }, 1500);\n");
    const r = start({ nodeArgs: ['--import', preload] });
    await r.waitFor((o) => o.includes('1/13'), 'the first frame');
    const code = await r.exited;
    fs.rmSync(path.dirname(preload), { recursive: true, force: true });
    expect(code).not.toBe(0);
    const out = r.output();
    expect(restored(out)).toBe(true);
    // The message comes after the terminal is back on the main screen, so it stays readable.
    expect(out.lastIndexOf('simulated crash')).toBeGreaterThan(out.lastIndexOf(LEAVE_ALT));
  });

  it('without a terminal, the TUI refuses with exit 2 and points at list --json', async () => {
    const { spawnSync } = await import('node:child_process');
    const res = spawnSync(
      process.execPath,
      ['dist/cli.js', '--demo', '--config-dir', fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-'))],
      {
        encoding: 'utf8',
        input: '',
      },
    );
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('list --json');
  });
});

// The built app's --demo in a real pty: two simulated platforms, each job polled on its own (the other
// simulator would reject the token), so both platforms' jobs show real states and only the seed's missing ID
// is NOT FOUND.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { hasScript, type PtyRun, runInPty } from './pty.js';

const runs: PtyRun[] = [];
afterEach(() => {
  for (const r of runs.splice(0)) {
    r.child.kill('SIGKILL');
    fs.rmSync(r.dir, { recursive: true, force: true });
  }
});

// CSI and OSC sequences out: what a person reads.
const plain = (out: string) =>
  out.replace(
    /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[()][0-9A-B]/g,
    '',
  );

describe.skipIf(!hasScript)('--demo with two platforms (real pty)', () => {
  it('shows both platforms’ jobs with the states their own simulator gives', async () => {
    const r = runInPty(['--demo'], { cols: 120, rows: 32 });
    runs.push(r);
    await r.waitFor((o) => plain(o).includes('refreshed'), 'a refreshed frame');
    await r.waitFor((o) => /bdc 8 ● +cgc 5 ●/.test(plain(o)), 'per-platform counts, both well');
    await r.waitFor((o) => plain(o).includes('? 1 not found'), 'the bdc poll (the seed’s missing ID)');
    // A cgc job, asked on cgc: its real state. Asked on bdc it would be NOT FOUND (6 of them, not 1).
    await r.waitFor(
      (o) => /b4Tn8Rw2Yq6Us0Ie5Ko9Ap3Sd7Fg1Hj2 [◌▶✔✖] (PENDING|RUNNING|COMPLETED|FAILED) +cgc/.test(plain(o)),
      'a cgc row with its state',
    );
    const text = plain(r.output());
    expect(text).toMatch(/ID +STATE +PLATFORM/);
    expect(text).not.toMatch(/\? ([2-9]|\d\d) not found/);
    r.child.stdin!.write('q');
    expect(await r.exited).toBe(0);
  });
});

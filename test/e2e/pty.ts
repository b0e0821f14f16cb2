// Runs the built command in a real pseudo-terminal (util-linux `script`), the
// way a person starts it, and collects every byte it writes to the terminal.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

export interface PtyRun {
  child: ChildProcess;
  output(): string;
  /** PID of node itself (script's child), for signals. */
  appPid(): number;
  waitFor(test: (out: string) => boolean, what: string, timeoutMs?: number): Promise<void>;
  exited: Promise<number | null>;
  dir: string;
}

export function runInPty(
  args: string[],
  opts: { cols?: number; rows?: number; nodeArgs?: string[]; env?: NodeJS.ProcessEnv } = {},
): PtyRun {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-pty-'));
  const cli = path.resolve('dist/cli.js');
  const quoted = [process.execPath, ...(opts.nodeArgs ?? []), cli, '--config-dir', dir, ...args]
    .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  const command = `stty cols ${opts.cols ?? 100} rows ${opts.rows ?? 30}; exec ${quoted}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    env: { ...process.env, TERM: 'xterm-256color', XDG_CONFIG_HOME: dir, XDG_CACHE_HOME: dir, ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    dir,
    exited,
    output: () => out,
    appPid() {
      const kids = execFileSync('pgrep', ['-P', String(child.pid)])
        .toString()
        .trim()
        .split('\n');
      return Number(kids[0]);
    },
    async waitFor(test, what, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (!test(out)) {
        if (Date.now() > until)
          throw new Error(
            `Timed out waiting for ${what}. Output so far:\n${JSON.stringify(out.slice(-2000))}`,
          );
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}

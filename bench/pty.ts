// The built CLI in a real pseudo-terminal (util-linux `script`), its output captured byte for byte and
// its process read from /proc. `script` runs `sh -c "stty …; exec node …"`, so its only child becomes
// the node process itself: that pid is the one measured, never script's.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { sleep, until } from './report.js';

export interface Match {
  /** performance.now() when the chunk that completed the match arrived. */
  at: number;
  /** Offset in the output just past the match. */
  end: number;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a process, in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** A line of /proc/<pid>/status in kB, e.g. VmRSS. */
export function statusKb(pid: number, key: string): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
  return m ? Number(m[1]) : Number.NaN;
}

function childrenOf(pid: number): number[] {
  try {
    const text = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    if (text) return text.split(/\s+/).map(Number);
  } catch {
    // No children file on this kernel: scan.
  }
  const out: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(name));
    } catch {
      // gone
    }
  }
  return out;
}

function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

export class PtySession {
  readonly spawnedAt: number;
  private readonly proc: ChildProcess;
  private out = '';
  private readonly waiters = new Set<{ re: RegExp; from: number; done: (m: Match) => void }>();
  private exited = false;
  private pid: number | undefined;
  /** A word of the app's command line, to tell its process from script's shell. */
  private readonly marker: string;

  constructor(argv: readonly string[], env: NodeJS.ProcessEnv, cols: number, rows: number, marker: string) {
    const command = `stty cols ${cols} rows ${rows}; exec ${argv.map(quote).join(' ')}`;
    this.spawnedAt = performance.now();
    this.proc = spawn('script', ['-qfec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout!.setEncoding('utf8');
    this.proc.stdout!.on('data', (chunk: string) => {
      const at = performance.now();
      this.out += chunk;
      for (const w of [...this.waiters]) {
        w.re.lastIndex = w.from;
        const m = w.re.exec(this.out);
        if (m) {
          this.waiters.delete(w);
          w.done({ at, end: m.index + m[0].length });
        }
      }
    });
    this.proc.stderr!.resume();
    this.proc.on('exit', () => {
      this.exited = true;
    });
    this.proc.on('error', () => {
      this.exited = true;
    });
    this.marker = marker;
  }

  get output(): string {
    return this.out;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Resolves when `re` (made global here) matches output at or after `from`; undefined on timeout. */
  waitFor(re: RegExp, from: number, timeoutMs: number): Promise<Match | undefined> {
    const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    global.lastIndex = from;
    const m = global.exec(this.out);
    if (m) return Promise.resolve({ at: performance.now(), end: m.index + m[0].length });
    return new Promise((resolve) => {
      const w = {
        re: global,
        from,
        done: (match: Match) => {
          clearTimeout(timer);
          resolve(match);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(w);
        resolve(undefined);
      }, timeoutMs);
      this.waiters.add(w);
    });
  }

  write(s: string): void {
    this.proc.stdin!.write(s);
  }

  /** The node process under script (after its exec). */
  async nodePid(): Promise<number> {
    if (this.pid !== undefined) return this.pid;
    const scriptPid = this.proc.pid!;
    let found: number | undefined;
    await until(() => {
      found = childrenOf(scriptPid).find((pid) => cmdline(pid).includes(this.marker));
      return found !== undefined;
    }, 10_000);
    if (found === undefined) throw new Error('pty: the node process never appeared under script');
    this.pid = found;
    return found;
  }

  /** Quit as a user would (`q`), else SIGTERM the app, else SIGKILL both. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = () => this.exited;
    this.write('q');
    if (await until(exited, 3000, 10)) return;
    if (this.pid !== undefined) {
      try {
        process.kill(this.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      if (await until(exited, 2000, 10)) return;
      try {
        process.kill(this.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    this.proc.kill('SIGKILL');
    await sleep(50);
  }
}

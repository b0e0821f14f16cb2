// One private tmux server (its own socket file in a temp dir, its own empty config) that runs the
// real app in a window of a fixed size, types into it and reads its screen back.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SESSION = 'shot';
const POLL_MS = 50;

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class TmuxServer {
  private readonly socket: string;
  private readonly config: string;
  private stderrFile = '';
  private panePid = 0;

  constructor(private readonly dir: string) {
    this.socket = path.join(dir, 'tmux.sock');
    this.config = path.join(dir, 'tmux.conf');
    // No status line (it would take a row); keep a dead pane so its exit can be reported.
    fs.writeFileSync(this.config, 'set -g status off\nset -g remain-on-exit on\n');
  }

  async tmux(...args: string[]): Promise<string> {
    const env = { ...process.env };
    // Started from inside someone's tmux, this would otherwise talk about nesting.
    delete env.TMUX;
    const { stdout } = await run('tmux', ['-S', this.socket, '-f', this.config, ...args], { env });
    return stdout;
  }

  /** Starts argv (under exactly `env`, nothing inherited) in a fresh cols×rows window. */
  async start(argv: readonly string[], env: Record<string, string>, cols: number, rows: number) {
    this.stderrFile = path.join(this.dir, 'stderr.txt');
    const assignments = Object.entries(env).map(([k, v]) => shellQuote(`${k}=${v}`));
    const command = `exec env -i ${assignments.join(' ')} ${argv.map(shellQuote).join(' ')} 2>${shellQuote(this.stderrFile)}`;
    await this.tmux('new-session', '-d', '-s', SESSION, '-x', String(cols), '-y', String(rows), command);
    this.panePid = Number((await this.tmux('display-message', '-p', '-t', SESSION, '#{pane_pid}')).trim());
  }

  /** Named keys as tmux knows them: 'j', 'Enter', 'Escape', '?'. */
  async keys(...keys: string[]): Promise<void> {
    for (const key of keys) await this.tmux('send-keys', '-t', SESSION, key);
  }

  async type(text: string): Promise<void> {
    await this.tmux('send-keys', '-t', SESSION, '-l', text);
  }

  /** Arrives as one burst, newlines kept (-r): what a terminal delivers when someone pastes. */
  async paste(text: string): Promise<void> {
    await this.tmux('set-buffer', '-b', 'paste', '--', text);
    await this.tmux('paste-buffer', '-d', '-r', '-b', 'paste', '-t', SESSION);
  }

  async screen(withEscapes = false): Promise<string> {
    return this.tmux('capture-pane', '-p', '-N', ...(withEscapes ? ['-e'] : []), '-t', SESSION);
  }

  private async dead(): Promise<boolean> {
    return (await this.tmux('display-message', '-p', '-t', SESSION, '#{pane_dead}')).trim() === '1';
  }

  private async failIfDead(): Promise<void> {
    if (!(await this.dead())) return;
    const stderr = fs.existsSync(this.stderrFile) ? fs.readFileSync(this.stderrFile, 'utf8').trim() : '';
    throw new Error(`the app exited${stderr ? `: ${stderr}` : ' without a message'}`);
  }

  /** Polls the plain screen until `test` holds; on timeout the error shows the screen as it was. */
  async waitFor(test: (screen: string) => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    for (;;) {
      await this.failIfDead();
      screen = await this.screen();
      if (test(screen)) return;
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}; the screen was:\n${screen.trimEnd()}`);
      }
      await sleep(POLL_MS);
    }
  }

  /**
   * The screen with its escape codes once it has stopped changing: the marker a step waits for can
   * appear a frame before the rest of that frame's changes.
   */
  async settled(quietMs = 300, timeoutMs = 5_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = await this.screen(true);
    let since = Date.now();
    for (;;) {
      await sleep(POLL_MS);
      const now = await this.screen(true);
      if (now !== last) {
        last = now;
        since = Date.now();
      } else if (Date.now() - since >= quietMs) {
        return now;
      }
      if (Date.now() > deadline) throw new Error('the screen kept changing');
    }
  }

  /**
   * Ends the app and its session, and waits for the app to be gone so its port is free for the next
   * one. SIGTERM while its terminal is still open: an app whose terminal has gone (kill-session first)
   * takes seconds to exit.
   */
  async stop(): Promise<void> {
    const pid = this.panePid;
    this.panePid = 0;
    if (pid) {
      // The pane's process is the app itself: the shell and env exec it.
      signal(pid, 'SIGTERM');
      // Dead, not gone: the exited app can linger as a zombie of the tmux server, its port closed.
      const deadline = Date.now() + 5_000;
      while (!(await this.dead()) && Date.now() < deadline) await sleep(POLL_MS);
      if (!(await this.dead())) signal(pid, 'SIGKILL');
    }
    await this.tmux('kill-session', '-t', SESSION).catch(() => {});
  }

  async kill(): Promise<void> {
    await this.stop().catch(() => {});
    await this.tmux('kill-server').catch(() => {});
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

// A CLI run in memory: argv in, exit code and output out, with a temporary config folder and home, a
// throwaway token, and a TUI launcher that only records how it was called.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import type { CommandIo } from '../../src/commands/io.js';
import { demoFileId } from '../../src/demo/seed-catalog.js';
import type { ExportJob } from '../../src/platform/types.js';
import { defaultEndpointOf } from '../../src/platforms/platforms.js';
import { runCli, type TuiOptions } from '../../src/program.js';
import { openSession, type Session } from '../../src/session.js';
import type { Snapshot } from '../../src/store/types.js';
import { WatchStore } from '../../src/store/watch-store.js';

export const TOKEN = 'test-token-not-secret';

export interface Captured {
  io: CommandIo;
  out: () => string;
  err: () => string;
}

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      text += String(chunk);
      cb();
    },
  });
  return { stream, text: () => text };
}

export function captureIo(env: NodeJS.ProcessEnv, home: string, stdinText = ''): Captured {
  const out = sink();
  const err = sink();
  const stdin = new PassThrough();
  stdin.end(stdinText);
  return { io: { stdout: out.stream, stderr: err.stream, stdin, env, home }, out: out.text, err: err.text };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  launches: TuiOptions[];
}

/** A temporary config folder and home; `env` carries the token and, once set, the simulator's endpoint. */
export class Sandbox {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-cmd-'));
  readonly configDir = path.join(this.root, 'config');
  readonly home = path.join(this.root, 'home');
  env: NodeJS.ProcessEnv;

  constructor(endpoint?: string, withToken = true) {
    fs.mkdirSync(this.home);
    this.env = { PATH: process.env.PATH };
    if (withToken) this.env.SB_AUTH_TOKEN = TOKEN;
    if (endpoint) this.env.SB_API_ENDPOINT = endpoint;
  }

  /** `sbexport-tui --config-dir <tmp> ...argv` */
  async run(argv: string[], stdinText = ''): Promise<RunResult> {
    const c = captureIo(this.env, this.home, stdinText);
    const launches: TuiOptions[] = [];
    const code = await runCli(['--config-dir', this.configDir, ...argv], c.io, async (opts) => {
      launches.push(opts);
      return 0;
    });
    return { code, stdout: c.out(), stderr: c.err(), launches };
  }

  /** A session like runCli opens, for calling a command function directly. */
  session(): Promise<Session> {
    return openSession({ configDir: this.configDir }, { env: this.env, home: this.home, warn: () => {} });
  }

  /** Write the watch list as an earlier run would have left it. */
  seed(
    ids: readonly string[],
    snapshots: ReadonlyMap<string, Snapshot> = new Map(),
    endpoint = defaultEndpointOf({ env: this.env, home: this.home }),
  ): void {
    const store = WatchStore.open({ cwd: this.configDir });
    store.add(ids, { endpoint });
    store.putSnapshots(snapshots);
    store.close();
  }

  storeIds(): string[] {
    const store = WatchStore.open({ cwd: this.configDir });
    try {
      return [...store.ids()];
    } finally {
      store.close();
    }
  }

  storeFileText(): string {
    const store = WatchStore.open({ cwd: this.configDir });
    const file = store.path;
    store.close();
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  }

  cleanup(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

export function okSnapshot(job: ExportJob): Snapshot {
  return { status: 'ok', job, fetchedAt: '2026-01-01T00:00:00.000Z' };
}

/** 32 characters like a real export ID, unique per prefix and number. */
export function jobId(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(6, '0')}`.padEnd(32, 'x');
}

export function makeJob(id: string, state: string, volume = 'lab/exports'): ExportJob {
  return {
    id,
    state,
    source: { file: `file-${id.slice(0, 8)}` },
    destination: { volume, location: `out/${id.slice(0, 8)}.bam` },
    properties: { sse_algorithm: 'AES256' },
    overwrite: false,
  };
}

/** Whether the store keeps an entry's endpoint yet (the store's half of issue 12, written in parallel). */
export function storeKeepsEndpoint(): boolean {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-probe-'));
  try {
    const store = WatchStore.open({ cwd: dir });
    store.add([jobId('probe', 1)], { endpoint: 'https://cgc-api.sbgenomics.com/v2' });
    store.close();
    const again = WatchStore.open({ cwd: dir });
    const entry = again.entry(jobId('probe', 1)) as { endpoint?: string } | undefined;
    again.close();
    return entry?.endpoint === 'https://cgc-api.sbgenomics.com/v2';
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Bad volume replies of a restart, as the API sends them. */
export const E9107 = { status: 409, code: 9107, message: 'Location on volume already contains a file.' };
export const E9101 = { status: 403, code: 9101, message: 'Volume is not writable.' };

/** A FAILED export of demo file 1000 + n to `volume`, with the API's error. */
export function failed(n: number, volume: string, error = E9107): ExportJob {
  return {
    id: jobId('fail', n),
    state: 'FAILED',
    source: { file: demoFileId(1000 + n) },
    destination: { volume, location: `runs/s${n}.cram` },
    properties: {},
    overwrite: false,
    error,
  };
}

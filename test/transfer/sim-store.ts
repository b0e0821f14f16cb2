// A simulator with the demo catalog, a client on it, and a real watch list in a temporary config folder: what
// the command tests of retry and export run on. Everything is closed and removed by `close`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { defineTransferSubcommands } from '../../src/commands/transfer-subcommands.js';
import { demoCatalog } from '../../src/demo/seed-catalog.js';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/demo/simulator.js';
import { SbClient } from '../../src/platform/client.js';
import { normalizeEndpoint } from '../../src/platform/endpoints.js';
import { WatchStore } from '../../src/store/watch-store.js';
import { captureIo, type Sandbox } from '../commands/helpers.js';

export const SIM_TOKEN = 'test-token-not-secret';

export interface SimStore {
  sim: Simulator;
  client: SbClient;
  store: WatchStore;
  /** The simulator's URL, normalised as the store keeps endpoints. */
  endpoint: string;
  dir: string;
  close(): Promise<void>;
}

export async function openSimStore(opts: SimulatorOptions = {}): Promise<SimStore> {
  const sim = await startSimulator({ token: SIM_TOKEN, catalog: demoCatalog(), ...opts });
  const client = new SbClient({ endpoint: sim.url, token: SIM_TOKEN });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-xfer-'));
  const store = WatchStore.open({ cwd: dir, debounceMs: 0 });
  const close = async () => {
    store.close();
    await client.close();
    await sim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { sim, client, store, endpoint: normalizeEndpoint(sim.url), dir, close };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `sbexport-tui retry|export …` through their commander definitions, on a session like runCli opens (the
 * sandbox's temp config folder, its env's token and endpoint). A commander usage error is exit 2, as in runCli.
 */
export async function runTransferCli(sb: Sandbox, argv: string[], readOnly = false): Promise<CliRun> {
  const c = captureIo(sb.env, sb.home);
  let code = -1;
  const program = new Command('sbexport-tui').exitOverride();
  program.configureOutput({ writeOut: (t) => c.io.stdout.write(t), writeErr: (t) => c.io.stderr.write(t) });
  defineTransferSubcommands(program, {
    io: c.io,
    readOnly: () => readOnly,
    interval: () => 2,
    withSession: async (fn) => {
      const s = await sb.session();
      try {
        code = await fn(s);
      } finally {
        await s.close();
      }
    },
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    code = 2;
  }
  return { code, stdout: c.out(), stderr: c.err() };
}

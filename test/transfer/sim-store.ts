// A simulator with the demo catalog, a client on it, and a real watch list in a temporary config folder: what
// the command tests of retry and export run on. Everything is closed and removed by `close`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoCatalog } from '../../src/demo/seed-catalog.js';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/demo/simulator.js';
import { SbClient } from '../../src/platform/client.js';
import { normalizeEndpoint } from '../../src/platform/endpoints.js';
import { WatchStore } from '../../src/store/watch-store.js';

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

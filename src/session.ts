// What every mode needs before it can talk to the platform: credentials (or
// the demo's embedded simulator), the API client and the watch list. The TUI
// and the script commands open a session the same way.
import { type Credentials, resolveCredentials } from './credentials.js';
import type { Simulator } from './demo/simulator.js';
import { SbClient } from './platform/client.js';
import { platformLabel } from './platform/endpoints.js';
import { WatchStore } from './store/watch-store.js';

export interface GlobalOptions {
  /** A frozen clock (screenshots): the demo's jobs are laid out around it and never move. */
  frozenNow?: number;
  /** A fixed port for the demo simulator (screenshots), else a random free one. */
  demoPort?: number;
  profile?: string;
  endpoint?: string;
  demo?: boolean;
  /** Config directory override (tests); by default conf's own (XDG_CONFIG_HOME aware). */
  configDir?: string;
}

export interface Session {
  store: WatchStore;
  /** Resolved lazily: `list` and `remove` work offline, without any token. */
  connect(): Connection;
  demo: boolean;
  close(): Promise<void>;
}

export interface Connection {
  client: SbClient;
  credentials: Pick<Credentials, 'endpoint' | 'source' | 'profile'>;
  /** "BioData Catalyst (api.sb…)" — never the token. */
  label: string;
}

export interface SessionIo {
  env: NodeJS.ProcessEnv;
  warn: (message: string) => void;
  home?: string;
}

const DEMO_TOKEN = 'demo-token-not-a-secret';

export async function openSession(
  opts: GlobalOptions,
  io: SessionIo,
  watchExternal = false,
): Promise<Session> {
  let simulator: Simulator | undefined;
  let store: WatchStore;
  if (opts.demo) {
    // The demo owns its own list and starts it afresh each time: its simulator's
    // jobs start afresh too, so last run's snapshots would be lies.
    const frozen = opts.frozenNow;
    // Under a frozen clock the simulator starts forty seconds before it, so every
    // state of the demo's timeline is on screen at once, and stays there.
    let simNow = frozen === undefined ? 0 : frozen - 40_000;
    // Loaded only for the demo: the simulator brings node:http and node:crypto, ~10 ms of every launch.
    const [{ demoJobs, demoWatchIds }, { startSimulator }] = await Promise.all([
      import('./demo/seed.js'),
      import('./demo/simulator.js'),
    ]);
    simulator = await startSimulator({
      jobs: demoJobs(frozen ?? Date.now()),
      port: opts.demoPort,
      now: frozen === undefined ? undefined : () => simNow,
    });
    if (frozen !== undefined) simNow = frozen;
    store = WatchStore.open({ configName: 'demo-watchlist', cwd: opts.configDir, watchExternal });
    store.remove([...store.ids()]);
    store.add(demoWatchIds());
    store.flush();
  } else {
    store = WatchStore.open({ cwd: opts.configDir, watchExternal });
  }

  let connection: Connection | undefined;
  const connect = (): Connection => {
    if (connection) return connection;
    if (simulator) {
      const client = new SbClient({ endpoint: simulator.url, token: DEMO_TOKEN });
      connection = {
        client,
        credentials: { endpoint: simulator.url, source: 'demo' },
        label: `demo simulator (${new URL(simulator.url).host})`,
      };
    } else {
      const creds = resolveCredentials({
        profile: opts.profile,
        endpoint: opts.endpoint,
        env: io.env,
        home: io.home,
        warn: io.warn,
      });
      const client = new SbClient({ endpoint: creds.endpoint, token: creds.token });
      connection = {
        client,
        credentials: { endpoint: creds.endpoint, source: creds.source, profile: creds.profile },
        label: `${platformLabel(creds.endpoint)} (${new URL(creds.endpoint).host})`,
      };
    }
    return connection;
  };

  return {
    store,
    connect,
    demo: Boolean(simulator),
    async close() {
      // Each resource is released even when an earlier one fails (a watch list
      // that cannot be saved must not keep sockets and the demo server alive).
      try {
        store.close();
      } finally {
        try {
          await connection?.client.close();
        } finally {
          await simulator?.close();
        }
      }
    },
  };
}

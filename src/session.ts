// What every mode needs before it can talk to a platform: the platforms with credentials here (or the demo's
// two embedded simulators) and the watch list. The TUI and the script commands open a session the same way.
import type { Credentials } from './credentials.js';
import type { Simulator } from './demo/simulator.js';
import type { SbClient } from './platform/client.js';
import { type Platform, Platforms } from './platforms/platforms.js';
import { WatchStore, type WatchStoreOptions } from './store/watch-store.js';

export interface GlobalOptions {
  /** A frozen clock (screenshots): the demo's jobs are laid out around it and never move. */
  frozenNow?: number;
  /** A fixed port for the demo's first simulator (screenshots; the second takes the next), else random. */
  demoPort?: number;
  profile?: string;
  endpoint?: string;
  demo?: boolean;
  /** Config directory override (tests); by default conf's own (XDG_CONFIG_HOME aware). */
  configDir?: string;
}

export interface Session {
  store: WatchStore;
  /** Every platform with credentials (or the narrowed one); clients are made on first use. */
  platforms: Platforms;
  /**
   * One platform, for callers not yet moved to `platforms` (the TUI): the narrowed platform, else the default
   * one (the demo: its first simulator). Throws CredentialsError without a token.
   */
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

type StoreOpen = WatchStoreOptions & { defaultEndpoint: string };

function connectionOf(p: Platform): Connection {
  return {
    client: p.client,
    credentials: { endpoint: p.endpoint, source: p.source, profile: p.profile },
    label: p.label,
  };
}

export async function openSession(
  opts: GlobalOptions,
  io: SessionIo,
  watchExternal = false,
): Promise<Session> {
  let demo: { simulators: Simulator[]; platforms: Platforms; store: WatchStore } | undefined;
  let platforms: Platforms;
  let store: WatchStore;
  if (opts.demo) {
    const { openDemo } = await import('./platforms/demo.js');
    demo = await openDemo(opts, watchExternal);
    ({ platforms, store } = demo);
  } else {
    platforms = Platforms.fromCredentials({ ...opts, env: io.env, home: io.home, warn: io.warn });
    // defaultEndpoint: what an entry of a 0.1.0 list without an href is upgraded to — never the narrowed one.
    const storeOpts: StoreOpen = {
      cwd: opts.configDir,
      watchExternal,
      defaultEndpoint: platforms.defaultEndpoint,
    };
    store = WatchStore.open(storeOpts);
  }

  let connection: Connection | undefined;
  // The narrowed platform, else the default one; without a token, today's CredentialsError with its help.
  const connect = (): Connection => {
    connection ??= connectionOf(platforms.primary());
    return connection;
  };

  return {
    store,
    platforms,
    connect,
    demo: demo !== undefined,
    async close() {
      // Each resource is released even when an earlier one fails (a watch list
      // that cannot be saved must not keep sockets and the demo servers alive).
      try {
        store.close();
      } finally {
        try {
          await platforms.close();
        } finally {
          await Promise.all((demo?.simulators ?? []).map((s) => s.close()));
        }
      }
    },
  };
}

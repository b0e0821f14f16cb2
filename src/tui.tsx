// Launches the full-screen watcher: session → poller → <App/>, inside the alternate screen, with the
// terminal restored on every way out.
import { type Instance, render } from 'ink';
import supportsHyperlinks from 'supports-hyperlinks';
import { type CommandIo, EXIT, line } from './commands/io.js';
import { CredentialsError } from './credentials.js';
import type { Platform, Platforms } from './platforms/platforms.js';
import { platformTargets } from './platforms/targets.js';
import type { TuiOptions } from './program.js';
import { type ClientFor, createServices } from './services.js';
import { openSession, type Session } from './session.js';
import { App } from './ui/App.js';
import { createFrameWriter } from './ui/frame-writer.js';
import { scopedList } from './ui/scoped-list.js';
import { enterFullScreen, onEveryExit } from './ui/terminal.js';
import { colorWanted, setColorEnabled } from './ui/theme.js';
import { errorText } from './values.js';
import { Poller } from './watch/poller.js';

export async function launchTui(opts: TuiOptions, io: CommandIo): Promise<number> {
  const stdout = process.stdout;
  const stdin = process.stdin;
  if (!stdout.isTTY || !stdin.isTTY) {
    line(
      io.stderr,
      'sbexport-tui needs a terminal. For scripts use: sbexport-tui list --json (or add, remove, wait, import; see --help).',
    );
    return EXIT.usage;
  }
  setColorEnabled(colorWanted(opts.color, io.env));
  const warnings: string[] = [];
  const session = await openSession(
    opts,
    { env: io.env, home: io.home, warn: (m) => warnings.push(m) },
    true,
  );
  warnings.push(...session.store.warnings);
  const polled = await platformsOrClose(session);
  const { platforms } = session;
  const clock = opts.frozenNow === undefined ? undefined : () => opts.frozenNow as number;
  const pollers = platformPollers(session, opts.interval * 1000, clock);
  const all = { stop: () => Promise.all(pollers.map((p) => p.poller.stop())) };
  const hosts = new Set(platforms.known().map((p) => new URL(p.endpoint).host));

  const screen = enterFullScreen(stdout, stdin);
  const frames = createFrameWriter(stdout);
  const onResize = () => frames.redrawAll();
  stdout.on('resize', onResize);
  let instance: Instance | undefined;
  const { shutdown, finished } = shutdownOnce(io, session, all, () => {
    try {
      instance?.unmount();
    } catch {
      // Unmounting a crashed tree may throw; the terminal is what matters now.
    }
    stdout.off('resize', onResize);
    screen.restore();
  });
  onEveryExit((code, error) => void shutdown(code, error));

  instance = render(
    <App
      store={platforms.isNarrowed ? scopedList(session.store, (e) => platforms.inScope(e)) : session.store}
      pollers={pollers}
      platforms={platforms}
      primaryEndpoint={platforms.addEndpoint()}
      services={createServices(clientsOf(platforms), stdout)}
      platform={polled.length === 1 ? polled[0]!.label : `${polled.length} platforms`}
      tags={[...(session.demo ? ['DEMO'] : []), ...(opts.readOnly ? ['READ-ONLY'] : [])]}
      readOnly={opts.readOnly}
      bell={opts.bell}
      hyperlinks={supportsHyperlinks.stdout}
      allowedHosts={hosts}
      startupMessages={warnings}
      now={clock}
      onQuit={() => void shutdown(EXIT.ok)}
    />,
    { stdout: frames.stream, stdin, exitOnCtrlC: false, patchConsole: true },
  );
  // A render error ends Ink's tree without an uncaught exception: end the app with it.
  instance.waitUntilExit().then(
    () => void shutdown(EXIT.ok),
    (error: unknown) => void shutdown(70, error),
  );
  for (const p of pollers) p.poller.start();
  return finished;
}

/** One poller per platform with a token here, each on a view of the list holding only its own jobs. */
function platformPollers(session: Session, intervalMs: number, clock?: () => number) {
  const { platforms } = session;
  return platformTargets(session.store, platforms).map(({ platform, target }) => ({
    name: platforms.shortName(platform.endpoint),
    endpoint: platform.endpoint,
    poller: new Poller({
      now: clock,
      target,
      client: platform.client,
      intervalMs,
      label: `${platform.source} at ${new URL(platform.endpoint).host}`,
    }),
  }));
}

/** The client of a job's platform for retry and import; undefined: the primary platform's. */
function clientsOf(platforms: Platforms): ClientFor {
  return (endpoint) => {
    const platform = endpoint ? platforms.get(endpoint) : platforms.primary();
    if (!platform) throw new CredentialsError(`No token for ${platforms.shortName(endpoint ?? '')} here`);
    return platform.client;
  };
}

/**
 * Credentials are checked before the screen changes, so their help prints on a normal terminal. No platform
 * with a token at all: today's error with its help (from connect()).
 */
async function platformsOrClose(session: Session): Promise<readonly Platform[]> {
  try {
    const list = session.platforms.all();
    if (list.length === 0) session.connect();
    return list;
  } catch (err) {
    await session.close();
    throw err;
  }
}

/**
 * The one way out, whichever comes first (q, a signal, a crash): the screen restored, the watch list
 * saved, then the poller and sockets closed — those may not hold up a closing terminal for long.
 */
function shutdownOnce(
  io: CommandIo,
  session: Session,
  poller: { stop(): Promise<unknown> },
  restoreScreen: () => void,
) {
  let finish: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => {
    finish = resolve;
  });
  let exiting = false;
  const shutdown = async (code: number, error?: unknown) => {
    if (exiting) return;
    exiting = true;
    restoreScreen();
    if (error) {
      line(
        io.stderr,
        `sbexport-tui crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
    try {
      session.store.flush();
    } catch (err) {
      line(io.stderr, `Could not save the watch list: ${errorText(err)}`);
    }
    const cleanup = poller.stop().then(() => session.close());
    try {
      await Promise.race([cleanup, new Promise((resolve) => setTimeout(resolve, 500).unref())]);
    } catch {
      // Saving already failed loudly above; closing sockets may fail too. Exit anyway.
    } finally {
      finish(code);
    }
  };
  return { shutdown, finished };
}

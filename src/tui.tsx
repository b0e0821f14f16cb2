// Launches the full-screen watcher: session → poller → <App/>, inside the
// alternate screen, with the terminal restored on every way out.
import { render } from 'ink';
import supportsHyperlinks from 'supports-hyperlinks';
import { type CommandIo, EXIT, line } from './commands/io.js';
import { listExports, startExport } from './platform/exports.js';
import type { ExportJob } from './platform/types.js';
import type { TuiOptions } from './program.js';
import { openSession } from './session.js';
import { App } from './ui/App.js';
import { createFrameWriter } from './ui/frame-writer.js';
import type { AppServices } from './ui/ports.js';
import { BELL, enterFullScreen, onEveryExit, osc52 } from './ui/terminal.js';
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
  // Credentials are checked before the screen changes, so their help prints on a normal terminal.
  let connection: ReturnType<typeof session.connect>;
  try {
    connection = session.connect();
  } catch (err) {
    await session.close();
    throw err;
  }
  const { client, label } = connection;
  const host = new URL(connection.credentials.endpoint).host;

  const clock = opts.frozenNow === undefined ? undefined : () => opts.frozenNow as number;
  const poller = new Poller({
    now: clock,
    target: session.store,
    client,
    intervalMs: opts.interval * 1000,
    label: `${connection.credentials.source} at ${host}`,
  });

  const services: AppServices = {
    copy: (text) => stdout.write(osc52(text)),
    bell: () => stdout.write(BELL),
    listJobs: async (query) => {
      const jobs: ExportJob[] = [];
      for await (const job of listExports(client, { volume: query.volume, states: query.states }))
        jobs.push(job);
      return jobs;
    },
    retryExport: (job, choice) =>
      startExport(client, {
        source: { file: String(job.source?.file ?? '') },
        destination: { volume: String(job.destination?.volume ?? ''), location: choice.location },
        overwrite: choice.overwrite,
        properties: job.properties,
      }),
  };

  const screen = enterFullScreen(stdout, stdin);
  const frames = createFrameWriter(stdout);
  const onResize = () => frames.redrawAll();
  stdout.on('resize', onResize);

  let finish: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => {
    finish = resolve;
  });
  let exiting = false;
  const shutdown = async (code: number, error?: unknown) => {
    if (exiting) return;
    exiting = true;
    try {
      instance.unmount();
    } catch {
      // Unmounting a crashed tree may throw; the terminal is what matters now.
    }
    stdout.off('resize', onResize);
    screen.restore();
    if (error) {
      line(
        io.stderr,
        `sbexport-tui crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
    // Save the watch list first; the rest (an in-flight request, keep-alive
    // sockets) may not hold up a closing terminal for long.
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
  onEveryExit((code, error) => void shutdown(code, error));

  const instance = render(
    <App
      store={session.store}
      poller={poller}
      services={services}
      platform={label}
      tags={[...(session.demo ? ['DEMO'] : []), ...(opts.readOnly ? ['READ-ONLY'] : [])]}
      readOnly={opts.readOnly}
      bell={opts.bell}
      hyperlinks={supportsHyperlinks.stdout}
      allowedHosts={new Set([host])}
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
  poller.start();
  return finished;
}

// argv → a script command or the TUI. Parsing and validation are commander's;
// each command lives in its own file under commands/.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { addCommand } from './commands/add.js';
import { importCommand } from './commands/import.js';
import { type CommandIo, EXIT, line } from './commands/io.js';
import { listCommand } from './commands/list.js';
import { removeCommand } from './commands/remove.js';
import { waitCommand } from './commands/wait.js';
import { CredentialsError } from './credentials.js';
import { EXPORT_STATES } from './platform/types.js';
import { type GlobalOptions, openSession, type Session } from './session.js';

export const VERSION = '0.1.0';
export const MIN_INTERVAL_SECONDS = 2;

export interface TuiOptions extends GlobalOptions {
  interval: number;
  readOnly: boolean;
  bell: boolean;
  color: boolean;
}

export type TuiLauncher = (opts: TuiOptions, io: CommandIo) => Promise<number>;

function parseSeconds(min: number, what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n))
      throw new InvalidArgumentError(`${what} must be a number of seconds.`);
    if (n < min) throw new InvalidArgumentError(`${what} must be at least ${min} seconds.`);
    return n;
  };
}

// The API's states, plus what the watch list knows instead of a state.
const LIST_STATES = [...EXPORT_STATES, 'NOT_FOUND', 'NO_ACCESS', 'UNKNOWN'];

const stateOption = () =>
  new Option('--state <state...>', `only jobs in these states: ${LIST_STATES.join(', ')}`).argParser(
    (value: string, previous: string[] | undefined) => {
      const upper = value.toUpperCase();
      if (!LIST_STATES.includes(upper)) throw new InvalidArgumentError(`Allowed: ${LIST_STATES.join(', ')}.`);
      return [...(previous ?? []), upper];
    },
  );

/**
 * For reproducible screenshots only (scripts/screenshots): SBEXPORT_TUI_FROZEN_TIME
 * (ISO time) stops the clock; SBEXPORT_TUI_DEMO_PORT pins the demo's port.
 */
function frozenClock(env: NodeJS.ProcessEnv): Pick<GlobalOptions, 'frozenNow' | 'demoPort'> {
  const t = env.SBEXPORT_TUI_FROZEN_TIME ? Date.parse(env.SBEXPORT_TUI_FROZEN_TIME) : Number.NaN;
  const port = Number(env.SBEXPORT_TUI_DEMO_PORT);
  return {
    frozenNow: Number.isNaN(t) ? undefined : t,
    demoPort: Number.isInteger(port) && port > 0 ? port : undefined,
  };
}

/**
 * Runs the CLI and resolves to the exit code. Nothing here calls process.exit:
 * the caller does, after the terminal and the store are closed.
 */
export async function runCli(
  argv: readonly string[],
  io: CommandIo,
  launchTui: TuiLauncher,
): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command('sbexport-tui')
    .description('Watch Seven Bridges export jobs live in your terminal.')
    .version(VERSION, '-v, --version')
    .option('--profile <name>', 'profile in ~/.sevenbridges/credentials')
    .option('--endpoint <url|name>', 'API base URL or platform: bdc, sbg-us, sbg-eu, sbg-cn, cgc, cavatica')
    .option('--demo', 'run against the embedded API simulator, with its own watch list')
    .option('--config-dir <dir>', 'where the watch list is kept (default: the XDG config folder)')
    .addOption(
      new Option('--interval <seconds>', `refresh interval (minimum ${MIN_INTERVAL_SECONDS})`)
        .default(5)
        .argParser(parseSeconds(MIN_INTERVAL_SECONDS, '--interval')),
    )
    .option('--read-only', 'no adding, removing or restarting jobs')
    .option('--no-bell', 'do not ring the bell when a job fails')
    .option('--no-color', 'no colours (also: the NO_COLOR environment variable)')
    .showHelpAfterError('(run sbexport-tui --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });

  const globals = (): GlobalOptions => {
    const o = program.opts();
    return {
      profile: o.profile,
      endpoint: o.endpoint,
      demo: Boolean(o.demo),
      configDir: o.configDir,
      ...frozenClock(io.env),
    };
  };
  const withSession = async (fn: (s: Session) => Promise<number>) => {
    const session = await openSession(globals(), {
      env: io.env,
      home: io.home,
      warn: (m) => line(io.stderr, `warning: ${m}`),
    });
    for (const w of session.store.warnings) line(io.stderr, `warning: ${w}`);
    try {
      code = await fn(session);
    } finally {
      await session.close();
    }
  };

  program.action(async () => {
    // A word that is no subcommand lands here (the root takes no arguments): name it as commander would.
    const [unknown] = program.args;
    if (unknown !== undefined) {
      const names = program.commands.map((c) => c.name()).join(', ');
      program.error(`error: unknown command '${unknown}' (commands: ${names})`, {
        code: 'commander.unknownCommand',
        exitCode: EXIT.usage,
      });
    }
    const o = program.opts();
    code = await launchTui(
      {
        ...globals(),
        interval: o.interval,
        readOnly: Boolean(o.readOnly),
        bell: o.bell !== false,
        color: o.color !== false,
      },
      io,
    );
  });

  program
    .command('add')
    .description('watch more jobs: IDs or export URLs, or - to read them from standard input')
    .argument('[ids...]', 'export job IDs or https://…/v2/storage/exports/<id> URLs')
    .action(async (ids: string[]) =>
      withSession((s) => addCommand(s, ids, io, Boolean(program.opts().readOnly))),
    );
  program
    .command('remove')
    .alias('rm')
    .description('stop watching jobs (the jobs themselves are untouched)')
    .argument('<ids...>', 'export job IDs')
    .action(async (ids: string[]) =>
      withSession((s) => removeCommand(s, ids, io, Boolean(program.opts().readOnly))),
    );
  program
    .command('list')
    .alias('ls')
    .description('the last known state of every watched job (no network)')
    .option('--json', 'print a JSON array of job objects')
    .addOption(stateOption())
    .action(async (o: { json?: boolean; state?: string[] }) => withSession((s) => listCommand(s, o, io)));
  program
    .command('wait')
    .description(
      'poll until the given (default: all watched) jobs are final; exit 0 all COMPLETED, 1 any FAILED/NOT FOUND, 124 timeout',
    )
    .argument('[ids...]', 'export job IDs (default: every watched job)')
    .addOption(
      new Option('--timeout <seconds>', 'give up after this long').argParser(parseSeconds(0, '--timeout')),
    )
    .action(async (ids: string[], o: { timeout?: number }) =>
      withSession((s) =>
        waitCommand(
          s,
          ids,
          {
            timeout: o.timeout,
            interval: program.opts().interval,
            readOnly: Boolean(program.opts().readOnly),
          },
          io,
        ),
      ),
    );
  program
    .command('import')
    .description("watch jobs from the platform's own list of your exports")
    .option('--volume <owner/volume>', 'only jobs exporting to this volume')
    .addOption(stateOption())
    .action(async (o: { volume?: string; state?: string[] }) =>
      withSession((s) => importCommand(s, o, io, Boolean(program.opts().readOnly))),
    );

  // Set after the subcommands are made, so they keep rejecting extra arguments (they inherit this setting).
  program.allowExcessArguments(true);
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof CredentialsError) {
      line(io.stderr, err.message);
      return EXIT.usage;
    }
    throw err;
  }
  return code;
}

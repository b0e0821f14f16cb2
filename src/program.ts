// argv → a script command or the TUI. Parsing and validation are commander's;
// each command lives in its own file under commands/.
import { Command, CommanderError, Option } from 'commander';
import { parseSeconds } from './commands/cli-options.js';
import { type CommandIo, EXIT, line } from './commands/io.js';
import { defineSubcommands } from './commands/subcommands.js';
import { CredentialsError } from './credentials.js';
import { type GlobalOptions, openSession, type Session } from './session.js';
import { VERSION } from './version.js';

export { VERSION };

export const MIN_INTERVAL_SECONDS = 2;

export interface TuiOptions extends GlobalOptions {
  interval: number;
  readOnly: boolean;
  bell: boolean;
  color: boolean;
}

export type TuiLauncher = (opts: TuiOptions, io: CommandIo) => Promise<number>;

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

/** The root program: global options, and how commander writes and fails. */
function rootProgram(io: CommandIo): Command {
  return new Command('sbexport-tui')
    .description('Watch Seven Bridges export jobs live in your terminal.')
    .version(VERSION, '-v, --version')
    .option('--profile <name>', 'profile in ~/.sevenbridges/credentials: only its platform')
    .option(
      '--endpoint <url|name>',
      'API base URL or platform: bdc, sbg-us, sbg-eu, sbg-cn, cgc, cavatica: only that platform',
    )
    .option('--demo', 'run against the embedded API simulators (two platforms), with their own watch list')
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
}

function globalsOf(program: Command, env: NodeJS.ProcessEnv): GlobalOptions {
  const o = program.opts();
  return {
    profile: o.profile,
    endpoint: o.endpoint,
    demo: Boolean(o.demo),
    configDir: o.configDir,
    ...frozenClock(env),
  };
}

/** Opens a session, runs one command in it, closes it (also when the command throws). */
async function inSession(globals: GlobalOptions, io: CommandIo, fn: (s: Session) => Promise<number>) {
  const session = await openSession(globals, {
    env: io.env,
    home: io.home,
    warn: (m) => line(io.stderr, `warning: ${m}`),
  });
  for (const w of session.store.warnings) line(io.stderr, `warning: ${w}`);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}

/** No subcommand: the TUI, unless the word given is an unknown command. */
async function rootAction(program: Command, io: CommandIo, launchTui: TuiLauncher): Promise<number> {
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
  return launchTui(
    {
      ...globalsOf(program, io.env),
      interval: o.interval,
      readOnly: Boolean(o.readOnly),
      bell: o.bell !== false,
      color: o.color !== false,
    },
    io,
  );
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
  const program = rootProgram(io);
  program.action(async () => {
    code = await rootAction(program, io, launchTui);
  });
  defineSubcommands(program, {
    io,
    withSession: async (fn) => {
      code = await inSession(globalsOf(program, io.env), io, fn);
    },
    readOnly: () => Boolean(program.opts().readOnly),
    interval: () => program.opts().interval,
  });

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

// The subcommands as commander sees them: arguments, options, help text, and which command function runs.
import { type Command, Option } from 'commander';
import type { Session } from '../session.js';
import { addCommand } from './add.js';
import { parseSeconds, stateOption } from './cli-options.js';
import { importCommand } from './import.js';
import type { CommandIo } from './io.js';
import { listCommand } from './list.js';
import { removeCommand } from './remove.js';
import { defineTransferSubcommands } from './transfer-subcommands.js';
import { waitCommand } from './wait.js';

/** What a subcommand needs of the root program: the session runner and the global flags it reads. */
export interface SubcommandContext {
  io: CommandIo;
  withSession(fn: (s: Session) => Promise<number>): Promise<void>;
  readOnly(): boolean;
  /** --interval, in seconds. */
  interval(): number;
}

function defineAdd(program: Command, c: SubcommandContext): void {
  program
    .command('add')
    .description('watch more jobs: IDs or export URLs, or - to read them from standard input')
    .argument(
      '[ids...]',
      'export job IDs (on the --profile/--endpoint platform) or https://…/v2/storage/exports/<id> URLs',
    )
    .action(async (ids: string[]) => c.withSession((s) => addCommand(s, ids, c.io, c.readOnly())));
}

function defineRemove(program: Command, c: SubcommandContext): void {
  program
    .command('remove')
    .alias('rm')
    .description('stop watching jobs, on any platform (the jobs themselves are untouched)')
    .argument('<ids...>', 'export job IDs')
    .action(async (ids: string[]) => c.withSession((s) => removeCommand(s, ids, c.io, c.readOnly())));
}

function defineList(program: Command, c: SubcommandContext): void {
  program
    .command('list')
    .alias('ls')
    .description('the last known state of every watched job (no network)')
    .option('--json', 'print a JSON array of job objects')
    .addOption(stateOption())
    .option('--platform <name|url>', 'only jobs of this platform: bdc, cgc, … a profile name, or an API URL')
    .action(async (o: { json?: boolean; state?: string[]; platform?: string }) =>
      c.withSession((s) => listCommand(s, o, c.io)),
    );
}

function defineWait(program: Command, c: SubcommandContext): void {
  program
    .command('wait')
    .description(
      'poll until the given (default: all watched) jobs are final, each on its own platform; exit 0 all COMPLETED, 1 any FAILED/NOT FOUND or on a platform without a token, 124 timeout',
    )
    .argument('[ids...]', 'export job IDs (default: every watched job)')
    .addOption(
      new Option('--timeout <seconds>', 'give up after this long').argParser(parseSeconds(0, '--timeout')),
    )
    .action(async (ids: string[], o: { timeout?: number }) =>
      c.withSession((s) =>
        waitCommand(s, ids, { timeout: o.timeout, interval: c.interval(), readOnly: c.readOnly() }, c.io),
      ),
    );
}

function defineImport(program: Command, c: SubcommandContext): void {
  program
    .command('import')
    .description("watch jobs from the platform's own list of your exports (the --profile/--endpoint one)")
    .option('--volume <owner/volume>', 'only jobs exporting to this volume')
    .addOption(stateOption())
    .action(async (o: { volume?: string; state?: string[] }) =>
      c.withSession((s) => importCommand(s, o, c.io, c.readOnly())),
    );
}

export function defineSubcommands(program: Command, c: SubcommandContext): void {
  for (const define of [defineAdd, defineRemove, defineList, defineWait, defineImport]) define(program, c);
  defineTransferSubcommands(program, c);
}

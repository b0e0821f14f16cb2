// `retry` and `export` as commander sees them: arguments, options, help text, and the wiring of a session to
// the command functions. The root program calls defineTransferSubcommands next to its other subcommands.
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { SbClient } from '../platform/client.js';
import { normalizeEndpoint } from '../platform/endpoints.js';
import type { Session } from '../session.js';
import { type ExportOptions, exportCommand } from './export.js';
import { type CommandIo, refuseInReadOnly } from './io.js';
import { type RetryOptions, retryCommand } from './retry.js';
import type { CommandStore } from './retry-select.js';
import { waitCommand } from './wait.js';

/** What these subcommands need of the root program (its SubcommandContext fits). */
export interface TransferSubcommandContext {
  io: CommandIo;
  withSession(fn: (s: Session) => Promise<number>): Promise<void>;
  readOnly(): boolean;
  /** --interval, in seconds (for export --wait). */
  interval(): number;
}

function parseNumber(what: string, opts: { whole?: boolean; min?: number }) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || (opts.whole && !Number.isInteger(n))) {
      throw new InvalidArgumentError(`${what} must be a ${opts.whole ? 'whole number' : 'number'}.`);
    }
    if (opts.min !== undefined && n < opts.min)
      throw new InvalidArgumentError(`${what} must be at least ${opts.min}.`);
    return n;
  };
}

interface PlatformContext {
  client: SbClient;
  store: CommandStore;
  endpoint: string;
  io: CommandIo;
  signal: AbortSignal;
}

/** The session's one platform, as the commands take it; Ctrl-C stops between bulk calls instead of mid-way. */
async function onPlatform<T>(
  s: Session,
  io: CommandIo,
  run: (ctx: PlatformContext) => Promise<T>,
): Promise<T> {
  const { client, credentials } = s.connect();
  const stop = new AbortController();
  const onInterrupt = () => stop.abort();
  process.once('SIGINT', onInterrupt);
  try {
    return await run({
      client,
      store: s.store,
      endpoint: normalizeEndpoint(credentials.endpoint),
      io,
      signal: stop.signal,
    });
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}

function defineRetry(program: Command, c: TransferSubcommandContext): void {
  program
    .command('retry')
    .description(
      'start FAILED exports again with bulk calls (a copy unless --move); exit 0 all accepted, 1 any refused',
    )
    .argument('[ids...]', 'FAILED export job IDs (default: every watched FAILED job of the platform)')
    .addOption(
      new Option('--code <n>', 'only jobs that failed with this error code, e.g. 9107').argParser(
        parseNumber('--code', { whole: true }),
      ),
    )
    .addOption(
      new Option('--overwrite', 'overwrite the file at the same location').conflicts('locationPrefix'),
    )
    .option('--location-prefix <path>', 'a new path prefix on the same volume; each job keeps its file name')
    .option('--move', 'move instead of copy: the project files become aliases that cannot be exported again')
    .option('--dry-run', 'print what would be sent; send nothing')
    .option('--json', 'print a JSON array of {id, new_id | error}')
    .action(async (ids: string[], o: RetryOptions) =>
      c.withSession(async (s) => {
        if (c.readOnly() && !o.dryRun) return refuseInReadOnly('retry', c.io);
        return onPlatform(s, c.io, (ctx) => retryCommand(ctx, ids, o));
      }),
    );
}

function defineExport(program: Command, c: TransferSubcommandContext): void {
  program
    .command('export')
    .description(
      "start exports of a project folder's files to a volume with bulk calls, then watch them; a second run sends only what is not exported or running yet",
    )
    .requiredOption('--project <owner/project>', 'the project the files are in')
    .option('--folder <path>', "a folder inside the project (default: the project's root)")
    .option('--include <glob...>', 'only files whose names match, e.g. "*.cram" "sample_0??.bam"')
    .option('--recursive', 'include the files of every subfolder')
    .requiredOption('--volume <owner/volume>', 'the read-write volume to export to')
    .option('--prefix <path>', "path prefix on the volume (default: the folder's path)")
    .option('--move', 'move instead of copy: the project files become aliases that cannot be exported again')
    .option('--overwrite', 'overwrite files already at the destination')
    .option('--dry-run', 'print what would be sent and what is skipped; send nothing')
    .option('--json', 'print JSON: the preview with --dry-run, else an array of {file, path, new_id | error}')
    .option(
      '--wait',
      'then wait like `wait` for these exports (exit 0 all COMPLETED, 1 any FAILED, 124 timeout)',
    )
    .addOption(
      new Option('--timeout <seconds>', 'with --wait: give up after this long').argParser(
        parseNumber('--timeout', { min: 0 }),
      ),
    )
    .action(async (o: ExportOptions) =>
      c.withSession(async (s) => {
        if (c.readOnly() && !o.dryRun) return refuseInReadOnly('export', c.io);
        const wait = (ids: string[], timeout?: number) =>
          waitCommand(s, ids, { timeout, interval: c.interval(), readOnly: c.readOnly() }, c.io);
        return onPlatform(s, c.io, (ctx) => exportCommand({ ...ctx, wait }, o));
      }),
    );
}

export function defineTransferSubcommands(program: Command, c: TransferSubcommandContext): void {
  defineRetry(program, c);
  defineExport(program, c);
}

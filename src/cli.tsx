// The `sbexport-tui` command.
import './interactive-env.js';
import { runCli } from './program.js';
import { launchTui } from './tui.js';
import { errorText } from './values.js';

// `sbexport-tui list | head -1` closes the pipe early: that is the reader's
// choice, not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };

/**
 * Resolves once what was written to the stream has been handed to the OS. A pipe takes 64 KB at a time and
 * Node queues the rest: exiting before the queue is written would cut `list | …` short.
 */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.writableLength === 0) return Promise.resolve();
  return new Promise((resolve) => stream.write('', () => resolve()));
}

runCli(process.argv.slice(2), io, launchTui).then(
  async (code) => {
    process.exitCode = code;
    await Promise.all([drained(process.stdout), drained(process.stderr)]);
    // Timers (poller, file watchers) are closed by now; exit anyway so a stuck socket cannot hold the shell.
    setImmediate(() => process.exit(code));
  },
  (err: unknown) => {
    process.stderr.write(`sbexport-tui: ${errorText(err)}\n`);
    process.exit(1);
  },
);

// The streams and environment a command runs with: the real process in
// production, in-memory streams in tests.
export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Home folder holding .sevenbridges/credentials (tests point it at a temp dir). */
  home?: string;
}

/** Exit codes, as documented in the README. */
export const EXIT = {
  ok: 0,
  /** `wait`: a job FAILED or does not exist; other commands: the operation failed. */
  failed: 1,
  /** Usage error: bad flag, bad value, missing credentials, no TTY for the TUI. */
  usage: 2,
  /** `wait --timeout` ran out (like timeout(1)). */
  timeout: 124,
} as const;

export function line(stream: NodeJS.WritableStream, text: string): void {
  stream.write(`${text}\n`);
}

/** --read-only refuses every command that changes the watch list, in the same words. */
export function refuseInReadOnly(command: string, io: CommandIo): number {
  line(io.stderr, `${command}: refused in --read-only mode (the watch list is not changed).`);
  return EXIT.usage;
}

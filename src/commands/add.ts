// `sbexport-tui add <id|url>... | -`: start watching jobs. Offline on purpose: nothing is fetched here
// (the TUI or `wait` will), so a script can fill the list without a token or a network.
import { parseIdInput } from '../ids.js';
import type { Session } from '../session.js';
import { safeText } from '../text.js';
import { errorText } from '../values.js';
import { addOnPlatforms, endpointsOf, gatherIdText, STDIN_ARG, sessionHosts, someIds } from './id-args.js';
import { type CommandIo, EXIT, line, refuseInReadOnly } from './io.js';

export async function addCommand(
  session: Session,
  ids: string[],
  io: CommandIo,
  readOnly: boolean,
): Promise<number> {
  if (readOnly) return refuseInReadOnly('add', io);
  if (ids.length === 0) {
    line(io.stderr, `add: give export job IDs or URLs, or ${STDIN_ARG} to read them from standard input.`);
    return EXIT.usage;
  }
  if (ids.includes(STDIN_ARG) && io.stdin.isTTY) {
    line(io.stderr, 'Reading IDs from standard input; end with Ctrl-D.');
  }
  const text = await gatherIdText(ids, io);
  const parsed = parseIdInput(text, {
    watched: new Set(session.store.ids()),
    allowedHosts: sessionHosts(session),
  });

  for (const bad of parsed.invalid) line(io.stderr, `invalid: ${bad.input}: ${bad.reason}`);
  if (parsed.ids.length + parsed.alreadyWatched.length === 0) {
    if (parsed.invalid.length === 0) line(io.stderr, 'add: no export job IDs in the input (it was empty).');
    else line(io.stderr, 'Nothing added.');
    return EXIT.failed;
  }

  let added: string[] = [];
  if (parsed.ids.length > 0) {
    try {
      // One call per platform, so 10,000 IDs from a pipe are one write of the file.
      added = addOnPlatforms(session, endpointsOf(session, parsed));
    } catch (err) {
      line(io.stderr, `add: ${safeText(errorText(err))}`);
      return EXIT.failed;
    }
  }
  if (added.length > 0) line(io.stdout, `Added ${added.length}: ${someIds(added)}`);
  if (parsed.alreadyWatched.length > 0) {
    line(io.stdout, `Already watched ${parsed.alreadyWatched.length}: ${someIds(parsed.alreadyWatched)}`);
  }
  if (parsed.repeated.length > 0) {
    line(
      io.stdout,
      `Given more than once (counted once) ${parsed.repeated.length}: ${someIds(parsed.repeated)}`,
    );
  }
  if (parsed.invalid.length > 0) {
    const n = added.length;
    const what =
      n > 0 ? `${n} valid ${n === 1 ? 'ID was' : 'IDs were'} added` : 'the valid ones were already watched';
    line(io.stderr, `${parsed.invalid.length} invalid (listed above); ${what}.`);
    return EXIT.failed;
  }
  return EXIT.ok;
}

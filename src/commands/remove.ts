// `sbexport-tui remove <id|url>... | -`: stop watching. Export jobs cannot be deleted on the platform, so
// this only edits the local list, offline.
import { parseIdInput } from '../ids.js';
import type { Session } from '../session.js';
import { safeText } from '../text.js';
import { errorText } from '../values.js';
import { gatherIdText, sessionHosts, someIds } from './id-args.js';
import { type CommandIo, EXIT, line, refuseInReadOnly } from './io.js';

export async function removeCommand(
  session: Session,
  ids: string[],
  io: CommandIo,
  readOnly: boolean,
): Promise<number> {
  if (readOnly) return refuseInReadOnly('remove', io);
  if (ids.length === 0) {
    line(io.stderr, 'remove: give the export job IDs to stop watching.');
    return EXIT.usage;
  }
  const text = await gatherIdText(ids, io);
  // Every valid ID lands in `ids` (nothing counts as watched here): watched or not is decided by the store.
  const parsed = parseIdInput(text, { watched: new Set(), allowedHosts: sessionHosts(session) });
  for (const bad of parsed.invalid) line(io.stderr, `invalid: ${bad.input}: ${bad.reason}`);

  let removed: string[] = [];
  if (parsed.ids.length > 0) {
    try {
      removed = session.store.remove(parsed.ids);
    } catch (err) {
      line(io.stderr, `remove: ${safeText(errorText(err))}`);
      return EXIT.failed;
    }
  }
  const gone = new Set(removed);
  const unknown = parsed.ids.filter((id) => !gone.has(id));
  if (removed.length > 0) line(io.stdout, `Stopped watching ${removed.length}: ${someIds(removed)}`);
  if (unknown.length > 0) line(io.stderr, `Not watched ${unknown.length}: ${someIds(unknown)}`);
  if (parsed.ids.length + parsed.invalid.length === 0) {
    line(io.stderr, 'remove: no export job IDs in the input (it was empty).');
    return EXIT.failed;
  }
  return unknown.length > 0 || parsed.invalid.length > 0 ? EXIT.failed : EXIT.ok;
}

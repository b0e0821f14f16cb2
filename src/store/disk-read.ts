// Reading the list file for the store: missing, corrupt (moved aside, the user told where) or entries,
// with a copy of the file kept when some of its entries had to be left out.

import fs from 'node:fs';
import { errorText } from '../values.js';
import type { EntryMaker } from './entry-reader.js';
import { CorruptFileError, readWatchFile } from './file-format.js';
import type { FileBytes } from './read-lines.js';
import type { WatchEntry } from './types.js';
import { backupName, fileSignature } from './writer.js';

export type DiskRead =
  | {
      kind: 'ok';
      entries: WatchEntry[];
      byId: Map<string, WatchEntry>;
      signature: string | undefined;
      upgraded: number;
      /** Length and CRC-32 of the bytes the entries were read from. */
      file: FileBytes | undefined;
    }
  | { kind: 'missing' }
  | { kind: 'corrupt' };

/**
 * Read and parse the list file. Problems for the user go to `warnings`. `holding`: whether the caller has
 * entries in memory (says what happens after a corrupt file).
 */
export function readListFile(
  file: string,
  warnings: string[],
  holding: boolean,
  defaultEndpoint: string,
  maker?: EntryMaker,
): DiskRead {
  const signature = fileSignature(file);
  let parsed: ReturnType<typeof readWatchFile>;
  try {
    parsed = readWatchFile(file, new Date().toISOString(), defaultEndpoint, maker);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    if (!(err instanceof CorruptFileError))
      throw new Error(`Cannot read the watch list at ${file}: ${errorText(err)}`);
    const backup = backupName(file, 'corrupt');
    fs.renameSync(file, backup);
    const what = holding ? 'kept the list in memory' : 'started empty';
    warnings.push(
      `The watch list at ${file} was corrupt (${err.message}); moved it to ${backup} and ${what}.`,
    );
    return { kind: 'corrupt' };
  }
  for (const w of parsed.warnings) warnings.push(`${file}: ${w}`);
  if (parsed.warnings.length > 0) {
    // The next write leaves the skipped entries out: keep the file as it was, so nothing is lost.
    const copy = backupName(file, 'skipped');
    fs.copyFileSync(file, copy);
    warnings.push(`Entries the app could not read were left out; the file as it was is at ${copy}.`);
  }
  const { entries, byId, upgraded, file: read } = parsed;
  return { kind: 'ok', entries, byId, signature, upgraded, file: read };
}

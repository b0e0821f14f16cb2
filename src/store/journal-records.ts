// The journal's records as text, both ways: the lines a save appends (or a compaction writes), a snapshot
// read back, and the atomic replacement of the whole file.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import {
  JOURNAL_HEADER_CLOSE,
  JOURNAL_HEADER_HEAD,
  journalHeader,
  journalRecord,
  NEWLINE,
  NEWLINE_BYTE,
  NO_SNAPSHOT,
} from './layout.js';
import { isWellFormedSnapshot, snapshotSchema } from './snapshot-schema.js';
import { summarize, summaryRow } from './summary.js';
import type { Snapshot } from './types.js';
import { removeStaleTemps } from './writer.js';

/** One record line per change: the snapshot with its row, or `null` twice for a job without one. */
export function recordLines(changes: ReadonlyMap<string, Snapshot | undefined>): string[] {
  const lines: string[] = [];
  for (const [id, snap] of changes) {
    if (!snap) lines.push(journalRecord(id, NO_SNAPSHOT, NO_SNAPSHOT));
    else lines.push(journalRecord(id, JSON.stringify(snap), summaryRow(summarize(snap))));
  }
  return lines;
}

/** A whole journal of `lines` (a compaction): a new header, then the records; empty if there are none. */
export function journalText(lines: readonly string[]): string {
  if (lines.length === 0) return '';
  return `${journalHeader(newJournalToken())}${NEWLINE}${lines.join(NEWLINE)}${NEWLINE}`;
}

/** A record's snapshot text back to a snapshot; undefined for `null` or anything that is not one. */
export function parseSnapshotText(text: string): Snapshot | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null) return undefined;
  if (isWellFormedSnapshot(value)) return value;
  const parsed = snapshotSchema().safeParse(value);
  return parsed.success ? (parsed.data as Snapshot) : undefined;
}

/** Replace the file with `text` atomically (a temporary file, synced, renamed over it). */
export function replaceFile(file: string, text: string): void {
  removeStaleTemps(file);
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/** A new journal file's token (layout.ts): 16 random hex digits. */
export function newJournalToken(): string {
  return randomBytes(8).toString('hex');
}

const TOKEN_BYTES = 16;
const HEADER_BYTES = JOURNAL_HEADER_HEAD.length + TOKEN_BYTES + JOURNAL_HEADER_CLOSE.length;

/** The token in the first line of the journal open as `fd`; undefined when it has none (an older writer). */
export function readJournalToken(fd: number): string | undefined {
  const head = Buffer.alloc(HEADER_BYTES + 1);
  const read = fs.readSync(fd, head, 0, head.length, 0);
  if (read < head.length || head[HEADER_BYTES] !== NEWLINE_BYTE) return undefined;
  const text = head.toString('latin1', 0, HEADER_BYTES);
  if (!text.startsWith(JOURNAL_HEADER_HEAD) || !text.endsWith(JOURNAL_HEADER_CLOSE)) return undefined;
  const token = text.slice(JOURNAL_HEADER_HEAD.length, JOURNAL_HEADER_HEAD.length + TOKEN_BYTES);
  return /^[0-9a-f]{16}$/.test(token) ? token : undefined;
}

/**
 * A descriptor of the journal at `file` if it is the file with `token` and still holds the `end` bytes an
 * index of it covered, ending at a line's end; else undefined.
 */
export function openJournalAt(file: string, token: string, end: number): number | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  const last = Buffer.alloc(1);
  const fits =
    readJournalToken(fd) === token &&
    fs.fstatSync(fd).size >= end &&
    fs.readSync(fd, last, 0, 1, end - 1) === 1 &&
    last[0] === NEWLINE_BYTE;
  if (fits) return fd;
  fs.closeSync(fd);
  return undefined;
}

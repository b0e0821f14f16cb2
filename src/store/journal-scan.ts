// Indexing the journal: where each ID's last snapshot record is, found by reading the bytes once and
// checking each line's layout and length, without parsing any snapshot (the first frame of 100,000 jobs
// must not wait for 100,000 JSON documents). A line cut short by a crash fails the length check.

import fs from 'node:fs';
import {
  NEWLINE_BYTE,
  NO_SNAPSHOT,
  RECORD_CLOSE,
  RECORD_HEAD,
  RECORD_LEN,
  RECORD_ROW,
  RECORD_SNAPSHOT,
} from './layout.js';
import { type EntrySummary, parseSummaryRow, stringSharer } from './summary.js';

type Share = (s: unknown) => string | undefined;

const CHUNK_BYTES = 1024 * 1024;
const HEAD = Buffer.from(RECORD_HEAD);
const LEN = Buffer.from(RECORD_LEN);
const SNAP = Buffer.from(RECORD_SNAPSHOT);
const ROW = Buffer.from(RECORD_ROW);
const CLOSE_BYTE = RECORD_CLOSE.charCodeAt(0);
const ID_BYTES = 32;
const DIGIT_0 = 48;

export interface ScanResult {
  /** Offset just after the last newline read: where the next scan starts. */
  end: number;
  /** Lines that were not whole records (cut short by a crash, or edited by hand). */
  bad: number;
}

/**
 * `onRecord(id, offset, length, summary)` for the snapshot text of each whole record. summary: null when
 * the record says the job has no snapshot, undefined when the record carries no row.
 */
export type OnRecord = (
  id: string,
  offset: number,
  length: number,
  summary: EntrySummary | null | undefined,
) => void;

// A byte loop, not buf.compare: the markers are a few bytes, and a native call per marker per record
// cost more than the comparison (a tenth of indexing 100,000 records).
function startsWithAt(buf: Buffer, at: number, what: Buffer): boolean {
  if (at + what.length > buf.length) return false;
  for (let i = 0; i < what.length; i++) if (buf[at + i] !== what[i]) return false;
  return true;
}

/** 32 ASCII letters and digits (EXPORT_ID_PATTERN), checked on the bytes: a regex per record costs more. */
function isIdAt(buf: Buffer, at: number, end: number): boolean {
  if (at + ID_BYTES > end) return false;
  for (let i = at; i < at + ID_BYTES; i++) {
    const c = buf[i]! | 0x20; // lower-cases letters, leaves digits alone
    if (!((c >= 0x61 && c <= 0x7a) || (buf[i]! >= DIGIT_0 && buf[i]! <= DIGIT_0 + 9))) return false;
  }
  return true;
}

/** A line buf[start, end) (no newline), at file offset `base` + start. False if it is not a whole record. */
function readRecord(
  buf: Buffer,
  start: number,
  end: number,
  base: number,
  onRecord: OnRecord,
  share: Share,
): boolean {
  let at = start;
  if (!startsWithAt(buf, at, HEAD)) return false;
  at += HEAD.length;
  if (!isIdAt(buf, at, end)) return false;
  const id = buf.toString('latin1', at, at + ID_BYTES);
  at += ID_BYTES;
  if (!startsWithAt(buf, at, LEN)) return false;
  at += LEN.length;
  let len = 0;
  const digitsFrom = at;
  for (; at < end && buf[at]! >= DIGIT_0 && buf[at]! <= DIGIT_0 + 9; at++)
    len = len * 10 + buf[at]! - DIGIT_0;
  if (at === digitsFrom || at - digitsFrom > 12 || !startsWithAt(buf, at, SNAP)) return false;
  at += SNAP.length;
  const snapAt = at;
  at += len;
  if (len === 0 || at >= end || buf[end - 1] !== CLOSE_BYTE) return false;
  let summary: EntrySummary | null | undefined;
  if (at + 1 === end) summary = undefined;
  else if (!startsWithAt(buf, at, ROW)) return false;
  else {
    const row = buf.toString('utf8', at + ROW.length, end - 1);
    summary = row === NO_SNAPSHOT ? null : parseSummaryRow(row, share);
    if (summary === undefined) return false;
  }
  onRecord(id, base + snapAt, len, summary);
  return true;
}

/**
 * Read the journal through `fd` from byte `from` to its end, calling onRecord for each whole record. Stops
 * at the last newline: a record still being appended by another process is read next time.
 */
export function scanJournal(
  fd: number,
  from: number,
  onRecord: OnRecord,
  share: Share = stringSharer(),
): ScanResult {
  let buf = Buffer.allocUnsafe(CHUNK_BYTES);
  let held = 0;
  let base = from; // file offset of buf[0]
  let bad = 0;
  for (;;) {
    if (held === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, held);
      buf = bigger;
    }
    const read = fs.readSync(fd, buf, held, buf.length - held, base + held);
    const end = held + read;
    const filled = buf.subarray(0, end);
    let start = 0;
    for (;;) {
      const nl = filled.indexOf(NEWLINE_BYTE, start);
      if (nl < 0) break;
      if (nl > start && !readRecord(buf, start, nl, base, onRecord, share)) bad++;
      start = nl + 1;
    }
    if (read === 0) return { end: base + start, bad };
    buf.copy(buf, 0, start, end);
    base += start;
    held = end - start;
  }
}

// Indexing the journal: where each ID's last snapshot record is, found by reading the bytes once and
// checking each line's layout and length, without parsing any snapshot (the first frame of 100,000 jobs
// must not wait for 100,000 JSON documents). A line cut short by a crash fails the length check.

import fs from 'node:fs';
import { ID_BYTES, isIdAt, startsWithAt } from './bytes.js';
import { factsOf, type JobFacts } from './facts.js';
import {
  JOURNAL_HEADER_HEAD,
  NEWLINE_BYTE,
  RECORD_CLOSE,
  RECORD_HEAD,
  RECORD_LEN,
  RECORD_ROW,
  RECORD_SNAPSHOT,
} from './layout.js';
import { rowFacts } from './row-facts.js';
import { parseSummaryRow } from './summary.js';

const CHUNK_BYTES = 1024 * 1024;
const HEAD = Buffer.from(RECORD_HEAD);
const LEN = Buffer.from(RECORD_LEN);
const SNAP = Buffer.from(RECORD_SNAPSHOT);
const ROW = Buffer.from(RECORD_ROW);
const HEADER = Buffer.from(JOURNAL_HEADER_HEAD);
const CLOSE_BYTE = RECORD_CLOSE.charCodeAt(0);
const DIGIT_0 = 48;

export interface ScanResult {
  /** Offset just after the last newline read: where the next scan starts. */
  end: number;
  /** Lines that were not whole records (cut short by a crash, or edited by hand). */
  bad: number;
}

/**
 * `onRecord(id, offset, length, rowLength, facts)` for each whole record: where its snapshot text is, how
 * long the row after it is (0: none), and the job's facts from the row. facts: null when the record says
 * the job has no snapshot, undefined when the record carries no row.
 */
export type OnRecord = (
  id: string,
  offset: number,
  length: number,
  rowLength: number,
  facts: JobFacts | null | undefined,
) => void;

/** A line buf[start, end) (no newline), at file offset `base` + start. False if it is not a whole record. */
function readRecord(buf: Buffer, start: number, end: number, base: number, onRecord: OnRecord): boolean {
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
  let facts: JobFacts | null | undefined;
  let rowLength = 0;
  if (at + 1 === end) facts = undefined;
  else if (!startsWithAt(buf, at, ROW)) return false;
  else {
    const rowAt = at + ROW.length;
    rowLength = end - 1 - rowAt;
    facts = rowFacts(buf, rowAt, end - 1);
    if (facts === undefined) {
      // Not the shape the app writes: a full parse says whether it is a row at all.
      const summary = parseSummaryRow(buf.toString('utf8', rowAt, end - 1));
      if (summary === undefined) return false;
      facts = factsOf(summary);
    }
  }
  onRecord(id, base + snapAt, len, rowLength, facts);
  return true;
}

/**
 * Read the journal through `fd` from byte `from` to its end, calling onRecord for each whole record. Stops
 * at the last newline: a record still being appended by another process is read next time.
 */
export function scanJournal(fd: number, from: number, onRecord: OnRecord): ScanResult {
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
      // The file's first line is its header (layout.ts), not a record.
      const header = base + start === 0 && startsWithAt(buf, start, HEADER);
      if (nl > start && !header && !readRecord(buf, start, nl, base, onRecord)) bad++;
      start = nl + 1;
    }
    if (read === 0) return { end: base + start, bad };
    buf.copy(buf, 0, start, end);
    base += start;
    held = end - start;
  }
}

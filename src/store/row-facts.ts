// A journal record's facts (facts.ts) read off the bytes of its `row`, without parsing it: the row is the
// app's own JSON.stringify of a summary array (summary.ts: status first, state second, goneAt last), so
// for every row the app writes the facts sit at fixed places. Anything else (a hand edit, an unknown state
// spelled with escapes) is left to the caller's full parse. The row's shape is checked whole first: a record
// a crash cut short just after a `]}` inside a string (an error message quoting JSON) still ends like a
// record, and its row must not pass for one.

import { EXPORT_STATES } from '../platform/types.js';
import { equalsAt, plainStringEnd } from './bytes.js';
import { type JobFacts, jobFacts } from './facts.js';
import { ROW_FIELDS } from './summary.js';
import { SNAPSHOT_STATUSES } from './types.js';

const QUOTE = 0x22;
const COMMA = 0x2c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const BACKSLASH = 0x5c;
const N = 0x6e;
const MINUS = 0x2d;
const NULL = Buffer.from('null');
const STATUS_BYTES = SNAPSHOT_STATUSES.map((s) => Buffer.from(s));
const STATE_BYTES = EXPORT_STATES.map((s) => Buffer.from(s));

/** Index in `words` of the bytes buf[from, to), or -1. */
function wordAt(buf: Buffer, from: number, to: number, words: readonly Buffer[]): number {
  for (let w = 0; w < words.length; w++) if (equalsAt(buf, from, to, words[w]!)) return w;
  return -1;
}

// The bytes a JSON number is made of.
const NUMBER_BYTE = new Uint8Array(256);
for (const c of '0123456789+-.eE') NUMBER_BYTE[c.charCodeAt(0)] = 1;

/** End of the JSON value (a string, null or a number) at buf[at], before `to`; -1 if it is none of them. */
function valueEnd(buf: Buffer, at: number, to: number): number {
  const c = buf[at];
  if (c === QUOTE) {
    for (let i = at + 1; i < to; i++) {
      if (buf[i] === QUOTE) return i + 1;
      if (buf[i] === BACKSLASH) i++;
    }
    return -1;
  }
  if (c === N) return equalsAt(buf, at, at + NULL.length, NULL) ? at + NULL.length : -1;
  if (c === MINUS || (c !== undefined && c >= 0x30 && c <= 0x39)) {
    let i = at + 1;
    while (i < to && NUMBER_BYTE[buf[i]!] === 1) i++;
    return i;
  }
  return -1;
}

/** Whether buf[from, to) is an array of exactly ROW_FIELDS strings, nulls and numbers, and nothing after. */
function isRowShape(buf: Buffer, from: number, to: number): boolean {
  let at = from + 1;
  for (let n = 1; ; n++) {
    at = valueEnd(buf, at, to);
    if (at < 0) return false;
    if (buf[at] !== COMMA) return buf[at] === CLOSE && at === to - 1 && n === ROW_FIELDS;
    at++;
  }
}

/**
 * The facts of the row buf[from, to): null when the row is `null` (the job has no snapshot), undefined
 * when it is not in the shape the app writes (the caller parses it in full).
 */
export function rowFacts(buf: Buffer, from: number, to: number): JobFacts | null | undefined {
  if (equalsAt(buf, from, to, NULL)) return null;
  if (to - from < 4 || buf[from] !== OPEN || buf[from + 1] !== QUOTE || !isRowShape(buf, from, to))
    return undefined;
  const statusEnd = plainStringEnd(buf, from + 1, to);
  const status = statusEnd < 0 ? -1 : wordAt(buf, from + 2, statusEnd, STATUS_BYTES);
  if (status < 0 || buf[statusEnd + 1] !== COMMA) return undefined;
  let at = statusEnd + 2;
  let state: string | undefined;
  if (equalsAt(buf, at, at + NULL.length, NULL)) at += NULL.length;
  else {
    const stateEnd = buf[at] === QUOTE ? plainStringEnd(buf, at, to) : -1;
    if (stateEnd < 0) return undefined;
    const known = wordAt(buf, at + 1, stateEnd, STATE_BYTES);
    state = known >= 0 ? EXPORT_STATES[known] : buf.toString('utf8', at + 1, stateEnd);
    at = stateEnd + 1;
  }
  if (buf[at] !== COMMA) return undefined;
  // goneAt, the last field: `null]` or `"<time>"]`.
  const gone = !equalsAt(buf, to - 1 - NULL.length, to - 1, NULL);
  if (gone && buf[to - 2] !== QUOTE) return undefined;
  return jobFacts(SNAPSHOT_STATUSES[status]!, state, gone);
}

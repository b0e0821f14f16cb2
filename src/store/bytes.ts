// Reading the store's own files off their bytes: the few comparisons the journal, its rows and the list
// file's entry lines need, as byte loops. A native call (buf.compare, a regex on a decoded string) per field
// per record cost more than the comparison itself at 100,000 records.

export const ID_BYTES = 32;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether `what` is at buf[at]. */
export function startsWithAt(buf: Buffer, at: number, what: Buffer): boolean {
  if (at + what.length > buf.length) return false;
  for (let i = 0; i < what.length; i++) if (buf[at + i] !== what[i]) return false;
  return true;
}

/** Whether buf[from, to) is exactly `what`. */
export function equalsAt(buf: Buffer, from: number, to: number, what: Buffer): boolean {
  return to - from === what.length && startsWithAt(buf, from, what);
}

// 1 for the bytes an export ID is made of (EXPORT_ID_PATTERN: ASCII letters and digits).
const ID_BYTE = new Uint8Array(256);
for (const [from, to] of [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x61, 0x7a],
])
  ID_BYTE.fill(1, from!, to! + 1);

/** 32 ASCII letters and digits (EXPORT_ID_PATTERN) at buf[at], before `end`. */
export function isIdAt(buf: Buffer, at: number, end: number): boolean {
  if (at + ID_BYTES > end) return false;
  for (let i = at; i < at + ID_BYTES; i++) if (ID_BYTE[buf[i]!] === 0) return false;
  return true;
}

/**
 * Index of the closing quote of the JSON string whose opening quote is at buf[at], before `end`; -1 when
 * it has an escape or a raw control character (left to a full parse, which JSON.parse would refuse) or no end.
 */
export function plainStringEnd(buf: Buffer, at: number, end: number): number {
  for (let i = at + 1; i < end; i++) {
    const c = buf[i]!;
    if (c === QUOTE) return i;
    if (c === BACKSLASH || c < 0x20) return -1;
  }
  return -1;
}

// One entry line of the list file as the app writes it (`    {"id":"…","addedAt":"…","endpoint":"…"},`),
// cut from its bytes instead of parsed: at 100,000 lines JSON.parse and the strings it makes were a third of
// opening the list. Times and endpoints repeat from line to line (IDs added in one go share them), so the
// previous line's string is reused when the bytes are the same. Anything else (escapes, another key order,
// a hand edit) is not cut: the caller parses that line as JSON.

import { equalsAt, ID_BYTES, isIdAt, plainStringEnd, startsWithAt } from './bytes.js';
import { COMMA_BYTE, ENTRY_INDENT } from './layout.js';
import { decode } from './read-lines.js';

const HEAD = Buffer.from(`${ENTRY_INDENT}{"id":"`);
const ADDED = Buffer.from('","addedAt":"');
const ENDPOINT = Buffer.from('","endpoint":"');
const CLOSE = Buffer.from('"}');

/** The last value read of one field, by its bytes. */
class Repeated {
  #bytes = Buffer.alloc(0);
  #text = '';

  text(buf: Buffer, from: number, to: number): string {
    if (!equalsAt(buf, from, to, this.#bytes)) {
      this.#bytes = Buffer.from(buf.subarray(from, to));
      this.#text = decode(buf.subarray(from, to));
    }
    return this.#text;
  }
}

export class ListLineCutter {
  id = '';
  addedAt = '';
  endpoint = '';
  /** Whether the line ended with the comma that says another entry follows. */
  comma = false;
  readonly #time = new Repeated();
  readonly #endpoint = new Repeated();

  /** knownId: an equal string already held for the ID bytes at buf[at] (EntryMaker.knownId). */
  constructor(readonly knownId?: (buf: Buffer, at: number) => string | undefined) {}

  /** Cut the line buf[start, end) (no newline) into the fields above; false if it is not in that layout. */
  cut(buf: Buffer, start: number, end: number): boolean {
    let at = start;
    if (!startsWithAt(buf, at, HEAD)) return false;
    at += HEAD.length;
    if (!isIdAt(buf, at, end)) return false;
    const idAt = at;
    at += ID_BYTES;
    if (!startsWithAt(buf, at, ADDED)) return false;
    const timeAt = at + ADDED.length - 1; // its opening quote
    const timeEnd = plainStringEnd(buf, timeAt, end);
    if (timeEnd < 0 || !startsWithAt(buf, timeEnd, ENDPOINT)) return false;
    const endpointAt = timeEnd + ENDPOINT.length - 1;
    const endpointEnd = plainStringEnd(buf, endpointAt, end);
    if (endpointEnd < 0 || !startsWithAt(buf, endpointEnd, CLOSE)) return false;
    const after = endpointEnd + CLOSE.length;
    this.comma = after === end - 1 && buf[after] === COMMA_BYTE;
    if (!this.comma && after !== end) return false;
    this.id = this.knownId?.(buf, idAt) ?? buf.toString('latin1', idAt, idAt + ID_BYTES);
    this.addedAt = this.#time.text(buf, timeAt + 1, timeEnd);
    this.endpoint = this.#endpoint.text(buf, endpointAt + 1, endpointEnd);
    return true;
  }
}

// The watch list on disk: `{"format": 1, "entries": [ {id, addedAt, endpoint, snapshot?}, … ]}`, one entry per line
// so a person can read, diff and hand-edit it. Reading is forgiving per entry (a bad entry is skipped and
// reported, the rest kept) and strict about the top level (anything else is treated as corrupt).

import { DEFAULT_ENDPOINT } from '../platform/endpoints.js';
import { errorText, isRecord } from '../values.js';
import { describe, type EntryMaker, EntryReader } from './entry-reader.js';
import {
  CLOSE,
  COMMA_BYTE,
  ENTRIES_CLOSE,
  ENTRIES_EMPTY,
  ENTRIES_OPEN,
  ENTRY_INDENT,
  ENTRY_SEPARATOR,
  FILE_FORMAT,
  formatLine,
  INLINE_FORMAT,
  KNOWN_FORMATS,
  NEWLINE,
  OPEN,
} from './layout.js';
import { ListLineCutter } from './list-line.js';
import { decode, type FileBytes, readLineBytes, readText } from './read-lines.js';
import type { WatchEntry } from './types.js';

export { FILE_FORMAT, INLINE_FORMAT } from './layout.js';
export { isWellFormedSnapshot, snapshotSchema } from './snapshot-schema.js';

export class CorruptFileError extends Error {
  override readonly name = 'CorruptFileError';
}

export interface ParsedFile {
  entries: WatchEntry[];
  /** The entries by ID (each ID once). */
  byId: Map<string, WatchEntry>;
  warnings: string[];
  /** Entries that had no endpoint (a 0.1.0 file) and were given one: the file should be rewritten. */
  upgraded: number;
  /** The file's length and CRC-32, when read from a file. */
  file?: FileBytes;
}

// Serialised lines are cached per entry object: entries are replaced, never mutated, so a refresh that
// changes 300 of 10,000 jobs re-stringifies 300.
const lineCache = new WeakMap<WatchEntry, string>();
const listLineCache = new WeakMap<WatchEntry, string>();

/**
 * The file as serializeWatchFile writes it, one entry per line, read a line at a time: each line is parsed
 * alone, so no whole-document parse and no copy of the whole text. `read` says false at the first line
 * that does not fit that layout (hand-edited, older); the caller then parses the whole document instead.
 */
class OwnLayoutReader {
  #line = 0;
  format: number | undefined;
  #stage: 'head' | 'entries' | 'close' | 'closed' | 'ended' = 'head';
  /** Entry lines read, and whether the last one ended with a comma (so another must follow). */
  #entries = 0;
  #comma = false;

  readonly #cutter: ListLineCutter;

  constructor(readonly into: EntryReader) {
    this.#cutter = new ListLineCutter(into.maker.knownId?.bind(into.maker));
  }

  /** read() of a line given as bytes: an entry line in the app's own layout is cut, not parsed. */
  readBytes(buf: Buffer, start: number, end: number): boolean {
    const c = this.#cutter;
    if (this.#stage === 'entries' && (this.#entries === 0 || this.#comma) && c.cut(buf, start, end)) {
      this.#line++;
      this.#entries++;
      this.#comma = c.comma;
      this.into.readFields(c.id, c.addedAt, c.endpoint);
      return true;
    }
    return this.read(decode(buf.subarray(start, end)));
  }

  read(line: string): boolean {
    const n = this.#line++;
    switch (this.#stage) {
      case 'head':
        if (n === 0) return line === OPEN;
        if (n === 1) {
          this.format = KNOWN_FORMATS.find((f) => line === formatLine(f));
          return this.format !== undefined;
        }
        if (line === ENTRIES_EMPTY) this.#stage = 'close';
        else if (line === ENTRIES_OPEN) this.#stage = 'entries';
        else return false;
        return true;
      case 'entries':
        if (line === ENTRIES_CLOSE) {
          // `[` then `]` (a hand edit removed every entry) is fine; a comma before the bracket is not JSON.
          this.#stage = 'close';
          return !this.#comma;
        }
        return (this.#entries === 0 || this.#comma) && this.#readEntry(line);
      case 'close':
        this.#stage = 'closed';
        return line === CLOSE;
      case 'closed':
        // Only the newline that ends the file.
        this.#stage = 'ended';
        return line === '';
      case 'ended':
        return false;
    }
  }

  #readEntry(line: string): boolean {
    if (!line.startsWith(ENTRY_INDENT)) return false;
    this.#comma = line.charCodeAt(line.length - 1) === COMMA_BYTE;
    let item: unknown;
    try {
      item = JSON.parse(line.slice(ENTRY_INDENT.length, this.#comma ? -1 : undefined));
    } catch {
      return false;
    }
    this.#entries++;
    this.into.read(item);
    return true;
  }

  /** Whether the lines read so far were a whole file. */
  get complete(): boolean {
    return this.#stage === 'closed' || this.#stage === 'ended';
  }
}

/** `{entries: [...]}` as one JSON document, any layout. */
function parseDocument(text: string, reader: EntryReader): ParsedFile {
  if (text.trim() !== '') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new CorruptFileError(`not valid JSON (${errorText(err)})`);
    }
    const entries = isRecord(data) ? data.entries : undefined;
    if (!isRecord(data) || (entries !== undefined && !Array.isArray(entries))) {
      throw new CorruptFileError(`expected an object with an "entries" list, found ${describe(data)}`);
    }
    for (const item of entries ?? []) reader.read(item);
  }
  return { entries: reader.entries, byId: reader.byId, warnings: reader.warnings, upgraded: reader.upgraded };
}

/** Reads lines through the own-layout reader; undefined if they are not that layout. */
function readOwnLayout(reader: EntryReader, eachLine: (layout: OwnLayoutReader) => boolean) {
  const layout = new OwnLayoutReader(reader);
  if (!eachLine(layout) || !layout.complete) return undefined;
  return { entries: reader.entries, byId: reader.byId, warnings: reader.warnings, upgraded: reader.upgraded };
}

/**
 * Parse the file's text. Throws CorruptFileError when it is not JSON or not `{entries: [...]}`;
 * entries of the wrong type are skipped with a warning each (at most MAX_WARNINGS, then a count).
 */
export function parseWatchFile(text: string, now: string, defaultEndpoint = DEFAULT_ENDPOINT): ParsedFile {
  const own = readOwnLayout(new EntryReader(now, defaultEndpoint), (layout) =>
    text.split(NEWLINE).every((line) => layout.read(line)),
  );
  return own ?? parseDocument(text, new EntryReader(now, defaultEndpoint));
}

/** parseWatchFile of the file at `file`, read a line at a time when it is in the app's own layout. */
export function readWatchFile(
  file: string,
  now: string,
  defaultEndpoint = DEFAULT_ENDPOINT,
  maker?: EntryMaker,
): ParsedFile {
  let read: FileBytes | undefined;
  const own = readOwnLayout(new EntryReader(now, defaultEndpoint, maker), (layout) => {
    read = readLineBytes(file, (buf, start, end) => layout.readBytes(buf, start, end));
    return read !== undefined;
  });
  if (own) return { ...own, file: read };
  const whole = readText(file);
  return { ...parseDocument(whole.text, new EntryReader(now, defaultEndpoint, maker)), file: whole.file };
}

function cached(cache: WeakMap<WatchEntry, string>, entry: WatchEntry, make: () => string): string {
  let line = cache.get(entry);
  if (line === undefined) {
    line = make();
    cache.set(entry, line);
  }
  return line;
}

function serialize(format: number, lines: string[]): string {
  const head = [OPEN, formatLine(format)].join(NEWLINE);
  if (lines.length === 0) return [head, ENTRIES_EMPTY, CLOSE, ''].join(NEWLINE);
  const body = lines.join(`${ENTRY_SEPARATOR}${NEWLINE}${ENTRY_INDENT}`);
  return [head, ENTRIES_OPEN, `${ENTRY_INDENT}${body}`, ENTRIES_CLOSE, CLOSE, ''].join(NEWLINE);
}

/** The list file (format 2): IDs, times and endpoints; the snapshots go to the journal. */
export function serializeListFile(entries: readonly WatchEntry[]): string {
  const lines = entries.map((e) =>
    cached(listLineCache, e, () => JSON.stringify({ id: e.id, addedAt: e.addedAt, endpoint: e.endpoint })),
  );
  return serialize(FILE_FORMAT, lines);
}

/** Entries with their snapshots inline (format 1, as 0.1.0 wrote the list; still read). */
export function serializeWatchFile(entries: readonly WatchEntry[]): string {
  const lines = entries.map((e) =>
    cached(lineCache, e, () =>
      JSON.stringify(
        e.snapshot ? { ...e, snapshot: e.snapshot } : { id: e.id, addedAt: e.addedAt, endpoint: e.endpoint },
      ),
    ),
  );
  return serialize(INLINE_FORMAT, lines);
}

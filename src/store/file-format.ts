// The watch list on disk: `{"format": 1, "entries": [ {id, addedAt, snapshot?}, … ]}`, one entry per line
// so a person can read, diff and hand-edit it. Reading is forgiving per entry (a bad entry is skipped and
// reported, the rest kept) and strict about the top level (anything else is treated as corrupt).

import { createRequire } from 'node:module';
import type { z } from 'zod';
import { EXPORT_ID_PATTERN } from '../ids.js';
import { errorText, isRecord } from '../values.js';
import { readLines, readText } from './read-lines.js';
import type { Snapshot, WatchEntry } from './types.js';

export const FILE_FORMAT = 1;

const SNAPSHOT_STATUSES = ['ok', 'not-found', 'no-access'] as const;

// ISO-8601 UTC or with an offset, as the API and toISOString() write it. A regex, not Date.parse: it runs
// twice per entry on every load.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const isIsoTime = (s: string) => ISO_TIME.test(s);

// zod is needed only for the odd snapshot that fails the fast check below, so it is loaded then, with a
// synchronous require: imported statically it is 730 KB of the bundle, ~35 ms of every launch.
const requireLazily = createRequire(import.meta.url);

function makeSnapshotSchema() {
  const { z: zod } = requireLazily('zod') as typeof import('zod');
  return zod
    .object({
      status: zod.enum(SNAPSHOT_STATUSES),
      // Jobs and error bodies keep unknown keys: the detail pane shows fields the API adds later.
      job: zod.looseObject({ id: zod.string(), state: zod.string() }).optional(),
      error: zod.looseObject({}).optional(),
      fetchedAt: zod.string().regex(ISO_TIME, 'not an ISO time'),
    })
    .refine((s) => s.status !== 'ok' || s.job !== undefined, 'status "ok" without a job');
}

let schema: ReturnType<typeof makeSnapshotSchema> | undefined;

/** What a saved snapshot must look like: the definition of a valid snapshot (zod, loaded on first call). */
export function snapshotSchema(): ReturnType<typeof makeSnapshotSchema> {
  schema ??= makeSnapshotSchema();
  return schema;
}

const STATUS_SET: ReadonlySet<unknown> = new Set(SNAPSHOT_STATUSES);

/**
 * A fast path in front of snapshotSchema, accepting only what the schema accepts (a test checks this).
 * Zod spends ~60 ms on 10,000 snapshots in a cold process, more than the whole start-up budget; nearly
 * every saved snapshot is well-formed, so zod runs only on the odd ones, to accept or explain them.
 */
export function isWellFormedSnapshot(value: unknown): value is Snapshot {
  if (!isRecord(value)) return false;
  const { status, job, error, fetchedAt } = value;
  if (!STATUS_SET.has(status) || typeof fetchedAt !== 'string' || !isIsoTime(fetchedAt)) return false;
  if (job === undefined) {
    if (status === 'ok') return false;
  } else if (!isRecord(job) || typeof job.id !== 'string' || typeof job.state !== 'string') {
    return false;
  }
  return error === undefined || isRecord(error);
}

export class CorruptFileError extends Error {
  override readonly name = 'CorruptFileError';
}

export interface ParsedFile {
  entries: WatchEntry[];
  warnings: string[];
}

const MAX_WARNINGS = 20;

// Serialised lines are cached per entry object: entries are replaced, never mutated, so a refresh that
// changes 300 of 10,000 jobs re-stringifies 300.
const lineCache = new WeakMap<WatchEntry, string>();

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function zodReason(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

/**
 * Turns the items of the file's `entries` list, one at a time, into watch entries: forgiving per item (a
 * bad one is skipped or loses its snapshot, with a warning; at most MAX_WARNINGS, then a count).
 */
class EntryReader {
  readonly entries: WatchEntry[] = [];
  readonly #warnings: string[] = [];
  #dropped = 0;
  #items = 0;
  readonly #seen = new Set<string>();
  // Entries added in one go, or fetched in one refresh, share their time: keep one copy of each, not one per
  // entry (JSON.parse makes a new string every time).
  readonly #times = new Map<string, string>();

  constructor(readonly now: string) {}

  get warnings(): string[] {
    const more = this.#dropped > 0 ? [`… and ${this.#dropped} more problems in the same file`] : [];
    return [...this.#warnings, ...more];
  }

  #warn(msg: string): void {
    if (this.#warnings.length < MAX_WARNINGS) this.#warnings.push(msg);
    else this.#dropped++;
  }

  #shared(time: string): string {
    const known = this.#times.get(time);
    if (known !== undefined) return known;
    this.#times.set(time, time);
    return time;
  }

  read(item: unknown): void {
    const n = ++this.#items;
    // A bare string is what someone typing the file by hand would write: accept it.
    const obj = typeof item === 'string' ? { id: item } : item;
    const { id, addedAt, snapshot } = isRecord(obj) ? obj : {};
    let skip: string | undefined;
    if (!isRecord(obj)) skip = `is ${describe(item)}, not an object`;
    else if (typeof id !== 'string') skip = 'had a non-string id';
    else if (!EXPORT_ID_PATTERN.test(id)) skip = 'has an id that is not 32 letters and digits';
    else if (this.#seen.has(id)) skip = `repeats ${id}`;
    if (skip !== undefined || typeof id !== 'string') {
      this.#warn(`entry ${n} ${skip}; skipped`);
      return;
    }
    this.#seen.add(id);
    const goodTime = typeof addedAt === 'string' && isIsoTime(addedAt);
    const entry: WatchEntry = { id, addedAt: goodTime ? this.#shared(addedAt) : this.now };
    if (snapshot !== undefined) {
      if (isWellFormedSnapshot(snapshot)) {
        // Same values, shared strings: the object is ours, fresh from JSON.parse.
        snapshot.fetchedAt = this.#shared(snapshot.fetchedAt);
        if (snapshot.job?.id === id) snapshot.job.id = id;
        entry.snapshot = snapshot;
      } else {
        const parsed = snapshotSchema().safeParse(snapshot);
        if (parsed.success) entry.snapshot = parsed.data as Snapshot;
        else
          this.#warn(
            `entry ${n} (${id}) had an unusable snapshot (${zodReason(parsed.error)}); dropped the snapshot`,
          );
      }
    }
    this.entries.push(entry);
  }
}

const HEAD_LINES = ['{', `  "format": ${FILE_FORMAT},`];
const ENTRIES_OPEN = '  "entries": [';
const ENTRIES_EMPTY = '  "entries": []';
const ENTRY_INDENT = '    ';
const ENTRIES_CLOSE = '  ]';
const CLOSE = '}';
const COMMA = 44;

/**
 * The file as serializeWatchFile writes it, one entry per line, read a line at a time: each line is parsed
 * alone, so no whole-document parse and no copy of the whole text. `read` says false at the first line
 * that does not fit that layout (hand-edited, older); the caller then parses the whole document instead.
 */
class OwnLayoutReader {
  #line = 0;
  #stage: 'head' | 'entries' | 'close' | 'closed' | 'ended' = 'head';
  /** Entry lines read, and whether the last one ended with a comma (so another must follow). */
  #entries = 0;
  #comma = false;

  constructor(readonly into: EntryReader) {}

  read(line: string): boolean {
    const n = this.#line++;
    switch (this.#stage) {
      case 'head':
        if (n < HEAD_LINES.length) return line === HEAD_LINES[n];
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
    this.#comma = line.charCodeAt(line.length - 1) === COMMA;
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
function parseDocument(text: string, now: string): ParsedFile {
  const reader = new EntryReader(now);
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
  return { entries: reader.entries, warnings: reader.warnings };
}

/** Reads lines through the own-layout reader; undefined if they are not that layout. */
function readOwnLayout(now: string, eachLine: (onLine: (line: string) => boolean) => void) {
  const reader = new EntryReader(now);
  const layout = new OwnLayoutReader(reader);
  let fits = true;
  eachLine((line) => {
    fits = layout.read(line);
    return fits;
  });
  if (!fits || !layout.complete) return undefined;
  return { entries: reader.entries, warnings: reader.warnings };
}

/**
 * Parse the file's text. Throws CorruptFileError when it is not JSON or not `{entries: [...]}`;
 * entries of the wrong type are skipped with a warning each (at most MAX_WARNINGS, then a count).
 */
export function parseWatchFile(text: string, now: string): ParsedFile {
  const own = readOwnLayout(now, (onLine) => {
    for (const line of text.split('\n')) if (!onLine(line)) return;
  });
  return own ?? parseDocument(text, now);
}

/** parseWatchFile of the file at `file`, read a line at a time when it is in the app's own layout. */
export function readWatchFile(file: string, now: string): ParsedFile {
  return readOwnLayout(now, (onLine) => readLines(file, onLine)) ?? parseDocument(readText(file), now);
}

function entryLine(entry: WatchEntry): string {
  let line = lineCache.get(entry);
  if (line === undefined) {
    line = JSON.stringify(entry);
    lineCache.set(entry, line);
  }
  return line;
}

export function serializeWatchFile(entries: readonly WatchEntry[]): string {
  if (entries.length === 0) return `{\n  "format": ${FILE_FORMAT},\n  "entries": []\n}\n`;
  const lines = entries.map(entryLine).join(',\n    ');
  return `{\n  "format": ${FILE_FORMAT},\n  "entries": [\n    ${lines}\n  ]\n}\n`;
}

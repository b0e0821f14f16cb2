// The watch list on disk: `{"format": 1, "entries": [ {id, addedAt, snapshot?}, … ]}`, one entry per line
// so a person can read, diff and hand-edit it. Reading is forgiving per entry (a bad entry is skipped and
// reported, the rest kept) and strict about the top level (anything else is treated as corrupt).

import { createRequire } from 'node:module';
import type { z } from 'zod';
import { EXPORT_ID_PATTERN } from '../ids.js';
import { errorText, isRecord } from '../values.js';
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

const HEAD = `{\n  "format": ${FILE_FORMAT},\n  "entries": [`;
const TAIL = '\n  ]\n}';
const LINE_START = '\n    ';
const COMMA = 44;

/**
 * The file as serializeWatchFile writes it, one entry per line: parse line by line so each entry's line
 * can seed the serialisation cache (the first write after start-up then re-stringifies only what changed).
 * Undefined for any other layout (hand-edited, older): the caller parses the whole document instead.
 * Lines are cut with indexOf, not split: one slice of the text per entry and no array of all lines.
 */
function splitOwnLayout(text: string): { items: unknown[]; lines: string[] } | undefined {
  if (!text.startsWith(HEAD)) return undefined;
  const end = text.endsWith('\n') ? text.length - 1 : text.length;
  const stop = end - TAIL.length;
  if (stop < HEAD.length || !text.startsWith(TAIL, stop)) return undefined;
  const items: unknown[] = [];
  const lines: string[] = [];
  // text[stop] is the newline before the closing bracket, so every line ends at or before it.
  for (let pos = HEAD.length; pos < stop; ) {
    if (!text.startsWith(LINE_START, pos)) return undefined;
    const from = pos + LINE_START.length;
    const next = text.indexOf('\n', from);
    const last = next === stop;
    if (!last && text.charCodeAt(next - 1) !== COMMA) return undefined;
    const line = text.slice(from, last ? next : next - 1);
    try {
      items.push(JSON.parse(line));
    } catch {
      return undefined;
    }
    lines.push(line);
    pos = next;
  }
  return { items, lines };
}

/**
 * Parse the file's text. Throws CorruptFileError when it is not JSON or not `{entries: [...]}`;
 * entries of the wrong type are skipped with a warning each (at most MAX_WARNINGS, then a count).
 *
 * reuseLines: seed the serialisation cache with the entries' lines as read. Each line is a slice of `text`,
 * so this keeps the whole text alive as long as any entry read from it: worth it at start-up, where
 * nearly every entry is kept (a flat copy of each line costs as much memory and more time), not when
 * re-reading the file to merge another process's change, where few of the re-read entries survive.
 */
export function parseWatchFile(text: string, now: string, { reuseLines = true } = {}): ParsedFile {
  if (text.trim() === '') return { entries: [], warnings: [] };
  const own = splitOwnLayout(text);
  const lines = reuseLines ? own?.lines : undefined;
  let raw: unknown[];
  if (own) {
    raw = own.items;
  } else {
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
    raw = entries ?? [];
  }
  const entries: WatchEntry[] = [];
  const warnings: string[] = [];
  let dropped = 0;
  const warn = (msg: string) => {
    if (warnings.length < MAX_WARNINGS) warnings.push(msg);
    else dropped++;
  };
  const seen = new Set<string>();
  // Entries added in one go, or fetched in one refresh, share their time: keep one copy of each, not one per
  // entry (JSON.parse makes a new string every time).
  const times = new Map<string, string>();
  const shared = (time: string): string => {
    const known = times.get(time);
    if (known !== undefined) return known;
    times.set(time, time);
    return time;
  };
  raw.forEach((item, index) => {
    const n = index + 1;
    // A bare string is what someone typing the file by hand would write: accept it.
    const obj = typeof item === 'string' ? { id: item } : item;
    if (!isRecord(obj)) {
      warn(`entry ${n} is ${describe(item)}, not an object; skipped`);
      return;
    }
    const { id, addedAt, snapshot } = obj;
    if (typeof id !== 'string') {
      warn(`entry ${n} had a non-string id; skipped`);
      return;
    }
    if (!EXPORT_ID_PATTERN.test(id)) {
      warn(`entry ${n} has an id that is not 32 letters and digits; skipped`);
      return;
    }
    if (seen.has(id)) {
      warn(`entry ${n} repeats ${id}; skipped`);
      return;
    }
    seen.add(id);
    const goodTime = typeof addedAt === 'string' && isIsoTime(addedAt);
    const entry: WatchEntry = { id, addedAt: goodTime ? shared(addedAt) : now };
    let whole = goodTime && obj === item && Object.keys(obj).length === (snapshot === undefined ? 2 : 3);
    if (snapshot !== undefined) {
      if (isWellFormedSnapshot(snapshot)) {
        // Same values, shared strings: the object is ours, fresh from JSON.parse.
        snapshot.fetchedAt = shared(snapshot.fetchedAt);
        if (snapshot.job?.id === id) snapshot.job.id = id;
        entry.snapshot = snapshot;
      } else {
        const parsed = snapshotSchema().safeParse(snapshot);
        whole = false;
        if (parsed.success) entry.snapshot = parsed.data as Snapshot;
        else
          warn(
            `entry ${n} (${id}) had an unusable snapshot (${zodReason(parsed.error)}); dropped the snapshot`,
          );
      }
    }
    // The line on disk is exactly this entry: reuse it when writing.
    if (whole && lines) lineCache.set(entry, lines[index]!);
    entries.push(entry);
  });
  if (dropped > 0) warnings.push(`… and ${dropped} more problems in the same file`);
  return { entries, warnings };
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

// The watch list on disk: `{"format": 1, "entries": [ {id, addedAt, snapshot?}, … ]}`, one entry per line
// so a person can read, diff and hand-edit it. Reading is forgiving per entry (a bad entry is skipped and
// reported, the rest kept) and strict about the top level (anything else is treated as corrupt).

import { z } from 'zod';
import { EXPORT_ID_PATTERN } from '../ids.js';
import type { Snapshot, WatchEntry } from './types.js';

export const FILE_FORMAT = 1;

const SNAPSHOT_STATUSES = ['ok', 'not-found', 'no-access'] as const;

// ISO-8601 UTC or with an offset, as the API and toISOString() write it. A regex, not Date.parse: it runs
// twice per entry on every load.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const isIsoTime = (s: string) => ISO_TIME.test(s);

/** What a saved snapshot must look like. The definition of a valid snapshot. */
export const snapshotSchema = z
  .object({
    status: z.enum(SNAPSHOT_STATUSES),
    // Jobs and error bodies keep unknown keys: the detail pane shows fields the API adds later.
    job: z.looseObject({ id: z.string(), state: z.string() }).optional(),
    error: z.looseObject({}).optional(),
    fetchedAt: z.string().regex(ISO_TIME, 'not an ISO time'),
  })
  .refine((s) => s.status !== 'ok' || s.job !== undefined, 'status "ok" without a job');

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const STATUS_SET: ReadonlySet<unknown> = new Set(SNAPSHOT_STATUSES);

/**
 * A fast path in front of snapshotSchema, accepting only what the schema accepts (a test checks this).
 * Zod spends ~60 ms on 10,000 snapshots in a cold process, more than the whole start-up budget; nearly
 * every saved snapshot is well-formed, so zod runs only on the odd ones, to accept or explain them.
 */
export function isWellFormedSnapshot(value: unknown): value is Snapshot {
  if (!isPlainObject(value)) return false;
  const { status, job, error, fetchedAt } = value;
  if (!STATUS_SET.has(status) || typeof fetchedAt !== 'string' || !isIsoTime(fetchedAt)) return false;
  if (job === undefined) {
    if (status === 'ok') return false;
  } else if (!isPlainObject(job) || typeof job.id !== 'string' || typeof job.state !== 'string') {
    return false;
  }
  return error === undefined || isPlainObject(error);
}

const topLevelSchema = z.looseObject({ entries: z.array(z.unknown()).optional() });

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

const HEAD = ['{', `  "format": ${FILE_FORMAT},`, '  "entries": ['];
const INDENT = '    ';

/**
 * The file as serializeWatchFile writes it, one entry per line: parse line by line so each entry's line
 * can seed the serialisation cache (the first write after start-up then re-stringifies only what changed).
 * Undefined for any other layout (hand-edited, older): the caller parses the whole document instead.
 */
function splitOwnLayout(text: string): { items: unknown[]; lines: string[] } | undefined {
  const all = text.split('\n');
  let end = all.length - 1;
  if (all[end] === '') end--;
  if (all[0] !== HEAD[0] || all[1] !== HEAD[1] || all[2] !== HEAD[2]) return undefined;
  if (all[end] !== '}' || all[end - 1] !== '  ]') return undefined;
  const items: unknown[] = [];
  const lines: string[] = [];
  const last = end - 2;
  for (let i = 3; i <= last; i++) {
    let line = all[i]!;
    if (!line.startsWith(INDENT)) return undefined;
    line = i < last ? line.slice(INDENT.length, -1) : line.slice(INDENT.length);
    if (i < last && !all[i]!.endsWith(',')) return undefined;
    try {
      items.push(JSON.parse(line));
    } catch {
      return undefined;
    }
    lines.push(line);
  }
  return { items, lines };
}

/**
 * Parse the file's text. Throws CorruptFileError when it is not JSON or not `{entries: [...]}`;
 * entries of the wrong type are skipped with a warning each (at most MAX_WARNINGS, then a count).
 */
export function parseWatchFile(text: string, now: string): ParsedFile {
  if (text.trim() === '') return { entries: [], warnings: [] };
  const own = splitOwnLayout(text);
  let raw: unknown[];
  if (own) {
    raw = own.items;
  } else {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new CorruptFileError(`not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    }
    const top = topLevelSchema.safeParse(data);
    if (!top.success || Array.isArray(data)) {
      throw new CorruptFileError(`expected an object with an "entries" list, found ${describe(data)}`);
    }
    raw = top.data.entries ?? [];
  }
  const entries: WatchEntry[] = [];
  const warnings: string[] = [];
  let dropped = 0;
  const warn = (msg: string) => {
    if (warnings.length < MAX_WARNINGS) warnings.push(msg);
    else dropped++;
  };
  const seen = new Set<string>();
  raw.forEach((item, index) => {
    const n = index + 1;
    // A bare string is what someone typing the file by hand would write: accept it.
    const obj = typeof item === 'string' ? { id: item } : item;
    if (!isPlainObject(obj)) {
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
    const entry: WatchEntry = { id, addedAt: goodTime ? addedAt : now };
    let whole = goodTime && obj === item && Object.keys(obj).length === (snapshot === undefined ? 2 : 3);
    if (snapshot !== undefined) {
      if (isWellFormedSnapshot(snapshot)) {
        entry.snapshot = snapshot;
      } else {
        const parsed = snapshotSchema.safeParse(snapshot);
        whole = false;
        if (parsed.success) entry.snapshot = parsed.data as Snapshot;
        else
          warn(
            `entry ${n} (${id}) had an unusable snapshot (${zodReason(parsed.error)}); dropped the snapshot`,
          );
      }
    }
    // The line on disk is exactly this entry: reuse it when writing.
    if (whole && own) lineCache.set(entry, own.lines[index]!);
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

// Turns the items of a watch list file into watch entries, forgiving per item: a bad one is skipped or
// loses its snapshot, with a warning.

import type { z } from 'zod';
import { isRecord } from '../values.js';
import { baseUrlOf, endpointFromHref } from './endpoint.js';
import { isIsoTime, isWellFormedSnapshot, snapshotSchema } from './snapshot-schema.js';
import type { Snapshot, WatchEntry } from './types.js';

const MAX_WARNINGS = 20;

export function describe(value: unknown): string {
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

/** The ids.ts pattern (32 ASCII letters and digits) by char codes: the regex cost more per entry. */
export function isExportId(id: string): boolean {
  if (id.length !== 32) return false;
  for (let i = 0; i < 32; i++) {
    const c = id.charCodeAt(i);
    const lower = c | 0x20;
    if (!((c >= 48 && c <= 57) || (lower >= 0x61 && lower <= 0x7a))) return false;
  }
  return true;
}

/**
 * Turns the items of the file's `entries` list, one at a time, into watch entries: forgiving per item (a
 * bad one is skipped or loses its snapshot, with a warning; at most MAX_WARNINGS, then a count).
 */
export class EntryReader {
  readonly entries: WatchEntry[] = [];
  readonly #warnings: string[] = [];
  #dropped = 0;
  #items = 0;
  readonly #seen = new Set<string>();
  // Entries added in one go, or fetched in one refresh, share their time: keep one copy of each, not one per
  // entry (JSON.parse makes a new string every time).
  readonly #times = new Map<string, string>();
  readonly #endpoints = new Map<string, string | undefined>();

  /** Entries that had no endpoint saved (a 0.1.0 file) and were given one. */
  upgraded = 0;

  constructor(
    readonly now: string,
    readonly defaultEndpoint: string,
  ) {}

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
    const { id, addedAt, endpoint, snapshot } = isRecord(obj) ? obj : {};
    let skip: string | undefined;
    if (!isRecord(obj)) skip = `is ${describe(item)}, not an object`;
    else if (typeof id !== 'string') skip = 'had a non-string id';
    else if (!isExportId(id)) skip = 'has an id that is not 32 letters and digits';
    if (skip !== undefined || typeof id !== 'string') {
      this.#warn(`entry ${n} ${skip}; skipped`);
      return;
    }
    this.#accept(n, id, addedAt, endpoint, snapshot);
  }

  /**
   * An entry the app's own list writer laid out (`{"id","addedAt","endpoint"}`, strings without escapes),
   * its fields cut from the line rather than parsed: same checks as read(), the ID's by char codes.
   */
  readFields(id: string, addedAt: string, endpoint: string): void {
    const n = ++this.#items;
    if (!isExportId(id)) this.#warn(`entry ${n} has an id that is not 32 letters and digits; skipped`);
    else this.#accept(n, id, addedAt, endpoint, undefined);
  }

  #accept(n: number, id: string, addedAt: unknown, endpoint: unknown, snapshot: unknown): void {
    if (this.#seen.has(id)) {
      this.#warn(`entry ${n} repeats ${id}; skipped`);
      return;
    }
    this.#seen.add(id);
    // A time already seen was checked then (IDs added in one go share theirs).
    const goodTime = typeof addedAt === 'string' && (this.#times.has(addedAt) || isIsoTime(addedAt));
    const snap = snapshot === undefined ? undefined : this.#snapshot(snapshot, n, id);
    const entry: WatchEntry = {
      id,
      addedAt: goodTime ? this.#shared(addedAt) : this.now,
      endpoint: this.#endpoint(endpoint, snap, n, id),
    };
    if (snap) entry.snapshot = snap;
    this.entries.push(entry);
  }

  /**
   * The saved endpoint; for an entry of a 0.1.0 file (none saved), the host of its job's href, else the
   * default platform. Counted in `upgraded`.
   */
  #endpoint(saved: unknown, snap: Snapshot | undefined, n: number, id: string): string {
    if (typeof saved === 'string') {
      // Nearly every entry of a list names one of a few platforms: normalise each once.
      let base = this.#endpoints.get(saved);
      if (base === undefined && !this.#endpoints.has(saved)) {
        base = baseUrlOf(saved);
        this.#endpoints.set(saved, base);
      }
      if (base !== undefined) return this.#shared(base);
    }
    this.upgraded++;
    const derived = endpointFromHref(snap?.job?.href) ?? this.defaultEndpoint;
    if (saved !== undefined)
      this.#warn(`entry ${n} (${id}) had an unusable endpoint ${JSON.stringify(saved)}; used ${derived}`);
    return this.#shared(derived);
  }

  #snapshot(snapshot: unknown, n: number, id: string): Snapshot | undefined {
    if (isWellFormedSnapshot(snapshot)) {
      // Same values, shared strings: the object is ours, fresh from JSON.parse.
      snapshot.fetchedAt = this.#shared(snapshot.fetchedAt);
      if (snapshot.job?.id === id) snapshot.job.id = id;
      return snapshot;
    }
    const parsed = snapshotSchema().safeParse(snapshot);
    if (parsed.success) return parsed.data as Snapshot;
    this.#warn(
      `entry ${n} (${id}) had an unusable snapshot (${zodReason(parsed.error)}); dropped the snapshot`,
    );
    return undefined;
  }
}

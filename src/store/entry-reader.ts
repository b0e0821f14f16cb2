// Turns the items of a watch list file into watch entries, forgiving per item: a bad one is skipped or
// loses its snapshot, with a warning.

import type { z } from 'zod';
import { isRecord } from '../values.js';
import { baseUrlOf, endpointFromHref } from './endpoint.js';
import { isIsoTime, isWellFormedSnapshot, snapshotSchema } from './snapshot-schema.js';
import type { Snapshot, WatchEntry } from './types.js';

const MAX_WARNINGS = 20;

/** Makes the entries a reader reads (the store's own: entries that read the journal). */
export interface EntryMaker {
  /** The object to hold for an entry without an inline snapshot. */
  entry(id: string, addedAt: string, endpoint: string): WatchEntry;
  /**
   * A string the maker holds already equal to the 32 ID bytes at buf[at] (the journal's copy), so that
   * 100,000 IDs read from the list are not made a second time; undefined: make one.
   */
  knownId?(buf: Buffer, at: number): string | undefined;
}
const PLAIN: EntryMaker = { entry: (id, addedAt, endpoint) => ({ id, addedAt, endpoint }) };

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
  /** The entries by ID: finds repeats, and is the store's index of them (no second map of 100,000). */
  readonly byId = new Map<string, WatchEntry>();
  // Entries added in one go, or fetched in one refresh, share their time: keep one copy of each, not one per
  // entry (JSON.parse makes a new string every time).
  readonly #times = new Map<string, string>();
  readonly #endpoints = new Map<string, string | undefined>();
  // The last time and endpoint read, as in the file and as kept.
  #lastTime: [string, string] | undefined;
  #lastEndpoint: [string, string] | undefined;

  /** Entries that had no endpoint saved (a 0.1.0 file) and were given one. */
  upgraded = 0;

  /**
   * maker: the objects to hold for entries without an inline snapshot (the store's lazy journal entries),
   * so opening 100,000 entries makes one object each, not a plain one and then the one kept.
   */
  constructor(
    readonly now: string,
    readonly defaultEndpoint: string,
    readonly maker: EntryMaker = PLAIN,
  ) {}

  get warnings(): string[] {
    const more = this.#dropped > 0 ? [`… and ${this.#dropped} more problems in the same file`] : [];
    return [...this.#warnings, ...more];
  }

  #warn(msg: string): void {
    if (this.#warnings.length < MAX_WARNINGS) this.#warnings.push(msg);
    else this.#dropped++;
  }

  /** The entry's time: the file's if it is one (shared with the entries before that had it), else now. */
  #time(addedAt: unknown): string {
    // Lines next to each other nearly always share their time (IDs added in one go).
    if (this.#lastTime && addedAt === this.#lastTime[0]) return this.#lastTime[1];
    // A time already seen was checked then.
    if (typeof addedAt !== 'string' || !(this.#times.has(addedAt) || isIsoTime(addedAt))) return this.now;
    const time = this.#shared(addedAt);
    this.#lastTime = [addedAt, time];
    return time;
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
    if (this.byId.has(id)) {
      this.#warn(`entry ${n} repeats ${id}; skipped`);
      return;
    }
    const snap = snapshot === undefined ? undefined : this.#snapshot(snapshot, n, id);
    const time = this.#time(addedAt);
    const base = this.#endpoint(endpoint, snap, n, id);
    const entry = snap
      ? { id, addedAt: time, endpoint: base, snapshot: snap }
      : this.maker.entry(id, time, base);
    this.entries.push(entry);
    this.byId.set(id, entry);
  }

  /**
   * The saved endpoint; for an entry of a 0.1.0 file (none saved), the host of its job's href, else the
   * default platform. Counted in `upgraded`.
   */
  #endpoint(saved: unknown, snap: Snapshot | undefined, n: number, id: string): string {
    if (this.#lastEndpoint && saved === this.#lastEndpoint[0]) return this.#lastEndpoint[1];
    if (typeof saved === 'string') {
      // Nearly every entry of a list names one of a few platforms: normalise each once.
      let base = this.#endpoints.get(saved);
      if (base === undefined && !this.#endpoints.has(saved)) {
        base = baseUrlOf(saved);
        this.#endpoints.set(saved, base);
      }
      if (base !== undefined) {
        const kept = this.#shared(base);
        this.#lastEndpoint = [saved, kept];
        return kept;
      }
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

// The list's entries to and from the open cache's columns (open-cache.ts): each entry as its journal slot
// (the ID is the index's) and its time and endpoint as places in two short tables, since 100,000 entries
// share a handful of each.

import type { CachedList } from './open-cache.js';
import type { WatchEntry } from './types.js';

/** Where each entry's ID is in the journal's index (guess: the slot it is likely at); -1: not there. */
type SlotOf = (id: string, guess: number) => number;

/** The position of each distinct string in the order first met. */
class Table {
  readonly strings: string[] = [];
  readonly #at = new Map<string, number>();

  of(s: string): number {
    let at = this.#at.get(s);
    if (at === undefined) {
      at = this.strings.length;
      this.strings.push(s);
      this.#at.set(s, at);
    }
    return at;
  }
}

/** `entries` as the cache keeps them, for a list file of `bytes` bytes with CRC-32 `crc`. */
export function cachedList(
  entries: readonly WatchEntry[],
  slotOf: SlotOf,
  file: { bytes: number; crc: number },
): CachedList {
  const n = entries.length;
  const slots = new Int32Array(n);
  const times = new Int32Array(n);
  const endpoints = new Int32Array(n);
  const timeTable = new Table();
  const endpointTable = new Table();
  const loose: string[] = [];
  for (let i = 0; i < n; i++) {
    const e = entries[i]!;
    const slot = slotOf(e.id, i);
    if (slot >= 0) slots[i] = slot;
    else {
      slots[i] = -1 - loose.length;
      loose.push(e.id);
    }
    times[i] = timeTable.of(e.addedAt);
    endpoints[i] = endpointTable.of(e.endpoint);
  }
  return {
    ...file,
    slots,
    times,
    endpoints,
    timeTable: timeTable.strings,
    endpointTable: endpointTable.strings,
    loose,
  };
}

/** Makes the entry to hold for an ID at `slot` of the journal's index (-1: none). */
type MakeEntry = (id: string, addedAt: string, endpoint: string, slot: number) => WatchEntry;

/**
 * The entries `list` describes; undefined if it does not fit the index (a slot or a table place out of
 * range): the caller reads the list file instead. Its IDs are distinct, as the list in memory was (the
 * cache's CRC stands for the rest).
 */
export function entriesOf(
  list: CachedList,
  idAt: (slot: number) => string | undefined,
  slotOf: SlotOf,
  make: MakeEntry,
): WatchEntry[] | undefined {
  const { slots, times, endpoints, timeTable, endpointTable, loose } = list;
  const entries = new Array<WatchEntry>(slots.length);
  for (let i = 0; i < slots.length; i++) {
    const given = slots[i]!;
    const id = given >= 0 ? idAt(given) : loose[-1 - given];
    const addedAt = timeTable[times[i]!];
    const endpoint = endpointTable[endpoints[i]!];
    if (id === undefined || addedAt === undefined || endpoint === undefined) return undefined;
    // A job the journal lacked when the cache was written may have a record appended since.
    entries[i] = make(id, addedAt, endpoint, given >= 0 ? given : slotOf(id, -1));
  }
  return entries;
}

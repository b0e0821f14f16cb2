// The watch list's on-disk layout: one set of constants for the writers and the readers, so they cannot
// drift apart.
//
// The list file: `{"format": N, "entries": [` then one entry per line, so a person can read, diff and
// hand-edit it, and the app can parse it a line at a time. Format 1 (0.1.0) held each entry's snapshot
// inline; format 2 holds `{id, addedAt, endpoint}` only, the snapshots being in the journal beside it.
//
// The journal (`<list>.snapshots.jsonl`): one JSON record per line, appended, the last record of an ID
// winning: `{"id":"<id>","len":<bytes of S>,"snapshot":<S>,"row":<R>}` where S is the snapshot or `null`
// (none) and R the summary the table needs (summary.ts), or `null`. `len` lets a reader find the row
// without parsing the snapshot, and index a 60 MB journal by reading its bytes once and parsing only rows;
// a record cut short by a crash fails the length check or the row's parse.
//
// The journal's first line names the file: `{"journal":"<token>"}`, a random token written when the file is
// made (by a compaction, or the first append to an empty one) and never changed after. The open cache
// (open-cache.ts) describes one journal file and is trusted only for the file that carries its token:
// file times and inode numbers repeat, tokens do not. Readers skip the line.

/** Format 1: entries with their snapshots inline (0.1.0). */
export const INLINE_FORMAT = 1;
/** Format 2: the list file holds IDs, times and endpoints; snapshots are in the journal. */
export const FILE_FORMAT = 2;
export const KNOWN_FORMATS: readonly number[] = [INLINE_FORMAT, FILE_FORMAT];

export const OPEN = '{';
export const formatLine = (format: number) => `  "format": ${format},`;
export const HEAD_LINES = [OPEN, formatLine(FILE_FORMAT)] as const;
export const ENTRIES_OPEN = '  "entries": [';
export const ENTRIES_EMPTY = '  "entries": []';
export const ENTRY_INDENT = '    ';
export const ENTRY_SEPARATOR = ',';
export const ENTRIES_CLOSE = '  ]';
export const CLOSE = '}';
export const NEWLINE = '\n';

/** Byte values of the separators, for readers that look at bytes. */
export const COMMA_BYTE = ENTRY_SEPARATOR.charCodeAt(0);
export const NEWLINE_BYTE = NEWLINE.charCodeAt(0);

export const JOURNAL_SUFFIX = '.snapshots.jsonl';
/** Held for the milliseconds of a save (lock.ts). */
export const LOCK_SUFFIX = '.lock';
export const RECORD_HEAD = '{"id":"';
export const RECORD_LEN = '","len":';
export const RECORD_SNAPSHOT = ',"snapshot":';
export const RECORD_ROW = ',"row":';
export const RECORD_CLOSE = '}';
export const NO_SNAPSHOT = 'null';

export const JOURNAL_HEADER_HEAD = '{"journal":"';
export const JOURNAL_HEADER_CLOSE = '"}';
/** The open cache beside the list (open-cache.ts): only a cache, rebuilt when missing or stale. */
export const CACHE_SUFFIX = '.cache';

/** The journal's first line, without its newline. */
export function journalHeader(token: string): string {
  return `${JOURNAL_HEADER_HEAD}${token}${JOURNAL_HEADER_CLOSE}`;
}

/** One journal record, without its newline. */
export function journalRecord(id: string, snapshotJson: string, rowJson: string): string {
  const len = Buffer.byteLength(snapshotJson);
  return `${RECORD_HEAD}${id}${RECORD_LEN}${len}${RECORD_SNAPSHOT}${snapshotJson}${RECORD_ROW}${rowJson}${RECORD_CLOSE}`;
}

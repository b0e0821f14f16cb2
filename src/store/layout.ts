// The watch list's on-disk layout: one set of constants for the writer and the line reader, so the two
// cannot drift apart. `{"format": N, "entries": [` then one entry per line, so a person can read, diff and
// hand-edit it, and the app can parse it a line at a time.

export const FILE_FORMAT = 1;

export const HEAD_LINES = ['{', `  "format": ${FILE_FORMAT},`] as const;
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

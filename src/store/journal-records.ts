// The journal's records as text, both ways: the lines a save appends (or a compaction writes), a snapshot
// read back, and the atomic replacement of the whole file.

import fs from 'node:fs';
import { journalRecord, NO_SNAPSHOT } from './layout.js';
import { isWellFormedSnapshot, snapshotSchema } from './snapshot-schema.js';
import { summarize, summaryRow } from './summary.js';
import type { Snapshot } from './types.js';
import { removeStaleTemps } from './writer.js';

/** One record line per change: the snapshot with its row, or `null` twice for a job without one. */
export function recordLines(changes: ReadonlyMap<string, Snapshot | undefined>): string[] {
  const lines: string[] = [];
  for (const [id, snap] of changes) {
    if (!snap) lines.push(journalRecord(id, NO_SNAPSHOT, NO_SNAPSHOT));
    else lines.push(journalRecord(id, JSON.stringify(snap), summaryRow(summarize(snap))));
  }
  return lines;
}

/** A record's snapshot text back to a snapshot; undefined for `null` or anything that is not one. */
export function parseSnapshotText(text: string): Snapshot | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null) return undefined;
  if (isWellFormedSnapshot(value)) return value;
  const parsed = snapshotSchema().safeParse(value);
  return parsed.success ? (parsed.data as Snapshot) : undefined;
}

/** Replace the file with `text` atomically (a temporary file, synced, renamed over it). */
export function replaceFile(file: string, text: string): void {
  removeStaleTemps(file);
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

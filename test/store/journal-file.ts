// Reading a journal file in tests: its header line (layout.ts), then its records as JSON.
import fs from 'node:fs';
import { expect } from 'vitest';
import type { Snapshot } from '../../src/store/types.js';

export interface Record {
  id: string;
  len: number;
  snapshot: Snapshot | null;
  row: unknown;
}

/** The records of the journal at `file`, in order (blank lines separate saves); its first line must be the header. */
export function journalRecords(file: string): Record[] {
  const [header, ...lines] = fs.readFileSync(file, 'utf8').split('\n');
  expect(header).toMatch(/^\{"journal":"[0-9a-f]{16}"\}$/);
  return lines.filter((l) => l !== '').map((l) => JSON.parse(l) as Record);
}

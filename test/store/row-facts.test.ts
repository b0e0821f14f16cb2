// A journal record's facts are read off the bytes of its row (src/store/row-facts.ts), the full parse kept
// for rows of another shape. Whatever the row, the bytes must never say something the parse does not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { factsOf } from '../../src/store/facts.js';
import { rowFacts } from '../../src/store/row-facts.js';
import { type EntrySummary, parseSummaryRow, summaryRow } from '../../src/store/summary.js';

const text = fc.oneof(
  fc.constantFrom('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'ABORTED', 'run"ning', 'back\\slash', 'é', ''),
  // What ends like a row when a crash cuts the record just after it.
  fc.constantFrom('bad {"x":["y"]} z', 'a,null]}', 'x","2026-01-01T00:00:00Z"]}', '\\"]}'),
  fc.string({ maxLength: 12 }),
);
const summary: fc.Arbitrary<EntrySummary> = fc.record(
  {
    status: fc.constantFrom('ok', 'not-found', 'no-access'),
    state: text,
    file: text,
    volume: text,
    location: text,
    startedOn: text,
    errorCode: fc.integer(),
    errorMessage: text,
    fetchedAt: fc.constant('2026-12-01T00:00:00.000Z'),
    goneAt: fc.constantFrom('2026-12-01T01:00:00.000Z', '"quoted"'),
  },
  { requiredKeys: ['status', 'fetchedAt'] },
);

const factsOfRow = (row: string) => {
  const bytes = Buffer.from(`pad${row}pad`);
  return rowFacts(bytes, 3, bytes.length - 3);
};

describe('rowFacts', () => {
  it('says what the full parse of the row says, or leaves the row to it', () => {
    fc.assert(
      fc.property(summary, (s) => {
        const row = summaryRow(s);
        const fast = factsOfRow(row);
        const parsed = parseSummaryRow(row);
        expect(parsed).toBeDefined();
        if (fast !== undefined) expect(fast).toEqual(factsOf(parsed!));
      }),
      { numRuns: 500 },
    );
  });

  it('never reads a row cut short, wherever the cut falls', () => {
    fc.assert(
      fc.property(summary, (s) => {
        const row = summaryRow(s);
        for (let cut = 1; cut < row.length; cut++)
          expect(factsOfRow(row.slice(0, cut)), row.slice(0, cut)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('reads every row the app writes for the API’s states without the full parse', () => {
    for (const state of ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', undefined])
      for (const goneAt of [undefined, '2026-12-01T01:00:00.000Z']) {
        const s: EntrySummary = {
          status: 'ok',
          state,
          location: 'a"b\\c',
          fetchedAt: '2026-12-01T00:00:00.000Z',
          goneAt,
        };
        expect(factsOfRow(summaryRow(s))).toBe(factsOf(s));
      }
    expect(factsOfRow('null')).toBeNull();
  });

  it('leaves what is not a row of the app’s shape to the full parse', () => {
    for (const row of [
      '',
      '[]',
      '["ok"]',
      '{"status":"ok"}',
      '["ok",RUNNING,null]',
      '["maybe","RUNNING",null]',
      '["ok","RUN\\u004eING",null]',
    ])
      expect(factsOfRow(row), row).toBeUndefined();
  });
});

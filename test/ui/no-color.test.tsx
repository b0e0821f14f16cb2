// NO_COLOR / --no-color: no colour anywhere, and every state still reads by symbol and word.
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_COMPLETED, SEED_FAILED } from '../../src/demo/seed.js';
import type { Row } from '../../src/ui/rows.js';

// Colour must be forced on for this file: chalk decides at import time.
process.env.FORCE_COLOR = '3';
const FG_COLOUR = /\u001b\[(?:3[0-79]|9[0-7]|38;)[0-9;]*m/;

const rows = (await import('../../src/ui/rows.js')) as typeof import('../../src/ui/rows.js');
const theme = await import('../../src/ui/theme.js');
const { renderToString } = await import('ink');
const { JobTable } = await import('../../src/ui/components/JobTable.js');
const { layoutColumns } = await import('../../src/ui/columns.js');

afterEach(() => theme.setColorEnabled(true));

function table(): string {
  const fetchedAt = '2026-11-25T12:00:00Z';
  const list: Row[] = [
    rows.toRow({
      id: SEED_COMPLETED.id,
      addedAt: fetchedAt,
      endpoint: 'https://api.example.test/v2',
      snapshot: { status: 'ok', job: SEED_COMPLETED, fetchedAt },
    }),
    rows.toRow({
      id: SEED_FAILED.id,
      addedAt: fetchedAt,
      endpoint: 'https://api.example.test/v2',
      snapshot: { status: 'ok', job: SEED_FAILED, fetchedAt },
    }),
  ];
  return renderToString(
    <JobTable
      rows={list}
      columns={layoutColumns(100)}
      changedIds={new Set()}
      height={5}
      sort={{ key: 'added', descending: false }}
      stale={false}
      emptyText=""
    />,
    { columns: 100 },
  );
}

describe('colour', () => {
  it('is on by default, and NO_COLOR (non-empty) or --no-color turn it off', () => {
    expect(theme.colorWanted(true, {})).toBe(true);
    expect(theme.colorWanted(true, { NO_COLOR: '1' })).toBe(false);
    expect(theme.colorWanted(true, { NO_COLOR: '' })).toBe(true);
    expect(theme.colorWanted(false, {})).toBe(false);
  });

  it('coloured states when enabled, none when off, with the symbols and words kept', () => {
    expect(table()).toMatch(FG_COLOUR);
    theme.setColorEnabled(false);
    const plain = table();
    expect(plain).not.toMatch(FG_COLOUR);
    expect(plain).toContain('✔ COMPLETED');
    expect(plain).toContain('✖ FAILED');
  });
});

import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { fitMiddle, fitWidth, layoutColumns, MARKER_WIDTH } from '../../src/ui/columns.js';

describe('fitting cells', () => {
  it('pads and truncates to exactly the width, wide characters included', () => {
    for (const text of ['abc', 'a'.repeat(40), '世界世界世界', '✔ COMPLETED', '🚀 launch', '']) {
      for (const width of [1, 5, 11, 20]) {
        expect(stringWidth(fitWidth(text, width))).toBe(width);
        expect(stringWidth(fitMiddle(text, width))).toBe(width);
      }
    }
    expect(fitWidth('abcdef', 4)).toBe('abc…');
    expect(fitMiddle('rfranklin/output/file.vcf', 12)).toMatch(/^rfran.*…\.*.*vcf$/);
  });
});

describe('columns', () => {
  it('fill the width exactly, and drop the least useful first as it narrows', () => {
    const ids = (w: number) => layoutColumns(w).map((c) => c.id);
    expect(ids(160)).toEqual(['id', 'state', 'file', 'destination', 'started', 'finished']);
    expect(ids(120)).not.toContain('file');
    expect(ids(80)).toEqual(['id', 'state', 'destination', 'finished']);
    for (const w of [50, 80, 100, 120, 200]) {
      const cols = layoutColumns(w);
      const used = MARKER_WIDTH + cols.reduce((n, c) => n + c.width, 0) + cols.length - 1;
      expect(used).toBe(w);
    }
  });
});

import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { cellWidth, NARROW_SYMBOLS, withFastPath } from '../src/cell-width.js';

const symbols = [...NARROW_SYMBOLS];

describe('cellWidth', () => {
  it('counts each of the fast-path symbols as string-width does: one cell', () => {
    for (const ch of symbols) expect([ch, stringWidth(ch)]).toEqual([ch, 1]);
  });

  it('agrees with string-width on text made of ASCII and those symbols', () => {
    const char = fc.oneof(
      fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      fc.constantFrom(...symbols),
    );
    fc.assert(
      fc.property(fc.array(char, { maxLength: 60 }), (chars) => {
        const text = chars.join('');
        expect(cellWidth(text)).toBe(stringWidth(text));
      }),
    );
  });

  it('agrees with string-width on any text, the fast-path symbols mixed in', () => {
    const text = fc.array(
      fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom(...symbols, '\uFE0F', '\u200D')),
    );
    fc.assert(
      fc.property(text, (parts) => {
        const s = parts.join('');
        expect(cellWidth(s)).toBe(stringWidth(s));
      }),
    );
  });

  it('agrees with string-width on styled text (colours, bold, inverse) and other escape sequences', () => {
    const sgr = fc
      .array(fc.integer({ min: 0, max: 107 }), { maxLength: 3 })
      .map((codes) => `\u001B[${codes.join(';')}m`);
    const other = fc.constantFrom(
      '\u001B]8;;https://x.example\u0007',
      '\u001B[2K',
      '\u001B[?25l',
      '\u001B',
      '\u009B31m',
    );
    const part = fc.oneof(
      fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      fc.constantFrom(...symbols),
      sgr,
      other,
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 30 }), (parts) => {
        const s = parts.join('');
        expect(cellWidth(s)).toBe(stringWidth(s));
      }),
    );
    expect(cellWidth('\u001B[36m▶ RUNNING\u001B[39m')).toBe(9);
  });

  it('leaves wide, joined and escaped text to string-width', () => {
    for (const s of ['日本語', '⏱\uFE0F 3s', 'e\u0301', '👩‍🔬', '\u001B[31mred\u001B[0m', 'sample_รอบ.bam'])
      expect([s, cellWidth(s)]).toEqual([s, stringWidth(s)]);
    expect(cellWidth('日本語')).toBe(6);
  });

  it('asks the real measure when ambiguous characters count as wide', () => {
    const calls: string[] = [];
    const measure = withFastPath((text) => {
      calls.push(text);
      return 99;
    });
    expect(measure('▶ RUNNING')).toBe(9);
    expect(measure('▶ RUNNING', { ambiguousIsNarrow: false })).toBe(99);
    expect(calls).toEqual(['▶ RUNNING']);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneLine, safeText } from '../src/text.js';

// Nothing a terminal acts on may survive: C0 (incl. ESC, BEL), DEL, C1, bidi overrides/isolates.
const DANGEROUS = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe('safeText', () => {
  it('removes an OSC title sequence whole, with a visible mark', () => {
    const out = safeText('a\x1b]2;title\x07b');
    expect(out).toBe('a\u241Bb');
    expect(out).not.toMatch(DANGEROUS);
  });

  it('removes OSC terminated by ST, and unterminated OSC to the end', () => {
    expect(safeText('x\x1b]0;pwned\x1b\\y')).toBe('x\u241By');
    expect(safeText('x\x1b]0;pwned')).toBe('x\u241B');
  });

  it('removes CSI cursor moves, clears and SGR', () => {
    const out = safeText('loc\x1b[2J\x1b[1;1Hfake\x1b[31mred\x1b[0m\x1b[?25l');
    expect(out).toBe('loc\u241B\u241Bfake\u241Bred\u241B\u241B');
    expect(out).not.toMatch(DANGEROUS);
  });

  it('removes an OSC 52 clipboard write, including its payload', () => {
    const out = safeText('file\x1b]52;c;cm0gLXJmIH4=\x07.bam');
    expect(out).toBe('file\u241B.bam');
    expect(out).not.toContain('cm0gLXJmIH4=');
  });

  it('removes OSC 8 hyperlinks and DCS strings', () => {
    expect(safeText('\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\')).toBe('\u241Bclick\u241B');
    expect(safeText('a\x1bP+q544e\x1b\\b')).toBe('a\u241Bb');
  });

  it('neutralises 8-bit C1 controls (CSI, OSC, NEL) too', () => {
    const out = safeText('a\x9b2Jb\x9d0;t\x9cc\x85d');
    expect(out).toBe('a\u241Bb\u241Bc?d');
    expect(out).not.toMatch(DANGEROUS);
  });

  it('replaces other controls with visible pictures and whitespace controls with a space', () => {
    expect(safeText('bell\x07nul\x00del\x7f')).toBe('bell\u2407nul\u2400del\u2421');
    expect(safeText('a\tb\nc\r\nd')).toBe('a b c  d');
  });

  it('neutralises bidi overrides and isolates (Trojan Source)', () => {
    const out = safeText('file\u202Egnp.exe\u202C and \u2066x\u2069');
    expect(out).toBe('file?gnp.exe? and ?x?');
    expect(out).not.toMatch(DANGEROUS);
  });

  it('leaves ordinary text, including non-Latin scripts and emoji, unchanged', () => {
    const text = 'proj/vol/ファイル_😀_données.bam';
    expect(safeText(text)).toBe(text);
  });

  it('prints non-strings', () => {
    expect(safeText(undefined)).toBe('');
    expect(safeText(null)).toBe('');
    expect(safeText(42)).toBe('42');
    expect(safeText(false)).toBe('false');
    expect(safeText({ a: '\x1b]2;t\x07' })).not.toMatch(DANGEROUS);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(safeText(circular)).toBe('[unprintable object]');
  });

  it('never lets a dangerous character through, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        (s) => !DANGEROUS.test(safeText(s)) && !DANGEROUS.test(oneLine(s)),
      ),
      { numRuns: 2000 },
    );
  });
});

describe('oneLine', () => {
  it('folds whitespace runs and trims', () => {
    expect(oneLine('  first line\n\n  second\tline  ')).toBe('first line second line');
  });

  it('neutralises like safeText', () => {
    expect(oneLine('a\x1b]2;title\x07b')).toBe('a\u241Bb');
  });
});

import { describe, expect, it } from 'vitest';
import { PasteTracker, pastedText } from '../../src/ui/paste.js';

describe('bracketed paste', () => {
  it('tells the markers, what comes between them and what is typed', () => {
    const p = new PasteTracker();
    expect(p.classify('a', 0)).toBe('typed');
    expect(p.classify('[200~', 10)).toBe('marker');
    expect(p.classify('abc', 11)).toBe('pasted');
    expect(p.classify('', 12)).toBe('pasted');
    expect(p.classify('[201~', 13)).toBe('marker');
    expect(p.classify('q', 14)).toBe('typed');
  });

  it('gives the keys back when a terminal never sends the end marker', () => {
    const p = new PasteTracker();
    p.classify('[200~', 0);
    expect(p.classify('x', 500)).toBe('pasted');
    expect(p.classify('q', 2000)).toBe('typed');
    expect(p.classify('q', 2001)).toBe('typed');
  });

  it('keeps text, turns line breaks and tabs into separators and drops control characters', () => {
    expect(pastedText('a\r\nb\tc', true)).toBe('a\n\nb\nc');
    expect(pastedText('a\nb', false)).toBe('a b');
    expect(pastedText('x\u0007y\u0000z\u007f\u009b', true)).toBe('xyz');
    expect(pastedText('', true)).toBe('\n');
    expect(pastedText('', false)).toBe(' ');
    expect(pastedText('日本 🚀', false)).toBe('日本 🚀');
  });
});

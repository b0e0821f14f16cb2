// How many terminal cells a string takes. string-width answers that for any Unicode text by splitting it
// into graphemes (Intl.Segmenter) and testing emoji regexes: ~40 ms the first time it meets a non-ASCII
// character in a process (most of a launch budget), and a few microseconds a line after that, for every
// line of every frame. The screen is nearly all ASCII plus the few symbols the app draws itself (states,
// spinner, arrows, ellipsis), each one cell wide and never joined to its neighbours: text made only of
// those is as wide as it is long. Anything else (a file name in Thai, an emoji, an escape sequence) goes
// to string-width. The bundle routes Ink's own string-width imports through here too (scripts/build-plugins.mjs).
import stringWidth from 'string-width';

/**
 * One cell each, and none of them combines with what follows: not a mark, joiner or variation selector,
 * not an emoji by default (⏱ is, only with U+FE0F, which is not in this set). test/cell-width.test.ts
 * checks each against string-width.
 */
export const NARROW_SYMBOLS = '…—–−·•›‹→←↑↓▲▼◌▶✔✖⊘⏱×≥≤─│┌┐└┘├┤⏎␡␟␛␀ⁿ⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';

const SIMPLE = new RegExp(`^[\\x20-\\x7e${NARROW_SYMBOLS}]*$`);
// Colours and styles (SGR: ESC [ digits ; m) take no cells: Ink measures text with them inside. Any other
// escape sequence stays in and sends the text to string-width.
const SGR = /\u001B\[[0-9;]*m/g;

type Measure = (
  text: string,
  options?: { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean },
) => number;

/** A width function with the fast path in front of `measure` (string-width or a compatible one). */
export function withFastPath(measure: Measure): Measure {
  return (text, options) => {
    // Several symbols are East Asian "ambiguous": one cell only when ambiguous counts as narrow (the default).
    if (typeof text === 'string' && options?.ambiguousIsNarrow !== false && !options?.countAnsiEscapeCodes) {
      const plain = text.includes('\u001B') ? text.replace(SGR, '') : text;
      if (SIMPLE.test(plain)) return plain.length;
    }
    return measure(text, options);
  };
}

export const cellWidth: (text: string) => number = withFastPath(stringWidth);

// Making server strings safe to print. A job's location, file name or error message is chosen by whoever
// started the export: printed raw, `a\x1b]2;title\x07b` would retitle the terminal, a CSI could move the
// cursor over other rows and an OSC 52 could write the user's clipboard. Everything that came from the
// server goes through safeText / oneLine before it reaches the screen.

/** Shown where a whole escape sequence was removed: the user sees that something was there. */
export const ESCAPE_PLACEHOLDER = '\u241B'; // ␛
/** Shown for a lone C1 control or a bidi override. */
export const CONTROL_PLACEHOLDER = '?';

// One alternation, tried left to right at each position, so the whole string is handled in a single pass:
//  1. string-type sequences (OSC, DCS, SOS, PM, APC), 7-bit (ESC ] …) or 8-bit (U+009D …), up to BEL or ST —
//     or to the end of the string when unterminated, because a terminal would swallow that much too;
//  2. CSI sequences, 7-bit (ESC [) or 8-bit (U+009B), parameters, intermediates and final byte;
//  3. any other ESC with its intermediates and final byte (charset switches, RIS, DECSC…), or a lone ESC;
//  4. whitespace controls (tab, newline, CR, VT, FF) and the Unicode line/paragraph separators;
//  5. every other C0 control, DEL and C1 control;
//  6. bidi embeddings, overrides and isolates ("Trojan Source" reordering).
const UNSAFE =
  /(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?|\x1b[ -/]*[0-~]?|([\t\n\r\v\f\u2028\u2029])|([\x00-\x1f\x7f-\x9f])|[\u202a-\u202e\u2066-\u2069]/g;

// oneLine also folds runs of whitespace, so a multi-line message fits a cell without gaps.
const UNSAFE_ONE_LINE = new RegExp(`[ \\t\\n\\r\\v\\f\\u2028\\u2029]{2,}|${UNSAFE.source}`, 'g');

function replace(match: string, whitespace: string | undefined, control: string | undefined): string {
  if (whitespace !== undefined) return ' ';
  if (control !== undefined) {
    const code = control.charCodeAt(0);
    // C0 and DEL have Unicode "control pictures" (␀ … ␟, ␡); C1 has none.
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return CONTROL_PLACEHOLDER;
  }
  const first = match.charCodeAt(0);
  if (first === 0x1b || (first >= 0x90 && first <= 0x9f)) return ESCAPE_PLACEHOLDER;
  // What is left: a bidi control, or (oneLine only) a run of whitespace — all of it below U+202A.
  return first >= 0x202a ? CONTROL_PLACEHOLDER : ' ';
}

function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? '';
    } catch {
      return '[unprintable object]';
    }
  }
  return String(value);
}

/** Any value as printable text: escape sequences, control characters and bidi overrides neutralised. */
export function safeText(value: unknown): string {
  return toText(value).replace(UNSAFE, replace);
}

/** safeText for a single-line cell: also folds whitespace runs to one space and trims the ends. */
export function oneLine(value: unknown): string {
  return toText(value).replace(UNSAFE_ONE_LINE, replace).trim();
}

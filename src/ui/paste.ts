// Bracketed paste. Once the app asks (ui/terminal.ts), terminals that support it (xterm, iTerm2, GNOME
// Terminal, Windows Terminal, tmux…) send ESC[200~ before pasted text and ESC[201~ after it. Ink 6 knows
// nothing of it: the markers reach useInput as the text "[200~" and "[201~", and the paste between them
// as ordinary input, cut at every escape sequence inside it and at every read of the terminal. Without the
// markers a list of IDs pasted in several pieces could end a piece with a line break (Enter: the prompt
// closes) and hand the rest to the table as keys (`d`, `y`: a job removed). Between the markers everything
// is text for a prompt, and nothing is a key.

const START = '[200~';
const END = '[201~';
/** A terminal that never sends the end marker must not leave the keys dead for long. */
const IDLE_MS = 1000;

export type PasteInput = 'marker' | 'pasted' | 'typed';

export class PasteTracker {
  #lastAt: number | undefined;

  /** What this input event is; `now` is a real clock (not the app's frozen one). */
  classify(input: string, now: number): PasteInput {
    if (input === START) {
      this.#lastAt = now;
      return 'marker';
    }
    if (input === END) {
      this.#lastAt = undefined;
      return 'marker';
    }
    if (this.#lastAt === undefined) return 'typed';
    if (now - this.#lastAt > IDLE_MS) {
      this.#lastAt = undefined;
      return 'typed';
    }
    this.#lastAt = now;
    return 'pasted';
  }
}

/** Whether a character typed or pasted goes into a prompt's text: not a C0 or C1 control, not DEL. */
export function isPromptChar(ch: string): boolean {
  return ch >= ' ' && ch !== '\u007f' && !(ch >= '\u0080' && ch < '\u00a0');
}

/**
 * A piece of a paste as prompt text. Line breaks and tabs separate: a new line in the add prompt (which
 * takes a list), a space in one-line prompts. Control characters and anything of an escape sequence go.
 * An empty piece is what Ink makes of a lone line break or tab.
 */
export function pastedText(input: string, multiline: boolean): string {
  const gap = multiline ? '\n' : ' ';
  if (input === '') return gap;
  let out = '';
  for (const ch of input) {
    if (ch === '\r' || ch === '\n' || ch === '\t') out += gap;
    else if (isPromptChar(ch)) out += ch;
  }
  return out;
}

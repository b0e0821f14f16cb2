// The terminal around the app: the alternate screen on the way in, and the
// main screen, a visible cursor and cooked mode back on EVERY way out —
// quit, Ctrl-C, SIGTERM, SIGHUP, an uncaught exception.

// Bracketed paste (?2004): the terminal marks where a paste begins and ends (see ui/paste.ts), so that a
// pasted list is text for the prompt, never keys for the table.
const ENTER = '\u001B[?1049h\u001B[H\u001B[2J\u001B[?25l\u001B[?2004h';
const LEAVE = '\u001B[?2004l\u001B[?25h\u001B[0m\u001B[?1049l';

export interface FullScreen {
  /** Idempotent: the first call restores, later ones do nothing. */
  restore(): void;
}

export function enterFullScreen(stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream): FullScreen {
  if (!stdout.isTTY) return { restore() {} };
  stdout.write(ENTER);
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    try {
      if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
    } catch {
      // stdin may already be closed; the screen still needs restoring.
    }
    stdout.write(LEAVE);
  };
  // Last line of defence: whatever else happens, leave the main screen.
  process.once('exit', restore);
  return { restore };
}

/**
 * Routes every way the process can end through `shutdown`, which must restore
 * the terminal before anything is printed.
 */
export function onEveryExit(shutdown: (code: number, error?: unknown) => void): void {
  process.once('SIGTERM', () => shutdown(143));
  process.once('SIGHUP', () => shutdown(129));
  process.once('SIGINT', () => shutdown(130));
  process.once('uncaughtException', (err) => shutdown(70, err));
  process.once('unhandledRejection', (err) => shutdown(70, err));
}

/** OSC 52: the terminal puts the text on the clipboard, also over SSH. */
export function osc52(text: string): string {
  return `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

export const BELL = '\u0007';

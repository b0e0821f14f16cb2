// Every shortcut, declared once. The input handler, the footer hints, the help
// overlay and the README's key table are all generated from this list.
import type { Key } from 'ink';

export type View = 'table' | 'detail';

export type Action =
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'home'
  | 'end'
  | 'open'
  | 'close'
  | 'clearFilter'
  | 'add'
  | 'remove'
  | 'refresh'
  | 'filter'
  | 'sort'
  | 'sortReverse'
  | 'copy'
  | 'retry'
  | 'import'
  | 'export'
  | 'help'
  | 'quit'
  | 'mark'
  | 'markAll'
  | 'clearMarks';

export interface KeyBinding {
  action: Action;
  /** Labels for the help overlay, e.g. ['↑', 'k']. */
  labels: string[];
  /** Short footer label; bindings without one appear only in the help. */
  hint?: string;
  description: string;
  views: readonly View[];
  /** Plain characters that trigger it (handled one by one: typed-ahead keys arrive as one string). */
  chars?: string;
  /** Special keys (arrows, Enter, …) that trigger it; `raw` is the sequence the terminal sent. */
  special?: (key: Key, raw: string) => boolean;
  /** Changes the watch list or the platform: refused, with one message, in --read-only. */
  mutating?: boolean;
}

/**
 * Ink 6 reports Backspace (0x7f) and the Delete key (ESC [ 3 ~, with modifiers ESC [ 3 ; n ~) both as
 * `key.delete`: only the raw sequence tells them apart, and Backspace must never remove a job.
 */
export function isDeleteKey(key: Key, raw: string): boolean {
  return key.delete && raw.startsWith('\u001B[3');
}

const BOTH: readonly View[] = ['table', 'detail'];
const TABLE: readonly View[] = ['table'];
const DETAIL: readonly View[] = ['detail'];

export const KEY_BINDINGS: readonly KeyBinding[] = [
  {
    action: 'up',
    labels: ['↑', 'k'],
    hint: '↑↓ move',
    description: 'Move up (scroll in the detail pane)',
    views: BOTH,
    chars: 'k',
    special: (k) => k.upArrow,
  },
  {
    action: 'down',
    labels: ['↓', 'j'],
    description: 'Move down (scroll in the detail pane)',
    views: BOTH,
    chars: 'j',
    special: (k) => k.downArrow,
  },
  { action: 'pageUp', labels: ['PgUp'], description: 'One page up', views: BOTH, special: (k) => k.pageUp },
  {
    action: 'pageDown',
    labels: ['PgDn'],
    description: 'One page down',
    views: BOTH,
    special: (k) => k.pageDown,
  },
  {
    action: 'home',
    labels: ['Home', 'g'],
    description: 'First job',
    views: BOTH,
    chars: 'g',
    special: (k) => k.home,
  },
  {
    action: 'end',
    labels: ['End', 'G'],
    description: 'Last job',
    views: BOTH,
    chars: 'G',
    special: (k) => k.end,
  },
  {
    action: 'open',
    labels: ['Enter', '→'],
    hint: '⏎ details',
    description: 'Open the detail pane of the selected job',
    views: TABLE,
    special: (k) => k.return || k.rightArrow,
  },
  {
    action: 'close',
    labels: ['Esc', '←'],
    hint: 'Esc back',
    description: 'Close the detail pane',
    views: DETAIL,
    special: (k) => k.escape || k.leftArrow,
  },
  {
    action: 'clearFilter',
    labels: ['Esc'],
    description: 'Clear the filter',
    views: TABLE,
    special: (k) => k.escape,
  },
  {
    action: 'filter',
    labels: ['/'],
    hint: '/ filter',
    description: 'Filter the table (Esc clears)',
    views: TABLE,
    chars: '/',
  },
  {
    action: 'sort',
    labels: ['s'],
    hint: 's sort',
    description: 'Cycle the sort: added, state, started, finished, destination, platform (if several)',
    views: TABLE,
    chars: 's',
  },
  {
    action: 'sortReverse',
    labels: ['S'],
    description: 'Reverse the sort direction',
    views: TABLE,
    chars: 'S',
  },
  {
    action: 'add',
    labels: ['a'],
    hint: 'a add',
    description: 'Watch more jobs (IDs or export URLs; paste many)',
    views: BOTH,
    chars: 'a',
    mutating: true,
  },
  {
    action: 'remove',
    labels: ['d', 'Del'],
    hint: 'd remove',
    description: 'Stop watching the selected job (asks first)',
    views: BOTH,
    chars: 'd',
    special: isDeleteKey,
    mutating: true,
  },
  {
    action: 'refresh',
    labels: ['r'],
    hint: 'r refresh',
    description: 'Refresh now (the selected job too, even if final)',
    views: BOTH,
    chars: 'r',
  },
  {
    action: 'copy',
    labels: ['c'],
    description: 'Copy the selected job ID to the clipboard (OSC 52)',
    views: BOTH,
    chars: 'c',
  },
  {
    action: 'retry',
    labels: ['R'],
    description: 'Start a FAILED job again (overwrite or a new location)',
    views: BOTH,
    chars: 'R',
    mutating: true,
  },
  {
    action: 'export',
    labels: ['e'],
    description: "Start exports: a project folder's files to a volume, watched here",
    views: BOTH,
    chars: 'e',
    mutating: true,
  },
  {
    action: 'import',
    labels: ['i'],
    description: "Import jobs from the platform's own list",
    views: BOTH,
    chars: 'i',
    mutating: true,
  },
  {
    action: 'mark',
    labels: ['Space'],
    description: 'Mark or unmark the selected job and move down (d, c and R then act on the marked jobs)',
    views: TABLE,
    chars: ' ',
  },
  {
    action: 'markAll',
    labels: ['*'],
    description: 'Mark every job shown (with a filter: the matching ones); again: unmark them',
    views: TABLE,
    chars: '*',
  },
  { action: 'clearMarks', labels: ['u'], description: 'Clear every mark', views: TABLE, chars: 'u' },
  { action: 'help', labels: ['?'], hint: '? help', description: 'Show this help', views: BOTH, chars: '?' },
  { action: 'quit', labels: ['q', 'Ctrl-C'], hint: 'q quit', description: 'Quit', views: BOTH, chars: 'q' },
];

export function bindingsFor(view: View, readOnly: boolean): KeyBinding[] {
  return KEY_BINDINGS.filter((b) => b.views.includes(view) && !(readOnly && b.mutating));
}

/**
 * The bindings one useInput call presses, read-only or not (the caller refuses mutating ones). Plain
 * characters typed ahead arrive together ('jjjj'), so each character is looked up on its own.
 */
export function bindingsPressed(input: string, key: Key, view: View, raw = input): KeyBinding[] {
  const bindings = KEY_BINDINGS.filter((b) => b.views.includes(view));
  if (key.ctrl && input === 'c') return bindings.filter((b) => b.action === 'quit');
  const special = bindings.find((b) => b.special?.(key, raw));
  if (special) return [special];
  if (key.ctrl || key.meta) return [];
  const out: KeyBinding[] = [];
  for (const ch of input) {
    // Enter typed ahead ('j\r') arrives inside the string, not as key.return.
    const b =
      ch === '\r'
        ? bindings.find((x) => x.special?.({ ...key, return: true }, ch))
        : bindings.find((x) => x.chars?.includes(ch));
    if (b) out.push(b);
  }
  return out;
}

/** The README's key table, generated from the same list (a test keeps the README in step). */
export function keyTableMarkdown(): string {
  const where = (b: KeyBinding) =>
    b.views.length === 2 ? 'everywhere' : b.views[0] === 'table' ? 'table' : 'detail';
  const rows = KEY_BINDINGS.map(
    (b) =>
      `| ${b.labels.map((l) => `\`${l}\``).join(' ')} | ${b.description} | ${where(b)}${b.mutating ? ' (not in --read-only)' : ''} |`,
  );
  return ['| keys | what it does | where |', '|---|---|---|', ...rows].join('\n');
}

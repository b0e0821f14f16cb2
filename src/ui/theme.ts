// Colours by meaning, never raw colour names in components. Every state also
// has a symbol and a word, so the table still reads with colour turned off
// (NO_COLOR / --no-color: chalk ignores NO_COLOR, so we honour it here).

export type Tone =
  | 'pending'
  | 'running'
  | 'completed'
  | 'failed'
  | 'missing'
  | 'muted'
  | 'accent'
  | 'warn'
  | 'error';

const TONE_COLORS: Record<Tone, string> = {
  pending: 'yellow',
  running: 'cyan',
  completed: 'green',
  failed: 'red',
  missing: 'magenta',
  muted: 'gray',
  accent: 'blue',
  warn: 'yellow',
  error: 'red',
};

let colorEnabled = true;

/** NO_COLOR (https://no-color.org: present and not empty) or --no-color turn colour off. */
export function colorWanted(flag: boolean, env: NodeJS.ProcessEnv): boolean {
  return flag && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
}

/** Decided once at start-up (see colorWanted). */
export function setColorEnabled(enabled: boolean): void {
  colorEnabled = enabled;
}

export function isColorEnabled(): boolean {
  return colorEnabled;
}

/** The colour for a tone, or undefined when colour is off (Ink then prints plain text). */
export function toneColor(tone: Tone): string | undefined {
  return colorEnabled ? TONE_COLORS[tone] : undefined;
}

/** What a row shows in its STATE cell: the API state, or what we know instead of one. */
/** Every state a row can show, in the order the header counts them. */
export const ROW_STATES = [
  'PENDING',
  'RUNNING',
  'COMPLETED',
  'FAILED',
  'NOT FOUND',
  'NO ACCESS',
  'UNKNOWN',
] as const;
export type RowState = (typeof ROW_STATES)[number];

interface StateLook {
  symbol: string;
  tone: Tone;
}

const STATE_LOOKS: Record<RowState, StateLook> = {
  PENDING: { symbol: '◌', tone: 'pending' },
  RUNNING: { symbol: '▶', tone: 'running' },
  COMPLETED: { symbol: '✔', tone: 'completed' },
  FAILED: { symbol: '✖', tone: 'failed' },
  'NOT FOUND': { symbol: '?', tone: 'missing' },
  'NO ACCESS': { symbol: '⊘', tone: 'missing' },
  UNKNOWN: { symbol: '·', tone: 'muted' },
};

export function stateLook(state: RowState): StateLook {
  return STATE_LOOKS[state];
}

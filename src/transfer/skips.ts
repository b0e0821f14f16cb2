/** A job or file left out of a plan, and why (`reason` for code, `detail` for people). */
export interface Skip<R extends string> {
  id: string;
  reason: R;
  detail: string;
}

export function countText(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

/** `2 skipped: not FAILED; 1 skipped: no source file`, most frequent reason first. */
export function skipSummary<R extends string>(skipped: readonly Skip<R>[], text: Record<R, string>): string {
  const counts = new Map<R, number>();
  for (const skip of skipped) counts.set(skip.reason, (counts.get(skip.reason) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${n.toLocaleString('en-US')} skipped: ${text[reason]}`)
    .join('; ');
}

/** Said on every confirmation line, because a move cannot be undone. */
export function moveOrCopyText(copy: boolean): string {
  return copy
    ? 'copy (files stay in the project)'
    : 'MOVE (project files become aliases that cannot be exported again)';
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** Decimal units, as the platform's web pages show sizes. */
export function bytesText(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

// Which table columns fit the terminal, and how wide each is. Low-value columns
// go first when the window narrows; DESTINATION takes what is left.
import cliTruncate from 'cli-truncate';
import { cellWidth } from '../cell-width.js';

export type ColumnId = 'id' | 'state' | 'platform' | 'file' | 'destination' | 'started' | 'finished';

export interface Column {
  id: ColumnId;
  title: string;
  width: number;
}

/** Width of the selection marker in front of every row. */
export const MARKER_WIDTH = 2;
const GAP = 1;
const ID_FULL = 32;
const ID_SHORT = 13;
const STATE = 11;
const FILE = 24;
const TIME = 12;
// Below this the destination path (what people recognise a job by) is too cut to read.
const DEST_MIN = 26;

/** Terminal sizes below this say "too small" instead of drawing a broken table. */
export const MIN_COLUMNS = 50;
export const MIN_ROWS = 10;

/** `platformWidth`: the PLATFORM column's width, 0 (none) while the list holds one platform. */
export function layoutColumns(totalWidth: number, platformWidth = 0): Column[] {
  const plan: Array<{ id: ColumnId; width: number }> = [
    { id: 'id', width: ID_FULL },
    { id: 'state', width: STATE },
    ...(platformWidth > 0 ? [{ id: 'platform' as const, width: platformWidth }] : []),
    { id: 'file', width: FILE },
    { id: 'destination', width: 0 },
    { id: 'started', width: TIME },
    { id: 'finished', width: TIME },
  ];
  const fixed = () => plan.reduce((sum, c) => sum + c.width + GAP, MARKER_WIDTH - GAP);
  // Give up columns in order of least use until DESTINATION has room.
  const sacrifices: Array<() => void> = [
    () => remove(plan, 'file'),
    () => remove(plan, 'started'),
    () => {
      const id = plan.find((c) => c.id === 'id');
      if (id) id.width = ID_SHORT;
    },
    () => remove(plan, 'finished'),
  ];
  for (const sacrifice of sacrifices) {
    if (totalWidth - fixed() >= DEST_MIN) break;
    sacrifice();
  }
  const dest = plan.find((c) => c.id === 'destination');
  if (dest) dest.width = Math.max(8, totalWidth - fixed());
  return plan.map((c) => ({ ...c, title: COLUMN_TITLES[c.id] }));
}

function remove(plan: Array<{ id: ColumnId }>, id: ColumnId): void {
  const i = plan.findIndex((c) => c.id === id);
  if (i >= 0) plan.splice(i, 1);
}

export const COLUMN_TITLES: Record<ColumnId, string> = {
  id: 'ID',
  state: 'STATE',
  platform: 'PLATFORM',
  file: 'SOURCE FILE',
  destination: 'DESTINATION',
  started: 'STARTED',
  finished: 'FINISHED',
};

/** Pads or truncates (with …) to exactly `width` cells, wide characters included. */
export function fitWidth(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  let s = text;
  let w = cellWidth(s);
  if (w > width) {
    s = cliTruncate(s, width, { position: 'end' });
    w = cellWidth(s);
  }
  const pad = ' '.repeat(Math.max(0, width - w));
  return align === 'left' ? s + pad : pad + s;
}

/** Truncates from the middle, keeping both ends (IDs and paths read best that way). */
export function fitMiddle(text: string, width: number): string {
  if (cellWidth(text) <= width) return fitWidth(text, width);
  return fitWidth(cliTruncate(text, width, { position: 'middle' }), width);
}

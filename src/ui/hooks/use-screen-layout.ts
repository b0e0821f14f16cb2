// Where things go on the screen: line counts of its parts, the table's columns, and the window of rows
// around the selection.
import { useMemo } from 'react';
import { layoutColumns, MIN_COLUMNS, MIN_ROWS } from '../columns.js';
import { selectedIndex, type UiState, type VisibleList } from '../state.js';
import { useScrollWindow } from './use-scroll-window.js';
import type { TerminalSize } from './use-terminal-size.js';

const HEADER_LINES = 2;
const FOOTER_LINES = 2;

export function useScreenLayout(
  size: TerminalSize,
  banner: boolean,
  ui: UiState,
  list: VisibleList,
  platformWidth = 0,
) {
  const height = size.rows - 1; // one short of the screen: Ink 6 clears the whole screen at full height
  const bodyHeight = height - HEADER_LINES - (banner ? 1 : 0) - FOOTER_LINES;
  const tableRows = Math.max(1, bodyHeight - 1);
  const tooSmall = size.columns < MIN_COLUMNS || size.rows < MIN_ROWS;
  const columns = useMemo(() => layoutColumns(size.columns, platformWidth), [size.columns, platformWidth]);
  const index = selectedIndex(ui, list);
  const selectedId = index >= 0 ? list.ids[index] : undefined;
  const top = useScrollWindow(index, list.ids.length, tableRows);
  return { height, bodyHeight, tableRows, tooSmall, columns, index, selectedId, top };
}

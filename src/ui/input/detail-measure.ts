import { detailLines, wrapDetail } from '../detail-lines.js';
import { selectedIndex } from '../state.js';
import type { InputContext } from './context.js';

/**
 * How far the detail pane can scroll, measured when the key is handled, not from the last frame: Enter
 * then End typed together must reach the end.
 */
export function detailMax(ctx: InputContext): number {
  if (ctx.ui().view !== 'detail') return 0;
  const id = ctx.list.ids[selectedIndex(ctx.ui(), ctx.list)];
  if (!id) return 0;
  const row = ctx.rowById.get(id);
  const place = { platform: row?.platform, noToken: row ? ctx.noToken.has(row.platform) : false };
  const lines = wrapDetail(detailLines(id, row?.snapshot, ctx.now(), place), ctx.columns);
  return Math.max(0, lines.length - (ctx.bodyHeight - 1));
}

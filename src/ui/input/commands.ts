// What each action of the key table does: one handler per Action, so a new key is a line in keys.ts and
// an entry here (TypeScript insists on the entry).
import type { Action } from '../keys.js';
import { selectedIndex } from '../state.js';
import type { InputContext } from './context.js';
import { detailMax } from './detail-measure.js';
import { copyMarked, markedIds, retryMarked } from './marked.js';

export type Command = (ctx: InputContext) => void;

const selected = (ctx: InputContext) => {
  const id = ctx.list.ids[selectedIndex(ctx.ui(), ctx.list)];
  return { id, row: id ? ctx.rowById.get(id) : undefined };
};

/** Moves the cursor in the table, or scrolls the detail pane, by `delta` lines. */
function moveOrScroll(ctx: InputContext, delta: number): void {
  if (ctx.ui().view === 'detail') ctx.dispatch({ type: 'scrollDetail', delta, max: detailMax(ctx) });
  else ctx.dispatch({ type: 'move', delta, list: ctx.list });
}

const page = (ctx: InputContext) =>
  Math.max(1, ctx.ui().view === 'detail' ? ctx.bodyHeight - 2 : ctx.tableRows - 1);

function toEdge(ctx: InputContext, edge: 'first' | 'last'): void {
  if (ctx.ui().view === 'detail')
    ctx.dispatch({
      type: 'scrollDetail',
      delta: edge === 'first' ? -Infinity : Infinity,
      max: detailMax(ctx),
    });
  else ctx.dispatch({ type: 'moveTo', position: edge, list: ctx.list });
}

export const COMMANDS: Record<Action, Command> = {
  up: (ctx) => moveOrScroll(ctx, -1),
  down: (ctx) => moveOrScroll(ctx, 1),
  pageUp: (ctx) => moveOrScroll(ctx, -page(ctx)),
  pageDown: (ctx) => moveOrScroll(ctx, page(ctx)),
  home: (ctx) => toEdge(ctx, 'first'),
  end: (ctx) => toEdge(ctx, 'last'),
  // The reducer's selection, not this render's: keys typed ahead may have moved it.
  open: (ctx) => {
    if (ctx.list.ids.length) ctx.dispatch({ type: 'view', view: 'detail' });
  },
  close: (ctx) => ctx.dispatch({ type: 'view', view: 'table' }),
  clearFilter: (ctx) => {
    if (ctx.ui().filter) ctx.dispatch({ type: 'filter', text: '' });
  },
  filter: (ctx) => {
    const { filter } = ctx.ui();
    ctx.dispatch({ type: 'modal', modal: { kind: 'filter', text: filter, before: filter } });
  },
  sort: (ctx) => ctx.dispatch({ type: 'cycleSort', keys: ctx.sortKeys }),
  sortReverse: (ctx) => ctx.dispatch({ type: 'reverseSort' }),
  add: (ctx) => ctx.dispatch({ type: 'modal', modal: { kind: 'add', text: '' } }),
  remove: (ctx) => {
    const ids = markedIds(ctx);
    if (ids.length) ctx.dispatch({ type: 'modal', modal: { kind: 'confirm-remove-marked', ids } });
    else ctx.dispatch({ type: 'askRemove', list: ctx.list });
  },
  refresh: (ctx) => {
    const { id, row } = selected(ctx);
    ctx.poller.refreshNow(id ? [id] : []);
    if (row && ctx.noToken.has(row.platform))
      ctx.flash(`No token for ${row.platform} here: not refreshed`, 'error');
    else ctx.flash('Refreshing…');
  },
  copy: (ctx) => {
    const ids = markedIds(ctx);
    if (ids.length) return copyMarked(ctx, ids);
    const { id } = selected(ctx);
    if (!id) return;
    ctx.services.copy(id);
    ctx.flash(`Copied ${id} to the clipboard`);
  },
  retry: (ctx) => {
    const ids = markedIds(ctx);
    if (ids.length) return retryMarked(ctx, ids);
    const { id, row } = selected(ctx);
    const job = row?.snapshot?.job;
    if (!id || !job || job.state !== 'FAILED') {
      ctx.flash('R starts a FAILED job again: select a FAILED job first', 'error');
    } else if (!ctx.services.restartPorts) {
      ctx.flash('Starting jobs again is not available here', 'error');
    } else ctx.dispatch({ type: 'modal', modal: { kind: 'retry-choose', id } });
  },
  export: (ctx) => {
    if (!ctx.services.exportPorts) ctx.flash('Starting exports is not available here', 'error');
    else ctx.dispatch({ type: 'modal', modal: { kind: 'export' } });
  },
  import: (ctx) => {
    if (!ctx.services.listJobs) ctx.flash('Import is not available here', 'error');
    else ctx.dispatch({ type: 'modal', modal: { kind: 'import', text: '' } });
  },
  help: (ctx) => ctx.dispatch({ type: 'modal', modal: { kind: 'help' } }),
  mark: (ctx) => ctx.dispatch({ type: 'toggleMark', list: ctx.list }),
  markAll: (ctx) => ctx.dispatch({ type: 'markShown', list: ctx.list }),
  clearMarks: (ctx) => ctx.dispatch({ type: 'unmark' }),
  quit: (ctx) => ctx.quit(),
};

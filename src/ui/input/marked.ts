// With marks, d, c and R act on the marked jobs (issue 13); without, on the selected one.
import type { InputContext } from './context.js';
import { errorMessage } from './operations.js';

/** The marked jobs still watched, in watch-list order (a mark of a removed job is dropped). */
export function markedIds(ctx: InputContext): string[] {
  const { marks } = ctx.ui();
  if (marks.size === 0) return [];
  return ctx.store.ids().filter((id) => marks.has(id));
}

/** `Stop watching 4 jobs (done0…, fail1…, …)? (y/N)`: the count and the first few IDs. */
export function removeMarkedQuestion(ids: readonly string[]): string {
  const shown = ids.slice(0, 3).map((id) => `${id.slice(0, 8)}…`);
  const more = ids.length > shown.length ? ', …' : '';
  return `Stop watching ${ids.length} job${ids.length === 1 ? '' : 's'} (${shown.join(', ')}${more})? (y/N)`;
}

export function removeMarked(ctx: InputContext, ids: readonly string[]): void {
  try {
    ctx.store.remove([...ids]);
  } catch (err) {
    ctx.flash(`Could not save the watch list: ${errorMessage(err)}`, 'error');
    return;
  }
  ctx.dispatch({ type: 'unmark', ids });
  if (ctx.ui().view === 'detail') ctx.dispatch({ type: 'view', view: 'table' });
  ctx.flash(`Stopped watching ${ids.length} jobs (the jobs themselves are untouched)`);
}

export function copyMarked(ctx: InputContext, ids: readonly string[]): void {
  ctx.services.copy(ids.join('\n'));
  ctx.flash(`Copied ${ids.length} IDs to the clipboard`);
}

/** R with marks: the marked jobs go to the restart plan, which skips (and counts) those not FAILED. */
export function retryMarked(ctx: InputContext, ids: readonly string[]): void {
  const failed = ids.filter((id) => ctx.rowById.get(id)?.state === 'FAILED');
  if (failed.length === 0)
    ctx.flash('R starts FAILED jobs again: none of the marked jobs is FAILED', 'error');
  else if (!ctx.services.restartPorts) ctx.flash('Starting jobs again is not available here', 'error');
  else ctx.dispatch({ type: 'modal', modal: { kind: 'retry-choose', id: failed[0]!, ids } });
}

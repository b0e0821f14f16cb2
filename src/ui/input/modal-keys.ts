// One key handler per kind of modal. A new modal is a kind in state.ts's Modal, its line in prompts.tsx
// and its handler here (TypeScript insists on all three).
import type { Key } from 'ink';
import type { Modal } from '../state.js';
import type { InputContext } from './context.js';
import { removeMarked } from './marked.js';
import { removeJob } from './operations.js';
import { askRestartConfirm, submitRestart } from './restart.js';
import { textPromptKey } from './text-prompt.js';

type Handler<M extends Modal> = (ctx: InputContext, modal: M, input: string, key: Key) => void;
type ModalKeys = { [K in Modal['kind']]: Handler<Extract<Modal, { kind: K }>> };

const close = (ctx: InputContext) => ctx.dispatch({ type: 'modal', modal: null });
const yes = (input: string) => input.toLowerCase() === 'y';

export const MODAL_KEYS: ModalKeys = {
  help: (ctx) => close(ctx),
  // The export flow reads its own keys (export-flow/use-flow-input.ts) and closes itself.
  export: () => {},
  add: textPromptKey,
  filter: textPromptKey,
  import: textPromptKey,
  'retry-location': textPromptKey,
  busy: (ctx, modal, _input, key) => {
    if (key.escape && modal.cancellable && ctx.busy.abort) {
      ctx.busy.abort.abort();
      close(ctx);
      ctx.flash('Import cancelled: nothing was added');
    }
  },
  'confirm-remove': (ctx, modal, input) => {
    close(ctx);
    if (yes(input)) removeJob(ctx, modal.id);
  },
  'confirm-remove-marked': (ctx, modal, input) => {
    close(ctx);
    if (yes(input)) removeMarked(ctx, modal.ids);
  },
  'retry-choose': (ctx, modal, input) => {
    const { id, ids } = modal;
    const location = String(ctx.rowById.get(id)?.snapshot?.job?.destination?.location ?? '');
    const many = ids !== undefined && failedCount(ctx, ids) > 1;
    if (input === 'o')
      ctx.dispatch({ type: 'modal', modal: { kind: 'retry-copy', id, ids, overwrite: true, location } });
    else if (input === 'l')
      // Several jobs: a path prefix under which each keeps its file's name.
      ctx.dispatch({ type: 'modal', modal: { kind: 'retry-location', id, ids, text: many ? '' : location } });
    else close(ctx);
  },
  // Enter or c: copy, the default; only m moves.
  'retry-copy': (ctx, modal, input, key) => {
    const { kind: _, ...ask } = modal;
    if (key.return || input === 'c') askRestartConfirm(ctx, ask, true);
    else if (input === 'm') askRestartConfirm(ctx, ask, false);
    else close(ctx);
  },
  'retry-confirm': (ctx, modal, input) => {
    close(ctx);
    const { id, ids, overwrite, location, copy } = modal;
    if (yes(input)) void submitRestart(ctx, { id, ids, overwrite, location }, copy);
  },
};

function failedCount(ctx: InputContext, ids: readonly string[]): number {
  return ids.filter((id) => ctx.rowById.get(id)?.state === 'FAILED').length;
}

export function modalKey(ctx: InputContext, modal: Modal, input: string, key: Key): void {
  (MODAL_KEYS[modal.kind] as Handler<Modal>)(ctx, modal, input, key);
}

// One key handler per kind of modal. A new modal is a kind in state.ts's Modal, its line in prompts.tsx
// and its handler here (TypeScript insists on all three).
import type { Key } from 'ink';
import type { Modal } from '../state.js';
import type { InputContext } from './context.js';
import { removeJob } from './operations.js';
import { askRestartConfirm, submitRestart } from './restart.js';
import { textPromptKey } from './text-prompt.js';

type Handler<M extends Modal> = (ctx: InputContext, modal: M, input: string, key: Key) => void;
type ModalKeys = { [K in Modal['kind']]: Handler<Extract<Modal, { kind: K }>> };

const close = (ctx: InputContext) => ctx.dispatch({ type: 'modal', modal: null });
const yes = (input: string) => input.toLowerCase() === 'y';

export const MODAL_KEYS: ModalKeys = {
  help: (ctx) => close(ctx),
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
  'retry-choose': (ctx, modal, input) => {
    const location = String(ctx.rowById.get(modal.id)?.snapshot?.job?.destination?.location ?? '');
    if (input === 'o')
      ctx.dispatch({
        type: 'modal',
        modal: { kind: 'retry-copy', id: modal.id, overwrite: true, location },
      });
    else if (input === 'l')
      ctx.dispatch({ type: 'modal', modal: { kind: 'retry-location', id: modal.id, text: location } });
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
    const { id, overwrite, location, copy } = modal;
    if (yes(input)) void submitRestart(ctx, { id, overwrite, location }, copy);
  },
};

export function modalKey(ctx: InputContext, modal: Modal, input: string, key: Key): void {
  (MODAL_KEYS[modal.kind] as Handler<Modal>)(ctx, modal, input, key);
}

// Keys in a text prompt (add, filter, import, a new location): editing, Enter, Esc.
import type { Key } from 'ink';
import { isPromptChar } from '../paste.js';
import type { Modal } from '../state.js';
import type { InputContext } from './context.js';
import { addIds, submitImport } from './operations.js';

export type TextModal = Extract<Modal, { text: string }>;

const TEXT_KINDS: ReadonlySet<Modal['kind']> = new Set(['add', 'filter', 'import', 'retry-location']);

export function isTextModal(modal: Modal | null): modal is TextModal {
  return modal !== null && TEXT_KINDS.has(modal.kind);
}

/** Enter in a text prompt: acts on the text as it is now (keys typed ahead included). */
export function submitPrompt(ctx: InputContext): void {
  const modal = ctx.ui().modal;
  if (!isTextModal(modal)) return;
  ctx.dispatch({ type: 'modal', modal: null });
  if (modal.kind === 'add') addIds(ctx, modal.text);
  else if (modal.kind === 'import') void submitImport(ctx, modal.text);
  else if (modal.kind === 'retry-location') {
    const location = modal.text.trim();
    if (location)
      ctx.dispatch({
        type: 'modal',
        modal: { kind: 'retry-copy', id: modal.id, ids: modal.ids, overwrite: false, location },
      });
  }
}

export function textPromptKey(ctx: InputContext, modal: TextModal, input: string, key: Key) {
  if (key.escape) {
    if (modal.kind === 'filter') ctx.dispatch({ type: 'filter', text: '' });
    ctx.dispatch({ type: 'modal', modal: null });
    return;
  }
  if (key.return) return submitPrompt(ctx);
  if (key.backspace || key.delete) return ctx.dispatch({ type: 'edit', backspace: true });
  if (key.ctrl || key.meta || key.upArrow || key.downArrow || key.tab) return;
  typedText(ctx, modal, input);
}

/**
 * Typed-ahead or pasted text arrives as one string, Backspace and Enter included: walk it, so they edit
 * and submit instead of landing in the text.
 */
function typedText(ctx: InputContext, modal: TextModal, input: string) {
  const chars = [...input];
  let run = '';
  const flush = () => {
    if (run) ctx.dispatch({ type: 'edit', append: run });
    run = '';
  };
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '\u007f' || ch === '\b') {
      flush();
      ctx.dispatch({ type: 'edit', backspace: true });
    } else if (ch === '\r' || ch === '\n') {
      // Inside a pasted list a line break separates IDs; at the end, or in a one-line prompt, it is Enter.
      if (modal.kind === 'add' && i < chars.length - 1) run += '\n';
      else {
        flush();
        return submitPrompt(ctx);
      }
    } else if (isPromptChar(ch)) run += ch;
  }
  flush();
}

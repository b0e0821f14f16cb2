// The one key router: a paste goes to a prompt, an open modal gets the key from its own handler
// (modal-keys.ts), and the table and the detail pane look keys up in the key table (keys.ts) and run
// the command of each (commands.ts).
import type { Key } from 'ink';
import { bindingsPressed, type KeyBinding } from '../keys.js';
import { type PasteTracker, pastedText } from '../paste.js';
import { COMMANDS } from './commands.js';
import { type InputContext, READ_ONLY_REFUSAL } from './context.js';
import { modalKey } from './modal-keys.js';
import { isTextModal } from './text-prompt.js';

/** A character with no special key: how typed-ahead characters are handed on one by one. */
const PLAIN_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

export function routeKey(ctx: InputContext, paste: PasteTracker, input: string, key: Key, raw: string) {
  const kind = paste.classify(input, performance.now());
  if (kind === 'marker') return;
  if (kind === 'pasted') return routePaste(ctx, input, key);
  if (key.ctrl && input === 'c') return ctx.quit();
  const modal = ctx.ui().modal;
  if (modal) return modalKey(ctx, modal, input, key);
  if (ctx.tooSmall) {
    if (input === 'q') ctx.quit();
    return;
  }
  viewKey(ctx, input, key, raw);
}

/** Runs a binding's command, or refuses it in --read-only: every key that would change something alike. */
function press(ctx: InputContext, binding: KeyBinding) {
  if (ctx.readOnly && binding.mutating) return ctx.flash(READ_ONLY_REFUSAL, 'error');
  COMMANDS[binding.action](ctx);
}

function isSpecial(key: Key): boolean {
  return (
    key.return ||
    key.escape ||
    key.upArrow ||
    key.downArrow ||
    key.leftArrow ||
    key.rightArrow ||
    key.pageUp ||
    key.pageDown ||
    key.home ||
    key.end ||
    key.delete ||
    key.backspace ||
    key.ctrl
  );
}

/** The table or the detail pane: keys of the key table for the view that is open. */
function viewKey(ctx: InputContext, input: string, key: Key, raw: string) {
  if (isSpecial(key)) {
    for (const binding of bindingsPressed(input, key, ctx.ui().view, raw)) press(ctx, binding);
    return;
  }
  // Plain characters typed ahead arrive as one string ('jjd' or 'ay'): one at a time, each against the
  // view the previous one left, and whatever follows a key that opens a prompt or a question belongs to it.
  const chars = [...input];
  for (let i = 0; i < chars.length; i++) {
    const bindings = bindingsPressed(chars[i]!, PLAIN_KEY, ctx.ui().view);
    for (const binding of bindings) press(ctx, binding);
    if (bindings.some((b) => b.action === 'quit')) return;
    const modal = ctx.ui().modal;
    const rest = chars.slice(i + 1).join('');
    if (modal && rest) return modalKey(ctx, modal, rest, PLAIN_KEY);
  }
}

/** A paste goes to the open prompt, or opens the add prompt: never to the table as keys (ui/paste.ts). */
function routePaste(ctx: InputContext, input: string, key: Key) {
  // What Ink made of an escape sequence inside the pasted text, or a control character: not text.
  if (key.ctrl || key.meta || key.escape) return;
  let modal = ctx.ui().modal;
  if (!modal && !ctx.tooSmall) {
    if (ctx.readOnly) return ctx.flash(READ_ONLY_REFUSAL, 'error');
    ctx.dispatch({ type: 'modal', modal: { kind: 'add', text: '' } });
    modal = ctx.ui().modal;
  }
  // A question (y/N) or the help never takes pasted text.
  if (!isTextModal(modal)) return;
  const text = pastedText(key.return || key.tab ? '' : input, modal.kind === 'add');
  if (text) ctx.dispatch({ type: 'edit', append: text });
}

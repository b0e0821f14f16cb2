// The footer line while a prompt or question is open: one small view per kind of modal.
import { Text } from 'ink';
import Spinner from 'ink-spinner';
import type { ReactNode } from 'react';
import { type IdParseResult, summarizeParse } from '../ids.js';
import { oneLine, safeText } from '../text.js';
import { removeMarkedQuestion } from './input/marked.js';
import type { Modal } from './state.js';
import { toneColor } from './theme.js';

export interface PromptLineProps {
  modal: Modal;
  width: number;
  preview?: IdParseResult;
  subject?: string;
}

type Views = {
  [K in Modal['kind']]: (props: PromptLineProps & { modal: Extract<Modal, { kind: K }> }) => ReactNode;
};

/** The end of what was typed, so the caret stays in view; pasted newlines shown as spaces, nothing unsafe. */
function tail(text: string, max: number): string {
  const flat = safeText(text);
  return flat.length > max ? `…${flat.slice(flat.length - max + 1)}` : flat;
}

/** A label, the text with its caret, and a muted hint after it. */
function TextPrompt({ label, text, max, hint }: { label: string; text: string; max: number; hint: string }) {
  return (
    <Text wrap="truncate-end">
      <Text bold color={toneColor('accent')}>
        {label}
      </Text>
      {tail(text, max)}
      <Text inverse> </Text>
      <Text color={toneColor('muted')}>{hint}</Text>
    </Text>
  );
}

function Question({ text }: { text: string }) {
  return (
    <Text wrap="truncate-end" color={toneColor('warn')} bold>
      {text}
    </Text>
  );
}

const ADD_LABEL = 'Add IDs or URLs: ';

const VIEWS: Views = {
  add: ({ modal, width, preview }) => {
    const hint =
      preview && modal.text.trim()
        ? `  → ${summarizeParse(preview, { preview: true })} · Enter adds`
        : '  (Enter adds · Esc cancels)';
    const max = Math.max(10, width - ADD_LABEL.length - hint.length - 2);
    return <TextPrompt label={ADD_LABEL} text={modal.text} max={max} hint={hint} />;
  },
  filter: ({ modal, width }) => (
    <TextPrompt label="/" text={modal.text} max={width - 30} hint=" (Enter keeps · Esc clears)" />
  ),
  // Never drawn: the export flow takes the whole screen (Screen's `fullScreen`).
  export: () => null,
  import: ({ modal }) => (
    <TextPrompt
      label="Import from platform — volume and/or state: "
      text={modal.text}
      max={40}
      hint=" e.g. rfranklin/output COMPLETED · Enter · Esc"
    />
  ),
  'confirm-remove': ({ modal }) => <Question text={`Stop watching ${modal.id}? (y/N)`} />,
  'confirm-remove-marked': ({ modal }) => <Question text={removeMarkedQuestion(modal.ids)} />,
  'retry-choose': ({ modal, subject }) => (
    <Question
      text={
        modal.ids
          ? `Start the ${modal.ids.length} marked jobs again: o = overwrite at the same location · l = new location or path prefix · Esc`
          : `Start ${oneLine(subject ?? modal.id)} again: o = overwrite the file there · l = new location · Esc cancels`
      }
    />
  ),
  'retry-location': ({ modal, width }) => (
    <TextPrompt
      label={modal.ids && modal.text === '' ? 'New location or path prefix: ' : 'New location: '}
      text={modal.text}
      max={width - 40}
      hint=" (Enter · Esc)"
    />
  ),
  'retry-copy': ({ modal }) => (
    <Question
      text={`c/Enter = copy (keep the file in the project) · m = MOVE · Esc — ${modal.overwrite ? 'OVERWRITE' : 'to'} ${oneLine(modal.location)}`}
    />
  ),
  'retry-confirm': ({ modal }) => <Question text={oneLine(modal.summary)} />,
  busy: ({ modal }) => (
    <Text color={toneColor('muted')}>
      <Spinner type="dots" /> {modal.message}
      {modal.cancellable ? ' (Esc cancels)' : ''}
    </Text>
  ),
  help: () => <Text color={toneColor('muted')}>Any key closes the help.</Text>,
};

export function PromptLine(props: PromptLineProps) {
  const view = VIEWS[props.modal.kind] as (p: PromptLineProps) => ReactNode;
  return view(props);
}

// The footer line while a prompt or question is open.
import { Text } from 'ink';
import Spinner from 'ink-spinner';
import { type IdParseResult, summarizeParse } from '../ids.js';
import { oneLine, safeText } from '../text.js';
import type { Modal } from './state.js';
import { toneColor } from './theme.js';

/** The end of what was typed, so the caret stays in view; pasted newlines shown as spaces, nothing unsafe. */
function tail(text: string, max: number): string {
  const flat = safeText(text);
  return flat.length > max ? `…${flat.slice(flat.length - max + 1)}` : flat;
}

export function PromptLine({
  modal,
  width,
  preview,
  subject,
}: {
  modal: Modal;
  width: number;
  preview?: IdParseResult;
  subject?: string;
}) {
  const q = (text: string) => (
    <Text wrap="truncate-end" color={toneColor('warn')} bold>
      {text}
    </Text>
  );
  switch (modal.kind) {
    case 'add': {
      const label = 'Add IDs or URLs: ';
      const summary =
        preview && modal.text.trim()
          ? `  → ${summarizeParse(preview, { preview: true })} · Enter adds`
          : '  (Enter adds · Esc cancels)';
      return (
        <Text wrap="truncate-end">
          <Text bold color={toneColor('accent')}>
            {label}
          </Text>
          {tail(modal.text, Math.max(10, width - label.length - summary.length - 2))}
          <Text inverse> </Text>
          <Text color={toneColor('muted')}>{summary}</Text>
        </Text>
      );
    }
    case 'filter':
      return (
        <Text wrap="truncate-end">
          <Text bold color={toneColor('accent')}>
            /
          </Text>
          {tail(modal.text, width - 30)}
          <Text inverse> </Text>
          <Text color={toneColor('muted')}> (Enter keeps · Esc clears)</Text>
        </Text>
      );
    case 'import':
      return (
        <Text wrap="truncate-end">
          <Text bold color={toneColor('accent')}>
            Import from platform — volume and/or state:{' '}
          </Text>
          {tail(modal.text, 40)}
          <Text inverse> </Text>
          <Text color={toneColor('muted')}> e.g. rfranklin/output COMPLETED · Enter · Esc</Text>
        </Text>
      );
    case 'confirm-remove':
      return q(`Stop watching ${modal.id}? (y/N)`);
    case 'retry-choose':
      return q(
        `Start ${oneLine(subject ?? modal.id)} again: o = overwrite the file there · l = new location · Esc cancels`,
      );
    case 'retry-location':
      return (
        <Text wrap="truncate-end">
          <Text bold color={toneColor('accent')}>
            New location:{' '}
          </Text>
          {tail(modal.text, width - 40)}
          <Text inverse> </Text>
          <Text color={toneColor('muted')}> (Enter · Esc)</Text>
        </Text>
      );
    case 'retry-confirm':
      return q(
        `Export again to ${oneLine(modal.location)}${modal.overwrite ? ' OVERWRITING the file there' : ''}? (y/N)`,
      );
    case 'busy':
      return (
        <Text color={toneColor('muted')}>
          <Spinner type="dots" /> {modal.message}
          {modal.cancellable ? ' (Esc cancels)' : ''}
        </Text>
      );
    case 'help':
      return <Text color={toneColor('muted')}>Any key closes the help.</Text>;
  }
}

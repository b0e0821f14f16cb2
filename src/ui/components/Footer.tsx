import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Flash } from '../state.js';
import { toneColor } from '../theme.js';

interface Props {
  /** The prompt or question when one is open, else the key hints. */
  line: ReactNode;
  flash?: Flash;
}

export function Footer({ line, flash }: Props) {
  return (
    <Box flexDirection="column">
      {line}
      <Text
        wrap="truncate-end"
        color={flash ? toneColor(flash.level === 'error' ? 'error' : 'completed') : undefined}
      >
        {flash ? flash.text : ' '}
      </Text>
    </Box>
  );
}

export function KeyHints({ hints }: { hints: readonly string[] }) {
  return (
    <Text wrap="truncate-end" color={toneColor('muted')}>
      {hints.join('  ')}
    </Text>
  );
}

import { Box, Text } from 'ink';
import { fit } from '../columns.js';
import type { KeyBinding } from '../keys.js';
import { toneColor } from '../theme.js';

interface Props {
  bindings: readonly KeyBinding[];
  title: string;
  height: number;
}

/** Generated from the key table itself, so it can never disagree with what the keys do. */
export function HelpOverlay({ bindings, title, height }: Props) {
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text bold color={toneColor('accent')}>{`  KEYS — ${title}   (any key closes)`}</Text>
      {bindings.map((b) => (
        <Text key={b.action} wrap="truncate-end">
          <Text bold>{fit(`  ${b.labels.join(' ')}`, 18)}</Text>
          {b.description}
        </Text>
      ))}
    </Box>
  );
}

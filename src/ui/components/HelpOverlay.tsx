import { Box, Text } from 'ink';
import { fitWidth } from '../columns.js';
import type { KeyBinding } from '../keys.js';
import { toneColor } from '../theme.js';

interface Props {
  bindings: readonly KeyBinding[];
  title: string;
  width: number;
  height: number;
}

const KEYS_WIDTH = 16;

function entry(b: KeyBinding, width: number): string {
  return fitWidth(`  ${fitWidth(b.labels.join(' '), KEYS_WIDTH - 2)}${b.description}`, width);
}

/** Generated from the key table itself, so it can never disagree with what the keys do. */
export function HelpOverlay({ bindings, title, width, height }: Props) {
  const room = Math.max(1, height - 1);
  // Two columns when one does not fit the height (80×24 has room for ~19 lines).
  const perColumn = bindings.length > room ? Math.ceil(bindings.length / 2) : bindings.length;
  const colWidth = perColumn < bindings.length ? Math.floor(width / 2) : width;
  const lines: string[] = [];
  for (let i = 0; i < perColumn; i++) {
    const left = bindings[i];
    const right = perColumn < bindings.length ? bindings[i + perColumn] : undefined;
    lines.push((left ? entry(left, colWidth) : '') + (right ? entry(right, colWidth) : ''));
  }
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text bold color={toneColor('accent')}>{`  KEYS — ${title}   (any key closes)`}</Text>
      {lines.map((l) => (
        <Text key={l} wrap="truncate-end">
          {l}
        </Text>
      ))}
    </Box>
  );
}

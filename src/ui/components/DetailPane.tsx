import { Box, Text } from 'ink';
import { fitWidth } from '../columns.js';
import { type DetailLine, LABEL_WIDTH } from '../detail-lines.js';
import { toneColor } from '../theme.js';

interface Props {
  /** Already wrapped to the pane width (see wrapDetail). */
  lines: readonly DetailLine[];
  scroll: number;
  height: number;
  hyperlinks: boolean;
}

// OSC 8: the terminal shows `text` and opens `url` on click. Both are already
// free of control characters (safeText), so they cannot end the sequence early.
const link = (url: string, text: string) => `\u001B]8;;${url}\u001B\\${text}\u001B]8;;\u001B\\`;

export function DetailPane({ lines, scroll, height, hyperlinks }: Props) {
  const bodyHeight = Math.max(1, height - 1);
  const shown = lines.slice(scroll, scroll + bodyHeight);
  const more = lines.length - scroll - shown.length;
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text bold color={toneColor('accent')} wrap="truncate-end">
        {`  DETAILS${lines.length > bodyHeight ? `  (lines ${scroll + 1}–${scroll + shown.length} of ${lines.length}${more > 0 ? ', ↓ for more' : ''})` : ''}`}
      </Text>
      {shown.map((line, i) => {
        const label = fitWidth(`${line.indent ? '    ' : '  '}${line.label}`, LABEL_WIDTH);
        const color = line.tone ? toneColor(line.tone) : undefined;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional; the slice is re-keyed on scroll
          <Text key={scroll + i} wrap="truncate-end" color={color}>
            <Text bold={line.heading || line.indent !== 1} color={color ?? toneColor('muted')}>
              {label}
            </Text>
            {'  '}
            {line.link && hyperlinks ? link(line.link, line.value) : line.value}
          </Text>
        );
      })}
    </Box>
  );
}

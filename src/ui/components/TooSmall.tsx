import { Box, Text } from 'ink';
import { MIN_COLUMNS, MIN_ROWS } from '../columns.js';

export function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">{`Terminal too small: ${columns}×${rows}.`}</Text>
      <Text wrap="truncate-end">{`Needs ${MIN_COLUMNS}×${MIN_ROWS}. q quits.`}</Text>
    </Box>
  );
}

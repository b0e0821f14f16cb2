import { Box, Text } from 'ink';
import { type Column, fitWidth, MARKER_WIDTH } from '../columns.js';
import type { Row, SortSpec } from '../rows.js';
import { toneColor } from '../theme.js';
import { JobRow } from './JobRow.js';

interface Props {
  /** Only the rows in the visible window: a 10,000-job list renders ~40 lines. */
  rows: readonly Row[];
  columns: readonly Column[];
  selectedId?: string;
  changedIds: ReadonlySet<string>;
  marks?: ReadonlySet<string>;
  height: number;
  sort: SortSpec;
  /** The last refresh failed or hangs: unfinished rows may be out of date, so they are dimmed. */
  stale: boolean;
  /** Platforms (short names) whose rows are dimmed: stale, paused, or without a token (`noToken`). */
  stalePlatforms?: ReadonlySet<string>;
  noToken?: ReadonlySet<string>;
  emptyText: string;
}

const NONE: ReadonlySet<string> = new Set();

const SORTED_COLUMN: Record<SortSpec['key'], Column['id'] | undefined> = {
  added: undefined,
  state: 'state',
  started: 'started',
  finished: 'finished',
  destination: 'destination',
  platform: 'platform',
};

export function JobTable(props: Props) {
  const { rows, columns, selectedId, changedIds, height, sort, stale, emptyText } = props;
  const stalePlatforms = props.stalePlatforms ?? NONE;
  const noToken = props.noToken ?? NONE;
  const sorted = SORTED_COLUMN[sort.key];
  const arrow = sort.descending ? '▼' : '▲';
  const header =
    ' '.repeat(MARKER_WIDTH) +
    columns.map((c) => fitWidth(c.id === sorted ? `${c.title} ${arrow}` : c.title, c.width)).join(' ');
  return (
    // No overflow="hidden": the rows are already windowed and cut to width, and
    // clipping makes Ink slice every line of every frame.
    <Box flexDirection="column" height={height}>
      <Text bold color={toneColor('accent')} wrap="truncate-end">
        {header}
      </Text>
      {rows.length === 0 ? (
        <Text color={toneColor('muted')}>{`  ${emptyText}`}</Text>
      ) : (
        rows.map((row) => (
          <JobRow
            key={row.id}
            row={row}
            columns={columns}
            selected={row.id === selectedId}
            changed={changedIds.has(row.id)}
            marked={props.marks?.has(row.id) ?? false}
            dim={
              (stale || stalePlatforms.has(row.platform)) &&
              (row.state === 'PENDING' || row.state === 'RUNNING' || row.state === 'UNKNOWN')
            }
            noToken={noToken.has(row.platform)}
          />
        ))
      )}
    </Box>
  );
}

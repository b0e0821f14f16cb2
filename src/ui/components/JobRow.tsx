import { Text } from 'ink';
import { memo } from 'react';
import { type Column, fitMiddle, fitWidth } from '../columns.js';
import { jobDuration, shortTime } from '../format.js';
import { useClock } from '../hooks/use-clock.js';
import type { Row } from '../rows.js';
import { stateLook, toneColor } from '../theme.js';

interface Props {
  row: Row;
  columns: readonly Column[];
  selected: boolean;
  /** Changed state a moment ago: drawn bold with a mark. */
  changed: boolean;
  /** Marked (Space, *): a MARK_SYMBOL by the cursor, and the row in the accent colour. */
  marked?: boolean;
  /** Possibly out of date (the last refresh failed). */
  dim: boolean;
  /** Its platform has no token here: never polled, shown as last seen. */
  noToken?: boolean;
}

/** In the STATE cell instead of the state's symbol: the state shown is the last one known. */
export const NO_TOKEN_MARK = '⊘';
export const GONE_MARK = '⌀';
/** Next to the cursor on a marked row: marks must show without colour too (NO_COLOR). */
export const MARK_SYMBOL = '*';

function stateCell(row: Row, noToken: boolean): string {
  const mark = noToken ? NO_TOKEN_MARK : row.gone ? GONE_MARK : stateLook(row.state).symbol;
  return `${mark} ${row.state}`;
}

function cell(row: Row, col: Column, now: number, noToken: boolean): string {
  switch (col.id) {
    case 'id':
      return col.width < row.id.length ? fitMiddle(row.id, col.width) : fitWidth(row.id, col.width);
    case 'file':
      return fitWidth(row.file, col.width);
    case 'destination':
      return fitMiddle(row.volume || row.location ? `${row.volume}/${row.location}` : '', col.width);
    case 'started':
      return fitWidth(shortTime(row.startedOn, now), col.width);
    case 'finished':
      if (row.finishedOn) return fitWidth(shortTime(row.finishedOn, now), col.width);
      if (row.state === 'RUNNING')
        return fitWidth(`⏱ ${jobDuration(row.startedOn, undefined, now)}`, col.width);
      return fitWidth('—', col.width);
    case 'state':
      return fitWidth(stateCell(row, noToken), col.width);
    case 'platform':
      return fitWidth(row.platform, col.width);
  }
}

/**
 * One table line. Memoized by job: the row model keeps a job's Row object while its snapshot is unchanged,
 * so a refresh re-renders only the rows of jobs that changed. Only a running job's elapsed cell follows the
 * clock; other rows read the start of today (enough to print "today" times short), which moves once a day.
 */
export const JobRow = memo(function JobRow(props: Props) {
  const { row, columns, selected, changed, dim, noToken = false, marked = false } = props;
  const running = row.state === 'RUNNING';
  const now = useClock((t) => (running ? t : new Date(t).setHours(0, 0, 0, 0)));
  const look = stateLook(row.state);
  const marker = `${selected ? '›' : ' '}${marked ? MARK_SYMBOL : changed ? '•' : ' '}`;
  return (
    <Text
      inverse={selected}
      bold={changed || marked}
      color={marked ? toneColor('accent') : undefined}
      dimColor={dim || noToken}
      wrap="truncate-end"
    >
      {marker}
      {columns.map((col, i) => {
        const text = cell(row, col, now, noToken);
        const sep = i === 0 ? '' : ' ';
        return col.id === 'state' ? (
          <Text key={col.id} color={toneColor(look.tone)}>
            {sep}
            {text}
          </Text>
        ) : (
          sep + text
        );
      })}
    </Text>
  );
}, sameRow);

function sameRow(a: Props, b: Props): boolean {
  return (
    a.row === b.row &&
    a.columns === b.columns &&
    a.selected === b.selected &&
    a.changed === b.changed &&
    a.marked === b.marked &&
    a.dim === b.dim &&
    a.noToken === b.noToken
  );
}

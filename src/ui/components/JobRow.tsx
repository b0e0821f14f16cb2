import { Text } from 'ink';
import { memo } from 'react';
import { type Column, fitMiddle, fitWidth } from '../columns.js';
import { jobDuration, shortTime } from '../format.js';
import type { Row } from '../rows.js';
import { stateLook, toneColor } from '../theme.js';

interface Props {
  row: Row;
  columns: readonly Column[];
  selected: boolean;
  /** Changed state a moment ago: drawn bold with a mark. */
  changed: boolean;
  /** Possibly out of date (the last refresh failed). */
  dim: boolean;
  /** Only passed for rows whose cells depend on the clock (running jobs), so other rows stay memoized. */
  now: number;
}

function cell(row: Row, col: Column, now: number): string {
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
      return fitWidth(`${stateLook(row.state).symbol} ${row.state}`, col.width);
  }
}

/** One table line. Memoized: only rows whose props change are re-rendered. */
export const JobRow = memo(function JobRow({ row, columns, selected, changed, dim, now }: Props) {
  const look = stateLook(row.state);
  const marker = `${selected ? '›' : ' '}${changed ? '•' : ' '}`;
  return (
    <Text inverse={selected} bold={changed} dimColor={dim} wrap="truncate-end">
      {marker}
      {columns.map((col, i) => {
        const text = cell(row, col, now);
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
});

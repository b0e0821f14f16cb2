// A window over a long list (thousands of files): only the visible rows are rendered.
import { Text } from 'ink';
import { memo, type ReactNode } from 'react';
import { toneColor } from '../theme.js';

/** The first visible index: the cursor stays in view, centred once the list scrolls. */
export function windowStart(cursor: number, length: number, rows: number): number {
  if (length <= rows) return 0;
  return Math.max(0, Math.min(cursor - Math.floor(rows / 2), length - rows));
}

export const SELECTED = '›';

interface Props<T> {
  items: readonly T[];
  cursor: number;
  rows: number;
  /** false: a scrolled list without a selection (the preview). */
  selectable?: boolean;
  line: (item: T, index: number) => string;
  /** Shown in place of the list when it is empty. */
  empty?: ReactNode;
}

const Row = memo(function Row({ text, selected }: { text: string; selected: boolean }) {
  return (
    <Text wrap="truncate-end" color={selected ? toneColor('accent') : undefined} bold={selected}>
      {selected ? `${SELECTED} ` : '  '}
      {text}
    </Text>
  );
});

export function ListWindow<T>({ items, cursor, rows, selectable = true, line, empty }: Props<T>) {
  if (items.length === 0) return <>{empty ?? <Text> </Text>}</>;
  const start = windowStart(cursor, items.length, Math.max(1, rows));
  const count = Math.min(Math.max(1, rows), items.length - start);
  // Keyed by position in the whole list: a row keeps its key while the window scrolls over it.
  const indices = Array.from({ length: count }, (_, k) => start + k);
  return (
    <>
      {indices.map((at) => (
        <Row key={at} text={line(items[at]!, at)} selected={selectable && at === cursor} />
      ))}
    </>
  );
}

export function rangeText(cursor: number, length: number, rows: number): string {
  if (length <= rows) return '';
  const start = windowStart(cursor, length, rows);
  return `${(start + 1).toLocaleString('en-US')}–${Math.min(length, start + rows).toLocaleString('en-US')} of ${length.toLocaleString('en-US')}`;
}

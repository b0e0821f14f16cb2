// The rows the table shows, filtered and sorted, and the list of IDs the cursor moves over.
import { useMemo } from 'react';
import type { WatchListPort } from '../ports.js';
import { type Row, type SortSpec, visibleRows } from '../rows.js';
import { positionsOf, type VisibleList } from '../state.js';

export function useVisibleList(
  store: WatchListPort,
  allRows: readonly Row[],
  filter: string,
  sort: SortSpec,
): { shown: readonly Row[]; list: VisibleList } {
  // In the order added and unfiltered, the table's order is the store's own ID list, whose identity
  // changes only when jobs are added or removed: a refresh of snapshots then rebuilds no index.
  const plainOrder = !filter.trim() && sort.key === 'added' && !sort.descending;
  const shown = useMemo(
    () => (plainOrder ? allRows : visibleRows(allRows, filter, sort)),
    [plainOrder, allRows, filter, sort],
  );
  const storeIds = store.ids();
  const orderSource = plainOrder ? storeIds : shown;
  // biome-ignore lint/correctness/useExhaustiveDependencies: orderSource stands for whichever order is shown
  const list: VisibleList = useMemo(() => {
    const ids = plainOrder ? storeIds : shown.map((r) => r.id);
    return { ids, indexOf: positionsOf(ids) };
  }, [orderSource]);
  return { shown, list };
}

/**
 * The list for a filter and sort that no frame has shown yet: a key handled before React drew the previous
 * key's change (a filter cleared, then R) must act on the list that change made.
 */
export function visibleListOf(
  store: WatchListPort,
  allRows: readonly Row[],
  filter: string,
  sort: SortSpec,
): VisibleList {
  const plainOrder = !filter.trim() && sort.key === 'added' && !sort.descending;
  const ids = plainOrder ? store.ids() : visibleRows(allRows, filter, sort).map((r) => r.id);
  return { ids, indexOf: positionsOf(ids) };
}

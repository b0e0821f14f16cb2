// The rows the table shows, filtered and sorted, and the list of IDs the cursor moves over.
import { useMemo } from 'react';
import type { WatchListPort } from '../ports.js';
import type { RowModel, RowSource } from '../row-model.js';
import { type SortSpec, visibleRows } from '../rows.js';
import { positionsOf, type VisibleList } from '../state.js';

export function useVisibleList(
  store: WatchListPort,
  model: RowModel,
  filter: string,
  sort: SortSpec,
): { shown: RowSource; list: VisibleList } {
  // In the order added and unfiltered, the table's order is the store's own ID list, whose identity
  // changes only when jobs are added or removed: a refresh of snapshots then rebuilds no index. The rows
  // are then the model's, made as they are drawn.
  const plainOrder = isPlainOrder(filter, sort);
  // biome-ignore lint/correctness/useExhaustiveDependencies: rowsKey stands for the model's rows
  const sorted = useMemo(
    () => (plainOrder ? undefined : visibleRows(model.rows, filter, sort)),
    [plainOrder, model.rowsKey, filter, sort],
  );
  const storeIds = store.ids();
  const orderSource = sorted ?? storeIds;
  // biome-ignore lint/correctness/useExhaustiveDependencies: orderSource stands for whichever order is shown
  const list: VisibleList = useMemo(() => {
    const ids = sorted ? sorted.map((r) => r.id) : storeIds;
    return { ids, indexOf: positionsOf(ids) };
  }, [orderSource]);
  return { shown: sorted ?? model, list };
}

const isPlainOrder = (filter: string, sort: SortSpec) =>
  !filter.trim() && sort.key === 'added' && !sort.descending;

/**
 * The list for a filter and sort that no frame has shown yet: a key handled before React drew the previous
 * key's change (a filter cleared, then R) must act on the list that change made.
 */
export function visibleListOf(
  store: WatchListPort,
  model: RowModel,
  filter: string,
  sort: SortSpec,
): VisibleList {
  const ids = isPlainOrder(filter, sort)
    ? store.ids()
    : visibleRows(model.rows, filter, sort).map((r) => r.id);
  return { ids, indexOf: positionsOf(ids) };
}

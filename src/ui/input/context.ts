// What every key handler gets: the state as it is now (the reducer's ref, not the last frame), the ways to
// change it, and the app's ports. App builds it on each render; handlers never hold React state.

import type { AppServices, PollerPort, WatchListPort } from '../ports.js';
import type { Row, SortKey } from '../rows.js';
import type { Flash, UiAction, UiState, VisibleList } from '../state.js';

export interface InputContext {
  /** The UI state as the previous key left it. */
  ui(): UiState;
  dispatch(action: UiAction): void;
  flash(text: string, level?: Flash['level']): void;
  /** The list the cursor moves over, as the table shows it. */
  list: VisibleList;
  rowById: ReadonlyMap<string, Row>;
  store: WatchListPort;
  /** Routes each ID to its own platform's poller. */
  poller: PollerPort;
  services: AppServices;
  /** Where a job lives (its endpoint) and where bare IDs and imports go (''; one platform: ''). */
  endpointOf(id: string): string | undefined;
  primaryEndpoint: string;
  /** Platforms (short names) with jobs here but no token. */
  noToken: ReadonlySet<string>;
  /** Sort keys on offer (PLATFORM only when the list holds several). */
  sortKeys: readonly SortKey[];
  readOnly: boolean;
  allowedHosts?: ReadonlySet<string>;
  /** Lines of the table's window and of the body (header, banner and footer taken off). */
  tableRows: number;
  bodyHeight: number;
  columns: number;
  tooSmall: boolean;
  now(): number;
  /** The running cancellable operation (an import), for Esc. */
  busy: { abort?: AbortController };
  quit(): void;
}

export const READ_ONLY_REFUSAL = 'Read-only mode: the watch list cannot be changed';

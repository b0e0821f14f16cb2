// The one owner of state: it wires the watch list, the poller, the UI reducer and the clock to the key
// router (input/router.ts) and hands the props-only Screen what it draws.
import { useMemo, useRef } from 'react';
import { type IdParseResult, parseIdInput } from '../ids.js';
import { layoutColumns, MIN_COLUMNS, MIN_ROWS } from './columns.js';
import { TooSmall } from './components/TooSmall.js';
import { ClockProvider, useTicker } from './hooks/use-clock.js';
import { useCurrentFlash, useFlashMessage, useStoreNotices } from './hooks/use-flash.js';
import { useChangesWithBell } from './hooks/use-job-changes.js';
import { useKeys } from './hooks/use-keys.js';
import { usePollerStatus } from './hooks/use-poller-status.js';
import { useScrollWindow } from './hooks/use-scroll-window.js';
import { type TerminalSize, useTerminalSize } from './hooks/use-terminal-size.js';
import { useUiState } from './hooks/use-ui-state.js';
import { useVisibleList } from './hooks/use-visible-list.js';
import { useWatchList } from './hooks/use-watch-list.js';
import type { InputContext } from './input/context.js';
import { routeKey } from './input/router.js';
import { bindingsFor } from './keys.js';
import { PasteTracker } from './paste.js';
import type { AppServices, PollerPort, WatchListPort } from './ports.js';
import { Screen } from './screens/Screen.js';
import { selectedIndex } from './state.js';

export interface AppProps {
  store: WatchListPort;
  poller: PollerPort;
  services: AppServices;
  /** Human name of the platform and host; never the token. */
  platform: string;
  tags?: readonly string[];
  readOnly?: boolean;
  bell?: boolean;
  hyperlinks?: boolean;
  /** Hosts whose export URLs the add prompt accepts besides the known platforms. */
  allowedHosts?: ReadonlySet<string>;
  /** A frozen clock for screenshots and tests. */
  now?: () => number;
  size?: TerminalSize;
  /** Messages to show once at start (e.g. a corrupt config moved aside). */
  startupMessages?: readonly string[];
  onQuit: () => void;
}

const HEADER_LINES = 2;
const FOOTER_LINES = 2;
const NO_TAGS: readonly string[] = [];

export function App(props: AppProps) {
  const { store, poller, services, readOnly = false } = props;
  const clock = props.now ?? Date.now;
  const frozen = props.now !== undefined;
  const size = useTerminalSize(props.size);
  const [ui, uiRef, dispatch] = useUiState();
  const { model, version } = useWatchList(store);
  const { rows: allRows, byId: rowById, counts } = model;
  const active = counts.PENDING + counts.RUNNING + counts.UNKNOWN > 0;
  const ticker = useTicker(clock, active, frozen);
  const status = usePollerStatus(poller, ticker);
  const { shown, list } = useVisibleList(store, allRows, ui.filter, ui.sort);

  const flash = useFlashMessage(dispatch, clock);
  useStoreNotices(store, version, flash, props.startupMessages);
  const bell = props.bell === false ? undefined : services;
  const { highlighted: changed, latest } = useChangesWithBell(model, clock, bell);
  const currentFlash = useCurrentFlash({ own: ui.flash, status, changes: latest }, clock, frozen);

  const { height, bodyHeight, tableRows, tooSmall } = layout(size, status.banner !== undefined);
  const columns = useMemo(() => layoutColumns(size.columns), [size.columns]);

  const index = selectedIndex(ui, list);
  const selectedId = index >= 0 ? list.ids[index] : undefined;
  const top = useScrollWindow(index, list.ids.length, tableRows);

  const busy = useRef<InputContext['busy']>({});
  const paste = useRef(new PasteTracker());
  const ctx: InputContext = {
    ui: () => uiRef.current,
    dispatch,
    flash,
    list,
    rowById,
    store,
    poller,
    services,
    readOnly,
    allowedHosts: props.allowedHosts,
    tableRows,
    bodyHeight,
    columns: size.columns,
    tooSmall,
    now: clock,
    busy: busy.current,
    quit: props.onQuit,
  };
  useKeys((input, key, raw) => routeKey(ctx, paste.current, input, key, raw));

  if (tooSmall) return <TooSmall columns={size.columns} rows={size.rows} />;

  return (
    <ClockProvider ticker={ticker}>
      <Screen
        width={size.columns}
        height={height}
        bodyHeight={bodyHeight}
        ui={ui}
        bindings={bindingsFor(ui.view, readOnly)}
        platform={props.platform}
        tags={props.tags ?? NO_TAGS}
        counts={counts}
        total={allRows.length}
        active={active}
        status={status}
        position={`${index + 1}/${list.ids.length}`}
        matches={list.ids.length}
        rows={shown.slice(top, top + tableRows)}
        columns={columns}
        selectedId={selectedId}
        selectedRow={selectedId ? rowById.get(selectedId) : undefined}
        changedIds={changed}
        hyperlinks={props.hyperlinks ?? false}
        flash={currentFlash}
        {...promptDetails(ctx)}
      />
    </ClockProvider>
  );
}

/** Line counts of the screen's parts for a terminal of `size`. */
function layout(size: TerminalSize, banner: boolean) {
  const height = size.rows - 1; // one short of the screen: Ink 6 clears the whole screen at full height
  const bodyHeight = height - HEADER_LINES - (banner ? 1 : 0) - FOOTER_LINES;
  const tableRows = Math.max(1, bodyHeight - 1);
  const tooSmall = size.columns < MIN_COLUMNS || size.rows < MIN_ROWS;
  return { height, bodyHeight, tableRows, tooSmall };
}

/** What the open prompt shows besides its text: the add prompt's live preview, the retried job's file. */
function promptDetails(ctx: InputContext): { preview?: IdParseResult; subject?: string } {
  const modal = ctx.ui().modal;
  if (modal?.kind === 'add' && modal.text.length < 200_000)
    return { preview: parseIdInput(modal.text, { watched: ctx.store, allowedHosts: ctx.allowedHosts }) };
  if (modal && 'id' in modal) {
    const location = ctx.rowById.get(modal.id)?.snapshot?.job?.destination?.location;
    return { subject: location ? String(location) : undefined };
  }
  return {};
}

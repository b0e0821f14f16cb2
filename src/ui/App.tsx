// The one owner of state: it wires the watch list, the poller, the UI reducer and the clock to the key
// router (input/router.ts) and hands the props-only Screen what it draws.
import { useMemo, useRef } from 'react';
import { type IdParseResult, parseIdInput } from '../ids.js';
import { TooSmall } from './components/TooSmall.js';
import { ClockProvider, useTicker } from './hooks/use-clock.js';
import { useExportFlow } from './hooks/use-export-flow.js';
import { useCurrentFlash, useFlashMessage, useStoreNotices } from './hooks/use-flash.js';
import { useChangesWithBell } from './hooks/use-job-changes.js';
import { useKeys } from './hooks/use-keys.js';
import {
  type PlatformRouting,
  type PlatformScreen,
  usePlatformRouting,
  usePlatformScreen,
} from './hooks/use-platforms.js';
import { usePollerStatus } from './hooks/use-poller-status.js';
import { useScreenLayout } from './hooks/use-screen-layout.js';
import { type TerminalSize, useTerminalSize } from './hooks/use-terminal-size.js';
import { usePrunedMarks, useUiState } from './hooks/use-ui-state.js';
import { useVisibleList, visibleListOf } from './hooks/use-visible-list.js';
import { useWatchList } from './hooks/use-watch-list.js';
import type { InputContext } from './input/context.js';
import { routeKey } from './input/router.js';
import { bindingsFor } from './keys.js';
import { PasteTracker } from './paste.js';
import type { AppServices, PlatformPoller, PlatformsView, PollerPort, WatchListPort } from './ports.js';
import type { RowSource } from './row-model.js';
import type { Row } from './rows.js';
import { Screen } from './screens/Screen.js';

export interface AppProps {
  store: WatchListPort;
  /** One platform's poller (tests, a narrowed run); `pollers` for several. */
  poller?: PollerPort;
  /** One poller per platform with credentials here; each job is refreshed by its own platform's. */
  pollers?: readonly PlatformPoller[];
  /** Where each job lives; without it every job is on the one platform and no PLATFORM column shows. */
  platforms?: PlatformsView;
  /** Where bare IDs and imports go (the narrowed or default platform); '' lets the store choose. */
  primaryEndpoint?: string;
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

const NO_TAGS: readonly string[] = [];
const NO_POLLERS: readonly PlatformPoller[] = [];

function usePollerList(props: AppProps): readonly PlatformPoller[] {
  const { pollers, poller } = props;
  return useMemo(
    () => pollers ?? (poller ? [{ name: '', endpoint: '', poller }] : NO_POLLERS),
    [pollers, poller],
  );
}

export function App(props: AppProps) {
  const { store, services, readOnly = false } = props;
  const clock = props.now ?? Date.now;
  const frozen = props.now !== undefined;
  const size = useTerminalSize(props.size);
  const [ui, uiRef, dispatch] = useUiState();
  const routing = usePlatformRouting(store, props.platforms, usePollerList(props));
  const { model, version } = useWatchList(store, routing.platformOf);
  const active = model.counts.PENDING + model.counts.RUNNING + model.counts.UNKNOWN > 0;
  const ticker = useTicker(clock, active, frozen);
  const status = usePollerStatus(routing.poller, ticker);
  const where = usePlatformScreen(model.platforms, status, routing.polled);
  const { shown, list } = useVisibleList(store, model, ui.filter, ui.sort);
  const flash = useFlashMessage(dispatch, clock);
  useStoreNotices(store, version, flash, props.startupMessages);
  usePrunedMarks((id) => store.has(id), version, uiRef, dispatch);
  const bell = props.bell === false ? undefined : services;
  const { highlighted: changed, latest } = useChangesWithBell(model, clock, bell);
  const currentFlash = useCurrentFlash({ own: ui.flash, status, changes: latest }, clock, frozen);
  const screen = useScreenLayout(size, status.banner !== undefined, ui, list, where.columnWidth);
  const { height, bodyHeight, tableRows, tooSmall, columns, index, selectedId, top } = screen;
  const keyState = useRef({ busy: {} as InputContext['busy'], paste: new PasteTracker() }).current;
  const ctx: InputContext = {
    ui: () => uiRef.current,
    dispatch,
    flash,
    get list() {
      const { filter, sort } = uiRef.current;
      return filter === ui.filter && sort === ui.sort ? list : visibleListOf(store, model, filter, sort);
    },
    rowById: model.byId,
    store,
    poller: routing.poller,
    services,
    ...platformKeys(routing, where, props.primaryEndpoint),
    readOnly,
    allowedHosts: props.allowedHosts,
    tableRows,
    bodyHeight,
    columns: size.columns,
    tooSmall,
    now: clock,
    busy: keyState.busy,
    quit: props.onQuit,
  };
  useKeys((input, key, raw) => routeKey(ctx, keyState.paste, input, key, raw));
  const exportFlow = useExportFlow(props, ui, dispatch, size.columns, height);

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
        counts={model.counts}
        total={model.length}
        active={active}
        status={status}
        where={where}
        position={`${index + 1}/${list.ids.length}`}
        matches={list.ids.length}
        rows={shown.slice(top, top + tableRows)}
        columns={columns}
        selectedId={selectedId}
        selectedRow={selectedRowOf(shown, index, selectedId, model.byId)}
        changedIds={changed}
        hyperlinks={props.hyperlinks ?? false}
        flash={currentFlash}
        fullScreen={exportFlow}
        {...promptDetails(ctx)}
      />
    </ClockProvider>
  );
}

/** What the keys need to know of platforms: where a job lives, where new ones go, what can be sorted. */
function platformKeys(routing: PlatformRouting, where: PlatformScreen, primaryEndpoint = '') {
  const { noToken, sortKeys } = where;
  return { endpointOf: routing.endpointOfId, primaryEndpoint, noToken, sortKeys };
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

/** The row under the cursor: the shown row at its index, found by ID only if they disagree. */
function selectedRowOf(
  shown: RowSource,
  index: number,
  id: string | undefined,
  byId: ReadonlyMap<string, Row>,
): Row | undefined {
  if (id === undefined) return undefined;
  const row = shown.at(index);
  return row?.id === id ? row : byId.get(id);
}

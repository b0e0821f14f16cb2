// The one owner of state: it subscribes to the watch list and the poller,
// keeps the UI reducer, turns keys into actions and hands each view only the
// slice it draws.
import { Box, type Key, useInput } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { EXPORT_ID_PATTERN, parseIdInput, summarizeParse } from '../ids.js';
import { EXPORT_STATES, type ExportJob, VOLUME_PATTERN } from '../platform/types.js';
import type { Snapshot } from '../store/types.js';
import { oneLine } from '../text.js';
import { errorText } from '../values.js';
import { layoutColumns, MIN_COLUMNS, MIN_ROWS } from './columns.js';
import { DetailPane } from './components/DetailPane.js';
import { Footer, KeyHints } from './components/Footer.js';
import { Header } from './components/Header.js';
import { HelpOverlay } from './components/HelpOverlay.js';
import { JobTable } from './components/JobTable.js';
import { TooSmall } from './components/TooSmall.js';
import { detailLines, wrapDetail } from './detail-lines.js';
import { type Action, actionsFor, bindingsFor } from './keys.js';
import { isPromptChar, PasteTracker, pastedText } from './paste.js';
import type { AppServices, PollerPort, WatchListPort } from './ports.js';
import { PromptLine } from './prompts.js';
import { nextRowModel, type RowModel } from './row-model.js';
import { visibleRows } from './rows.js';
import {
  type Flash,
  initialUiState,
  type Modal,
  positionsOf,
  selectedIndex,
  type UiAction,
  uiReducer,
  type VisibleList,
} from './state.js';
import { type StateChange, useJobChanges } from './use-job-changes.js';
import { type TerminalSize, useTerminalSize } from './use-terminal-size.js';

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

const FLASH_MS = 6000;
/** A character with no special key: how typed-ahead characters are handed on one by one. */
const PLAIN_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};
const HEADER_LINES = 2;
const FOOTER_LINES = 2;
const TEXT_MODALS = new Set<Modal['kind']>(['add', 'filter', 'import', 'retry-location']);

export function App(props: AppProps) {
  const { store, poller, services, readOnly = false } = props;
  const clock = props.now ?? Date.now;
  const size = useTerminalSize(props.size);
  // The reducer runs synchronously into a ref as well as into React state: key
  // handlers read the ref, so keys typed faster than frames (a paste, a queue of
  // arrows, 'R' then 'l') each see the state the previous key left behind.
  const [ui, setUi] = useState(initialUiState);
  const uiRef = useRef(ui);
  const dispatch = useCallback((action: UiAction) => {
    uiRef.current = uiReducer(uiRef.current, action);
    setUi(uiRef.current);
  }, []);

  // Data: re-read only when the store's version moves.
  const subscribe = useCallback((cb: () => void) => store.subscribe(cb), [store]);
  const version = useSyncExternalStore(subscribe, () => store.version);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the change signal for the store
  const entries = useMemo(() => store.entries(), [store, version]);
  // Rows, the index by ID and the counts, carried over from the last version where only some jobs changed.
  const modelRef = useRef<RowModel | undefined>(undefined);
  const model = useMemo(() => {
    modelRef.current = nextRowModel(modelRef.current, entries);
    return modelRef.current;
  }, [entries]);
  const { rows: allRows, byId: rowById, counts } = model;
  const [status, setStatus] = useState(() => poller.status());
  useEffect(() => poller.subscribe(setStatus), [poller]);

  // In the order added and unfiltered, the table's order is the store's own ID list, whose identity
  // changes only when jobs are added or removed: a refresh of snapshots then rebuilds no index.
  const plainOrder = !ui.filter.trim() && ui.sort.key === 'added' && !ui.sort.descending;
  const shown = useMemo(
    () => (plainOrder ? allRows : visibleRows(allRows, ui.filter, ui.sort)),
    [plainOrder, allRows, ui.filter, ui.sort],
  );
  const storeIds = store.ids();
  const orderSource = plainOrder ? storeIds : shown;
  // biome-ignore lint/correctness/useExhaustiveDependencies: orderSource stands for whichever order is shown
  const list: VisibleList = useMemo(() => {
    const ids = plainOrder ? storeIds : shown.map((r) => r.id);
    return { ids, indexOf: positionsOf(ids) };
  }, [orderSource]);
  const active = counts.PENDING + counts.RUNNING + counts.UNKNOWN > 0;

  const flash = useCallback(
    (text: string, level: Flash['level'] = 'info') =>
      dispatch({ type: 'flash', flash: { text, level, at: clock() } }),
    [clock, dispatch],
  );

  // Start-up messages (config moved aside, permission warnings) go to the flash line once; problems the
  // store meets later (a file corrupted or hand-edited while we run) as they appear.
  const shownWarnings = useRef(store.warnings.length);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once
  useEffect(() => {
    if (props.startupMessages?.length) flash(props.startupMessages.join(' · '), 'error');
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the change signal for the store
  useEffect(() => {
    const fresh = store.warnings.slice(shownWarnings.current);
    shownWarnings.current = store.warnings.length;
    if (fresh.length) flash(fresh.join(' · '), 'error');
  }, [version, store, flash]);

  // A failed background write (disk full, permissions) must be seen, not swallowed.
  const storeError = store.lastError;
  useEffect(() => {
    if (storeError) flash(`Could not save the watch list: ${storeError}`, 'error');
  }, [storeError, flash]);

  const ringOnFailure = useCallback(
    (changes: readonly StateChange[]) => {
      if (props.bell !== false && changes.some((c) => c.to === 'FAILED')) services.bell();
    },
    [props.bell, services],
  );
  const { highlighted: changed, latest } = useJobChanges(model, clock, ringOnFailure);
  const changeFlash: Flash | undefined = latest && describeChanges(latest.changes, latest.at);

  // The newest of our own flash and the poller's; each clears itself.
  const pollerFlash: Flash | undefined = status.flash
    ? { text: status.flash.message, level: status.flash.level, at: status.flash.at }
    : undefined;
  const currentFlash = [ui.flash, pollerFlash, changeFlash]
    .filter((f): f is Flash => f !== undefined)
    .sort((a, b) => b.at - a.at)[0];
  const [, forceTick] = useState(0);
  const flashAlive = currentFlash && clock() - currentFlash.at < FLASH_MS ? currentFlash : undefined;
  useEffect(() => {
    if (!flashAlive || props.now) return;
    const t = setTimeout(() => forceTick((n) => n + 1), FLASH_MS - (clock() - flashAlive.at) + 20);
    return () => clearTimeout(t);
  }, [flashAlive, clock, props.now]);

  // One clock for the whole screen: elapsed times and the spinner move once a
  // second, and only while a job is still active. Nothing else redraws on a timer.
  const [now, setNow] = useState(clock);
  useEffect(() => {
    if (!active || props.now) return;
    const t = setInterval(() => {
      setNow(clock());
      // "stale" is a matter of time passing, so it is re-read with the clock.
      setStatus(poller.status());
    }, 1000);
    return () => clearInterval(t);
  }, [active, clock, props.now, poller]);

  // Layout.
  const bannerLines = status.banner ? 1 : 0;
  const height = size.rows - 1; // one short of the screen: Ink 6 clears the whole screen at full height
  const bodyHeight = height - HEADER_LINES - bannerLines - FOOTER_LINES;
  const tableRows = Math.max(1, bodyHeight - 1);
  const columns = useMemo(() => layoutColumns(size.columns), [size.columns]);

  const index = selectedIndex(ui, list);
  const selectedId = index >= 0 ? list.ids[index] : undefined;
  const selectedRow = selectedId ? rowById.get(selectedId) : undefined;

  // Keep the window still while the cursor moves inside it (like less/k9s).
  const top = useRef(0);
  if (index < top.current) top.current = Math.max(0, index);
  if (index >= top.current + tableRows) top.current = index - tableRows + 1;
  top.current = Math.max(0, Math.min(top.current, Math.max(0, list.ids.length - tableRows)));
  const windowRows = shown.slice(top.current, top.current + tableRows);

  const detail = useMemo(() => {
    if (ui.view !== 'detail' || !selectedId) return [];
    return wrapDetail(detailLines(selectedId, selectedRow?.snapshot, now), size.columns);
  }, [ui.view, selectedId, selectedRow, now, size.columns]);
  const detailMax = Math.max(0, detail.length - (bodyHeight - 1));

  const run = (action: Action) => {
    const selectedId = list.ids[selectedIndex(uiRef.current, list)];
    const selectedRow = selectedId ? rowById.get(selectedId) : undefined;
    // Measured now, not from the last frame: Enter then End typed together must reach the end.
    const detailMax =
      uiRef.current.view === 'detail' && selectedId
        ? Math.max(
            0,
            wrapDetail(detailLines(selectedId, selectedRow?.snapshot, now), size.columns).length -
              (bodyHeight - 1),
          )
        : 0;
    switch (action) {
      case 'up':
      case 'down': {
        const delta = action === 'up' ? -1 : 1;
        if (uiRef.current.view === 'detail') dispatch({ type: 'scrollDetail', delta, max: detailMax });
        else dispatch({ type: 'move', delta, list });
        return;
      }
      case 'pageUp':
      case 'pageDown': {
        const delta =
          (action === 'pageUp' ? -1 : 1) *
          Math.max(1, uiRef.current.view === 'detail' ? bodyHeight - 2 : tableRows - 1);
        if (uiRef.current.view === 'detail') dispatch({ type: 'scrollDetail', delta, max: detailMax });
        else dispatch({ type: 'move', delta, list });
        return;
      }
      case 'home':
      case 'end':
        if (uiRef.current.view === 'detail')
          dispatch({ type: 'scrollDetail', delta: action === 'home' ? -Infinity : Infinity, max: detailMax });
        else dispatch({ type: 'moveTo', position: action === 'home' ? 'first' : 'last', list });
        return;
      case 'open':
        // The reducer's selection, not this render's: keys typed ahead may have moved it.
        if (list.ids.length) dispatch({ type: 'view', view: 'detail' });
        return;
      case 'close':
        dispatch({ type: 'view', view: 'table' });
        return;
      case 'clearFilter':
        if (uiRef.current.filter) dispatch({ type: 'filter', text: '' });
        return;
      case 'filter':
        dispatch({
          type: 'modal',
          modal: { kind: 'filter', text: uiRef.current.filter, before: uiRef.current.filter },
        });
        return;
      case 'sort':
        dispatch({ type: 'cycleSort' });
        return;
      case 'sortReverse':
        dispatch({ type: 'reverseSort' });
        return;
      case 'add':
        dispatch({ type: 'modal', modal: { kind: 'add', text: '' } });
        return;
      case 'remove':
        dispatch({ type: 'askRemove', list });
        return;
      case 'refresh':
        poller.refreshNow(selectedId ? [selectedId] : []);
        flash('Refreshing…');
        return;
      case 'copy':
        if (selectedId) {
          services.copy(selectedId);
          flash(`Copied ${selectedId} to the clipboard`);
        }
        return;
      case 'retry': {
        const job = selectedRow?.snapshot?.job;
        if (!selectedId || !job || job.state !== 'FAILED') {
          flash('R starts a FAILED job again: select a FAILED job first', 'error');
        } else if (!services.retryExport) {
          flash('Starting jobs again is not available here', 'error');
        } else dispatch({ type: 'modal', modal: { kind: 'retry-choose', id: selectedId } });
        return;
      }
      case 'import':
        if (!services.listJobs) flash('Import is not available here', 'error');
        else dispatch({ type: 'modal', modal: { kind: 'import', text: '' } });
        return;
      case 'help':
        dispatch({ type: 'modal', modal: { kind: 'help' } });
        return;
      case 'quit':
        props.onQuit();
        return;
    }
  };

  /** The running cancellable operation (an import), for Esc. */
  const busyAbort = useRef<AbortController | undefined>(undefined);

  const addIds = (text: string) => {
    const parsed = parseIdInput(text, { watched: store, allowedHosts: props.allowedHosts });
    if (parsed.ids.length) {
      let added: string[];
      try {
        ({ added } = store.add(parsed.ids));
      } catch (err) {
        flash(`Could not save the watch list: ${errorMessage(err)}`, 'error');
        return;
      }
      poller.refreshNow(added);
      if (added[0]) dispatch({ type: 'select', id: added[0] });
    }
    flash(summarizeParse(parsed), parsed.invalid.length || !parsed.ids.length ? 'error' : 'info');
  };

  const submitImport = async (text: string) => {
    const states: string[] = [];
    let volume: string | undefined;
    for (const word of text.trim().split(/\s+/).filter(Boolean)) {
      const upper = word.toUpperCase();
      if ((EXPORT_STATES as readonly string[]).includes(upper)) states.push(upper);
      else volume = word;
    }
    if (volume !== undefined && !VOLUME_PATTERN.test(volume)) {
      flash(
        `Not a volume: ${oneLine(volume)} (expected owner/volume, or a state: ${EXPORT_STATES.join(', ')})`,
        'error',
      );
      return;
    }
    // Reading every page of a long list can take a while: Esc cancels it (nothing is changed then).
    const abort = new AbortController();
    busyAbort.current = abort;
    dispatch({
      type: 'modal',
      modal: { kind: 'busy', message: 'Importing from the platform…', cancellable: true },
    });
    try {
      const jobs = await services.listJobs!(
        { volume, states: states.length ? states : undefined },
        abort.signal,
      );
      if (abort.signal.aborted) return;
      // An ID this app cannot watch (not 32 letters and digits) is skipped, not fatal.
      const fresh = jobs.filter((j) => EXPORT_ID_PATTERN.test(j.id) && !store.has(j.id));
      const { added } = store.add(
        fresh.map((j) => j.id),
        { snapshots: snapshotsOf(fresh, clock()) },
      );
      flash(
        `Found ${jobs.length} job${jobs.length === 1 ? '' : 's'} · added ${added.length} not yet watched`,
      );
    } catch (err) {
      if (abort.signal.aborted) return;
      flash(`Import failed: ${errorMessage(err)}`, 'error');
    } finally {
      busyAbort.current = undefined;
    }
    dispatch({ type: 'modal', modal: null });
  };

  const submitRetry = async (id: string, overwrite: boolean, location: string) => {
    const job = rowById.get(id)?.snapshot?.job;
    if (!job || !services.retryExport) return;
    dispatch({ type: 'modal', modal: { kind: 'busy', message: 'Starting the export again…' } });
    try {
      const started = await services.retryExport(job, { overwrite, location });
      store.add([started.id], { after: id, snapshots: snapshotsOf([started], clock()) });
      dispatch({ type: 'select', id: started.id });
      flash(`Started ${started.id} (again for ${id})`);
    } catch (err) {
      flash(`Could not start it again: ${errorMessage(err)}`, 'error');
    }
    dispatch({ type: 'modal', modal: null });
  };

  /** Enter in a text prompt: acts on the text as it is now (keys typed ahead included). */
  const submitPrompt = () => {
    const modal = uiRef.current.modal;
    if (!modal || !('text' in modal)) return;
    dispatch({ type: 'modal', modal: null });
    if (modal.kind === 'add') addIds(modal.text);
    else if (modal.kind === 'import') void submitImport(modal.text);
    else if (modal.kind === 'retry-location') {
      const location = modal.text.trim();
      if (location)
        dispatch({
          type: 'modal',
          modal: { kind: 'retry-confirm', id: modal.id, overwrite: false, location },
        });
    }
  };

  const onModalKey = (modal: Modal, input: string, key: Key) => {
    const close = () => dispatch({ type: 'modal', modal: null });
    if (modal.kind === 'busy') {
      if (key.escape && modal.cancellable && busyAbort.current) {
        busyAbort.current.abort();
        close();
        flash('Import cancelled: nothing was added');
      }
      return;
    }
    if (modal.kind === 'help') return close();
    if (TEXT_MODALS.has(modal.kind) && 'text' in modal) {
      if (key.escape) {
        if (modal.kind === 'filter') dispatch({ type: 'filter', text: '' });
        return close();
      }
      if (key.return) return submitPrompt();
      if (key.backspace || key.delete) return dispatch({ type: 'edit', backspace: true });
      if (key.ctrl || key.meta || key.upArrow || key.downArrow || key.tab) return;
      // Typed-ahead or pasted text arrives as one string, Backspace and Enter
      // included: walk it, so they edit and submit instead of landing in the text.
      const chars = [...input];
      let run = '';
      const flush = () => {
        if (run) dispatch({ type: 'edit', append: run });
        run = '';
      };
      for (let i = 0; i < chars.length; i++) {
        const ch = chars[i]!;
        if (ch === '\u007f' || ch === '\b') {
          flush();
          dispatch({ type: 'edit', backspace: true });
        } else if (ch === '\r' || ch === '\n') {
          // Inside a pasted list a line break separates IDs; at the end, or in a one-line prompt, it is Enter.
          if (modal.kind === 'add' && i < chars.length - 1) run += '\n';
          else {
            flush();
            return submitPrompt();
          }
        } else if (isPromptChar(ch)) run += ch;
      }
      flush();
      return;
    }
    if (modal.kind === 'confirm-remove') {
      close();
      if (input.toLowerCase() === 'y') {
        const i = list.indexOf.get(modal.id) ?? -1;
        const neighbour = list.ids[i + 1] ?? list.ids[i - 1];
        try {
          store.remove([modal.id]);
        } catch (err) {
          flash(`Could not save the watch list: ${errorMessage(err)}`, 'error');
          return;
        }
        dispatch({ type: 'select', id: neighbour });
        if (uiRef.current.view === 'detail') dispatch({ type: 'view', view: 'table' });
        flash(`Stopped watching ${modal.id} (the job itself is untouched)`);
      }
      return;
    }
    if (modal.kind === 'retry-choose') {
      const location = String(rowById.get(modal.id)?.snapshot?.job?.destination?.location ?? '');
      if (input === 'o')
        dispatch({
          type: 'modal',
          modal: { kind: 'retry-confirm', id: modal.id, overwrite: true, location },
        });
      else if (input === 'l')
        dispatch({ type: 'modal', modal: { kind: 'retry-location', id: modal.id, text: location } });
      else close();
      return;
    }
    if (modal.kind === 'retry-confirm') {
      close();
      if (input.toLowerCase() === 'y') void submitRetry(modal.id, modal.overwrite, modal.location);
    }
  };

  // A paste goes to the open prompt, or opens the add prompt: never to the table as keys (ui/paste.ts).
  const paste = useRef(new PasteTracker());
  const onPaste = (input: string, key: Key) => {
    // What Ink made of an escape sequence inside the pasted text, or a control character: not text.
    if (key.ctrl || key.meta || key.escape) return;
    let modal = uiRef.current.modal;
    if (!modal && size.columns >= MIN_COLUMNS && size.rows >= MIN_ROWS) {
      if (readOnly) return flash('Read-only mode: the watch list cannot be changed', 'error');
      dispatch({ type: 'modal', modal: { kind: 'add', text: '' } });
      modal = uiRef.current.modal;
    }
    // A question (y/N) or the help never takes pasted text.
    if (!modal || !TEXT_MODALS.has(modal.kind)) return;
    const text = pastedText(key.return || key.tab ? '' : input, modal.kind === 'add');
    if (text) dispatch({ type: 'edit', append: text });
  };

  const onKey = (input: string, key: Key) => {
    const kind = paste.current.classify(input, performance.now());
    if (kind === 'marker') return;
    if (kind === 'pasted') return onPaste(input, key);
    if (key.ctrl && input === 'c') return props.onQuit();
    if (uiRef.current.modal) return onModalKey(uiRef.current.modal, input, key);
    if (size.columns < MIN_COLUMNS || size.rows < MIN_ROWS) {
      if (input === 'q') props.onQuit();
      return;
    }
    const special =
      key.return || key.escape || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow;
    if (
      special ||
      key.pageUp ||
      key.pageDown ||
      key.home ||
      key.end ||
      key.delete ||
      key.backspace ||
      key.ctrl
    ) {
      for (const action of actionsFor(input, key, uiRef.current.view, readOnly)) run(action);
      return;
    }
    // Plain characters typed ahead arrive as one string ('jjd' or 'ay'): one at a
    // time, each against the view the previous one left, and whatever follows a key
    // that opens a prompt or a question belongs to it.
    const chars = [...input];
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]!;
      const actions = actionsFor(ch, PLAIN_KEY, uiRef.current.view, readOnly);
      if (actions.length === 0 && readOnly && /^[adRi]$/.test(ch)) {
        flash('Read-only mode: the watch list cannot be changed', 'error');
      }
      for (const action of actions) run(action);
      if (actions.includes('quit')) return;
      const modal = uiRef.current.modal;
      const rest = chars.slice(i + 1).join('');
      if (modal && rest) return onModalKey(modal, rest, PLAIN_KEY);
    }
  };
  // Ink re-subscribes a changed handler only after the frame is drawn; a key
  // pressed in between would reach the previous view's handler. The ref is
  // updated during render, so the newest handler always answers.
  const onKeyRef = useRef(onKey);
  onKeyRef.current = onKey;
  useInput(useCallback((input: string, key: Key) => onKeyRef.current(input, key), []));

  if (size.columns < MIN_COLUMNS || size.rows < MIN_ROWS) {
    return <TooSmall columns={size.columns} rows={size.rows} />;
  }

  const hints = bindingsFor(ui.view, readOnly)
    .filter((b) => b.hint)
    .map((b) => b.hint!);
  const parsePreview =
    ui.modal?.kind === 'add' && ui.modal.text.length < 200_000
      ? parseIdInput(ui.modal.text, { watched: store, allowedHosts: props.allowedHosts })
      : undefined;
  const retrySubject =
    ui.modal && 'id' in ui.modal ? rowById.get(ui.modal.id)?.snapshot?.job?.destination?.location : undefined;

  if (ui.modal?.kind === 'help') {
    // The whole screen: every key of the view fits in one column even at 80×24.
    return (
      <Box flexDirection="column" width={size.columns} height={height}>
        <HelpOverlay
          bindings={bindingsFor(ui.view, readOnly)}
          title={ui.view === 'detail' ? 'detail pane' : 'job table'}
          width={size.columns}
          height={height}
        />
      </Box>
    );
  }

  let body: React.ReactNode;
  if (ui.view === 'detail') {
    body = (
      <DetailPane
        lines={detail}
        scroll={Math.min(ui.detailScroll, detailMax)}
        height={bodyHeight}
        hyperlinks={props.hyperlinks ?? false}
      />
    );
  } else {
    body = (
      <JobTable
        rows={windowRows}
        columns={columns}
        selectedId={selectedId}
        changedIds={changed}
        height={bodyHeight}
        sort={ui.sort}
        now={now}
        stale={status.stale}
        emptyText={
          allRows.length === 0
            ? 'No jobs watched yet — press a to add export job IDs.'
            : 'No job matches the filter — Esc clears it.'
        }
      />
    );
  }

  return (
    <Box flexDirection="column" width={size.columns} height={height}>
      <Header
        platform={props.platform}
        tags={props.tags ?? []}
        counts={counts}
        total={allRows.length}
        finalCount={counts.COMPLETED + counts.FAILED + counts['NOT FOUND'] + counts['NO ACCESS']}
        active={active}
        tick={Math.floor(now / 1000)}
        lastRefreshAt={status.lastSuccessAt}
        stale={status.stale}
        now={now}
        rate={status.rateLimit}
        banner={status.banner}
        position={`${index + 1}/${list.ids.length}`}
        filter={ui.filter}
        matches={list.ids.length}
        sort={ui.sort}
      />
      {body}
      <Footer
        flash={flashAlive}
        line={
          ui.modal ? (
            <PromptLine
              modal={ui.modal}
              width={size.columns}
              preview={parsePreview}
              subject={retrySubject ? String(retrySubject) : undefined}
            />
          ) : (
            <KeyHints hints={hints} />
          )
        }
      />
    </Box>
  );
}

/** The flash line for a batch of state changes: `<id> RUNNING → COMPLETED`, or a count and the first few. */
function describeChanges(changes: readonly StateChange[], at: number): Flash | undefined {
  const first = changes[0];
  if (!first) return undefined;
  const text =
    changes.length === 1
      ? `${first.id} ${first.from} → ${first.to}`
      : `${changes.length} jobs changed: ${changes
          .slice(0, 3)
          .map((c) => `${c.id.slice(0, 8)}… ${c.from} → ${c.to}`)
          .join(', ')}${changes.length > 3 ? ', …' : ''}`;
  return { text, level: changes.some((c) => c.to === 'FAILED') ? 'error' : 'info', at };
}

function errorMessage(err: unknown): string {
  return oneLine(errorText(err));
}

function snapshotsOf(jobs: readonly ExportJob[], at: number): Map<string, Snapshot> {
  const fetchedAt = new Date(at).toISOString();
  return new Map(jobs.map((job) => [job.id, { status: 'ok' as const, job, fetchedAt }]));
}

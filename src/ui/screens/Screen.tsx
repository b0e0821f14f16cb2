// The whole screen from props alone: header, the table or the detail pane, and the footer (a prompt or
// the key hints, and the flash line). No state, no hooks but the clock readers inside the components.
import { Box } from 'ink';
import type { ReactNode } from 'react';
import type { IdParseResult } from '../../ids.js';
import type { Column } from '../columns.js';
import { Footer, KeyHints } from '../components/Footer.js';
import { Header } from '../components/Header.js';
import { HelpOverlay } from '../components/HelpOverlay.js';
import { JobTable } from '../components/JobTable.js';
import type { PlatformScreen } from '../hooks/use-platforms.js';
import type { KeyBinding } from '../keys.js';
import type { PollerStatusView } from '../ports.js';
import { PromptLine } from '../prompts.js';
import type { Row } from '../rows.js';
import type { Flash, UiState } from '../state.js';
import type { RowState } from '../theme.js';
import { DetailScreen } from './DetailScreen.js';

export interface ScreenProps {
  width: number;
  /** The root's height: one short of the terminal (Ink 6 clears the whole screen at full height). */
  height: number;
  bodyHeight: number;
  ui: UiState;
  bindings: readonly KeyBinding[];
  platform: string;
  tags: readonly string[];
  counts: Readonly<Record<RowState, number>>;
  total: number;
  active: boolean;
  status: PollerStatusView;
  /**
   * Platforms: `summary` for the header when several, the short names of those whose unfinished rows are
   * dimmed (`stale`) and of those without a token here.
   */
  where?: Pick<PlatformScreen, 'summary' | 'stale' | 'noToken'>;
  position: string;
  matches: number;
  /** The table's visible window of rows. */
  rows: readonly Row[];
  columns: readonly Column[];
  selectedId?: string;
  selectedRow?: Row;
  changedIds: ReadonlySet<string>;
  hyperlinks: boolean;
  flash?: Flash;
  preview?: IdParseResult;
  subject?: string;
  /** Drawn instead of everything else (the export flow). */
  fullScreen?: ReactNode;
}

export function Screen(props: ScreenProps) {
  const { ui, width, height } = props;
  if (props.fullScreen) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        {props.fullScreen}
      </Box>
    );
  }
  if (ui.modal?.kind === 'help') {
    // The whole screen: every key of the view fits in one column even at 80×24.
    return (
      <Box flexDirection="column" width={width} height={height}>
        <HelpOverlay
          bindings={props.bindings}
          title={ui.view === 'detail' ? 'detail pane' : 'job table'}
          width={width}
          height={height}
        />
      </Box>
    );
  }
  const { counts, status } = props;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Header
        platform={props.platform}
        platforms={props.where?.summary}
        learning={status.learning}
        tags={props.tags}
        counts={counts}
        total={props.total}
        finalCount={counts.COMPLETED + counts.FAILED + counts['NOT FOUND'] + counts['NO ACCESS']}
        active={props.active}
        lastRefreshAt={status.lastSuccessAt}
        stale={status.stale}
        rate={status.rateLimit}
        banner={status.banner}
        position={props.position}
        filter={ui.filter}
        matches={props.matches}
        sort={ui.sort}
        marked={ui.marks.size}
      />
      <Body {...props} />
      <Footer
        flash={props.flash}
        line={
          ui.modal ? (
            <PromptLine modal={ui.modal} width={width} preview={props.preview} subject={props.subject} />
          ) : (
            <KeyHints hints={props.bindings.filter((b) => b.hint).map((b) => b.hint!)} />
          )
        }
      />
    </Box>
  );
}

function Body(props: ScreenProps) {
  const { ui } = props;
  if (ui.view === 'detail') {
    return (
      <DetailScreen
        id={props.selectedId}
        snapshot={props.selectedRow?.snapshot}
        scroll={ui.detailScroll}
        height={props.bodyHeight}
        width={props.width}
        hyperlinks={props.hyperlinks}
        platform={props.selectedRow?.platform}
        noToken={props.selectedRow ? props.where?.noToken.has(props.selectedRow.platform) : false}
      />
    );
  }
  return (
    <JobTable
      rows={props.rows}
      columns={props.columns}
      selectedId={props.selectedId}
      changedIds={props.changedIds}
      marks={ui.marks}
      height={props.bodyHeight}
      sort={ui.sort}
      // Several pollers: each platform's rows are dimmed by its own poller's state, not by the others'.
      stale={props.status.platforms ? false : props.status.stale}
      stalePlatforms={props.where?.stale}
      noToken={props.where?.noToken}
      emptyText={
        props.total === 0
          ? 'No jobs watched yet — press a to add export job IDs.'
          : 'No job matches the filter — Esc clears it.'
      }
    />
  );
}

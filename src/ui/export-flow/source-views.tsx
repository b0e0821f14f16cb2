// Step 1: the project, the folder in it, the file filter and the walk's live counts.
import { Text } from 'ink';
import { fileKind } from '../../platform/files.js';
import { bytesText, countText } from '../../transfer/skips.js';
import type { WalkProgress } from '../../transfer/walk.js';
import { toneColor } from '../theme.js';
import { ListWindow, rangeText } from './list-window.js';
import { currentFolder, type FlowState, visibleProjects } from './state.js';

export interface StepProps {
  state: FlowState;
  /** Rows the step may use for its body, and its width (for text that wraps). */
  rows: number;
  width: number;
}

const loadingText = (what: string, n: number, loading: boolean, error?: string) =>
  error ? `${what}: ${error}` : `${countText(n, what)}${loading ? ' so far…' : ''}`;

export function ProjectStep({ state, rows }: StepProps) {
  const shown = visibleProjects(state);
  const { items, loading, error } = state.projects;
  const count = loadingText('project', items.length, loading, error);
  const matching = state.query ? ` · ${shown.length.toLocaleString('en-US')} matching` : '';
  return (
    <>
      <Text wrap="truncate-end">
        Filter: {state.query}
        <Text color={toneColor('muted')}>▏</Text>
      </Text>
      <Text wrap="truncate-end" color={error ? toneColor('error') : toneColor('muted')}>
        {count}
        {matching} {rangeText(state.projectCursor, shown.length, rows - 2)}
      </Text>
      <ListWindow
        items={shown}
        cursor={state.projectCursor}
        rows={rows - 2}
        line={(p) => `${p.id}  ${p.name}`}
        empty={<Text>{loading ? 'Loading projects…' : 'No project matches'}</Text>}
      />
    </>
  );
}

export function FolderStep({ state, rows }: StepProps) {
  const here = currentFolder(state);
  const { items, loading, error } = state.folder;
  return (
    <>
      <Text wrap="truncate-end">
        In: {state.project?.id}:/{here?.path ?? ''}
      </Text>
      <Text wrap="truncate-end" color={error ? toneColor('error') : toneColor('muted')}>
        {loadingText('item', items.length, loading, error)}{' '}
        {rangeText(state.folderCursor, items.length, rows - 2)}
      </Text>
      <ListWindow
        items={items}
        cursor={state.folderCursor}
        rows={rows - 2}
        line={(item) => {
          const kind = fileKind(item);
          if (kind === 'folder') return `▸ ${item.name}/`;
          const note = kind === 'file' ? '' : ` (${kind})`;
          return `  ${item.name}  ${bytesText(Number(item.size ?? 0))}${note}`;
        }}
        empty={<Text>{loading ? 'Listing…' : 'An empty folder'}</Text>}
      />
    </>
  );
}

/** One line of a step's form: the active field is marked and bold. */
export function field(label: string, value: string, active: boolean) {
  return (
    <Text wrap="truncate-end" color={active ? toneColor('accent') : undefined} bold={active}>
      {active ? '› ' : '  '}
      {label}: {value}
    </Text>
  );
}

export function progressText(p: WalkProgress | undefined): string {
  if (!p) return '0 files, 0 B';
  const other = p.unmatched > 0 ? `, ${p.unmatched.toLocaleString('en-US')} not matching` : '';
  return `${countText(p.files, 'file')}, ${bytesText(p.bytes)} (${countText(p.folders, 'folder')} seen${other})`;
}

export function FilterStep({ state }: StepProps) {
  const here = currentFolder(state);
  return (
    <>
      <Text wrap="truncate-end">
        Folder: {state.project?.id}:/{here?.path ?? ''}
      </Text>
      {field(
        'Names (globs, e.g. *.cram sample_0??.bam; empty = all)',
        `${state.glob}▏`,
        state.filterField === 'glob',
      )}
      {field('Include subfolders', state.recursive ? '[x] yes' : '[ ] no', state.filterField === 'recursive')}
      {state.walkError ? <Text color={toneColor('error')}>Listing failed: {state.walkError}</Text> : null}
    </>
  );
}

export function WalkStep({ state }: StepProps) {
  return (
    <>
      <Text wrap="truncate-end">Listing {currentFolder(state)?.path || 'the project root'}…</Text>
      <Text wrap="truncate-end">{progressText(state.progress)}</Text>
    </>
  );
}

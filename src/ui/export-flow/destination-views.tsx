// Step 2: the volume (read-only ones listed, not selectable), the path prefix, copy or move, overwrite.
import { Text } from 'ink';
import { joinLocation } from '../../transfer/locations.js';
import { moveOrCopyText } from '../../transfer/skips.js';
import { toneColor } from '../theme.js';
import { ListWindow } from './list-window.js';
import { field, progressText, type StepProps } from './source-views.js';

export function SourceLine({ state }: Pick<StepProps, 'state'>) {
  return (
    <Text wrap="truncate-end" color={toneColor('muted')}>
      Source: {state.project?.id}:/{state.walk?.rootPath ?? ''} · {progressText(state.progress)}
    </Text>
  );
}

export function VolumeStep({ state, rows }: StepProps) {
  const { items, loading, error } = state.volumes;
  const writable = items.filter((v) => v.writable).length;
  return (
    <>
      <SourceLine state={state} />
      <Text wrap="truncate-end" color={error ? toneColor('error') : toneColor('muted')}>
        {error
          ? `Volumes: ${error}`
          : `${items.length} volumes, ${writable} read-write${loading ? ' (listing…)' : ''}`}
      </Text>
      <ListWindow
        items={items}
        cursor={state.volumeCursor}
        rows={rows - 2}
        line={(v) =>
          `${v.writable ? '  ' : '✗ '}${v.id}${v.writable ? '' : `  read-only (${v.accessMode ?? '?'}): cannot be chosen`}`
        }
        empty={<Text>{loading ? 'Listing volumes…' : 'No volumes'}</Text>}
      />
    </>
  );
}

export function OptionsStep({ state }: StepProps) {
  const prefix = joinLocation(state.prefix);
  const example = state.walk?.matched[0]?.path;
  return (
    <>
      <SourceLine state={state} />
      <Text wrap="truncate-end">Volume: {state.volume}</Text>
      {field('Path prefix on the volume', `${state.prefix}▏`, state.optionField === 'prefix')}
      {field('Mode', state.copy ? '(•) copy  ( ) move' : '( ) copy  (•) MOVE', state.optionField === 'copy')}
      {field(
        'Overwrite existing files',
        state.overwrite ? '[x] yes' : '[ ] no',
        state.optionField === 'overwrite',
      )}
      <Text wrap="truncate-end" color={toneColor('muted')}>
        {example ? `e.g. ${state.volume}:${joinLocation(prefix, example)}` : ' '}
      </Text>
      <Text wrap="truncate-end" color={state.copy ? undefined : toneColor('warn')}>
        {state.copy
          ? 'Copy: the files stay in the project.'
          : '⚠ MOVE: the project files become aliases of the volume files, and an alias cannot be exported again.'}
      </Text>
      <Text wrap="truncate-end">{moveOrCopyText(state.copy)}</Text>
      {state.planError ? <Text color={toneColor('error')}>{state.planError}</Text> : null}
    </>
  );
}

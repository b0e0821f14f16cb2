/**
 * The export flow of issue 14 (the `e` key), self-contained: its own state (reducer.ts), keys
 * (use-flow-input.ts) and I/O (use-flow-effects.ts). Nothing is sent before `y` on the preview.
 *
 * Integration (the App):
 *   - `e` opens a modal of kind 'export'; while it is open the App draws, in place of the table and footer,
 *       <ExportFlow ports={ports} watchedJobs={watchedJobsOf(store.entries(), ports.endpoint)}
 *                   width={columns} height={rows - 1} onSubmitted={save} onClose={closeModal} />
 *     with `ports = exportFlowPorts(client)` (./wire.ts; made once per platform client, e.g. useMemo: a new
 *     object restarts the project and volume listings).
 *   - The App's key router passes no keys on while the modal is open: the flow reads them itself with
 *     useInput, active only while mounted (`isActive={false}` pauses it). It never handles Ctrl-C.
 *     It calls onClose on Esc at the first step and on any key after the summary.
 *   - `save(jobs, endpoint)` runs after every bulk call and is awaited before the next one: add the jobs
 *     there, with a snapshot so the table shows them at once, e.g.
 *       store.add(jobs.map((j) => j.id), { endpoint, snapshots: snapshotsOf(jobs, Date.now) })
 *     (commands/bulk-run.ts snapshotsOf). A throw stops the run ('save-failed') and is shown.
 *   - Unmounting mid-run stops between calls; everything handed to `save` so far is what was started.
 */
import { Box, Text } from 'ink';
import { type ReactNode, useReducer } from 'react';
import type { ExportJob } from '../../platform/types.js';
import { toneColor } from '../theme.js';
import { OptionsStep, VolumeStep } from './destination-views.js';
import type { ExportFlowPorts, OnSubmitted } from './ports.js';
import { flowReducer, initialState } from './reducer.js';
import { PreviewStep, SubmitStep } from './result-views.js';
import { FilterStep, FolderStep, ProjectStep, type StepProps, WalkStep } from './source-views.js';
import { STEP_TITLES, type Step } from './state.js';
import { useFlowEffects } from './use-flow-effects.js';
import { useFlowInput } from './use-flow-input.js';

export type { ExportFlowPorts, OnSubmitted } from './ports.js';
export { watchedJobsOf } from './watched.js';
export { exportFlowPorts } from './wire.js';

export interface ExportFlowProps {
  ports: ExportFlowPorts;
  /** The watch list's jobs on this platform: files they exported (or are exporting) are not sent again. */
  watchedJobs?: readonly ExportJob[];
  width: number;
  height: number;
  onSubmitted: OnSubmitted;
  onClose: () => void;
  /** false pauses the flow's keys (e.g. while the App shows something over it). */
  isActive?: boolean;
}

const HINTS: Record<Step, string> = {
  project: 'type to filter  ↑↓ move  Enter open  Esc close',
  folder: 'Enter open folder  Backspace up  . choose this folder  Esc back',
  filter: 'type globs  ↑↓/Tab field  Space/←→ toggle  Enter list files  Esc back',
  walking: 'Esc stop listing',
  volume: '↑↓ move  Enter choose (read-write only)  Esc back',
  options: 'type the prefix  ↑↓/Tab field  Space/←→ toggle  Enter preview  Esc back',
  preview: '↑↓ PgUp/PgDn scroll  y start the exports  Esc back',
  submitting: 'Esc stop after the current batch',
  done: 'any key: close',
};

const VIEWS: Record<Step, (props: StepProps) => ReactNode> = {
  project: ProjectStep,
  folder: FolderStep,
  filter: FilterStep,
  walking: WalkStep,
  volume: VolumeStep,
  options: OptionsStep,
  preview: PreviewStep,
  submitting: SubmitStep,
  done: SubmitStep,
};

/** Lines around the step's body: title, notice, hints. */
const CHROME = 3;

export function ExportFlow(props: ExportFlowProps) {
  const [state, dispatch] = useReducer(flowReducer, initialState());
  const watched = props.watchedJobs ?? [];
  const rows = Math.max(3, props.height - CHROME);
  const { stopSubmit } = useFlowEffects(state, props.ports, props.onSubmitted, dispatch);
  useFlowInput({
    state,
    dispatch,
    watched,
    pageRows: Math.max(1, rows - 3),
    onClose: props.onClose,
    stopSubmit,
    isActive: props.isActive,
  });
  const View = VIEWS[state.step];
  return (
    <Box flexDirection="column" width={props.width} height={props.height} overflow="hidden">
      <Text wrap="truncate-end" bold color={toneColor('accent')}>
        Export to a volume · {STEP_TITLES[state.step]}
      </Text>
      <Box flexDirection="column" height={rows} overflow="hidden">
        <View state={state} rows={rows} width={props.width} />
      </Box>
      <Text wrap="truncate-end" color={toneColor('warn')}>
        {state.notice ?? ' '}
      </Text>
      <Text wrap="truncate-end" color={toneColor('muted')}>
        {HINTS[state.step]}
      </Text>
    </Box>
  );
}

// The export flow (`e`) as the App mounts it: the flow's ports on the primary platform, the watched jobs
// there (files they exported or are exporting are not sent again), and the save after every bulk call,
// which the flow awaits before the next call — so an interrupted run resumes without sending a file twice.
import { type ReactNode, useMemo } from 'react';
import type { ExportJob } from '../../platform/types.js';
import type { Snapshot } from '../../store/types.js';
import { ExportFlow, watchedJobsOf } from '../export-flow/ExportFlow.js';
import type { AppServices, WatchListPort } from '../ports.js';
import type { UiAction, UiState } from '../state.js';

/** What the flow needs of the App's props. */
export interface ExportFlowApp {
  store: WatchListPort;
  services: AppServices;
  /** Where the flow exports from (the narrowed or default platform); '' or none: the primary client. */
  primaryEndpoint?: string;
  now?: () => number;
}

export function useExportFlow(
  m: ExportFlowApp,
  ui: UiState,
  dispatch: (action: UiAction) => void,
  width: number,
  height: number,
): ReactNode {
  const open = ui.modal?.kind === 'export';
  const { services, primaryEndpoint } = m;
  // Made once per opening: a new ports object would restart the flow's listings.
  const ports = useMemo(
    () => (open ? services.exportPorts?.(primaryEndpoint || undefined) : undefined),
    [open, services, primaryEndpoint],
  );
  // Once per change of the list, not per frame of the flow: with 100,000 jobs this reads their summaries.
  const entries = open ? m.store.entries() : undefined;
  const watched = useMemo(
    () => (entries && ports ? watchedJobsOf(entries, ports.endpoint) : []),
    [entries, ports],
  );
  if (!open || !ports) return undefined;
  const close = () => dispatch({ type: 'modal', modal: null });
  const save = (jobs: ExportJob[], endpoint: string) => {
    const fetchedAt = new Date((m.now ?? Date.now)()).toISOString();
    const snapshots = new Map<string, Snapshot>(
      jobs.map((job) => [job.id, { status: 'ok', job, fetchedAt }]),
    );
    m.store.add(
      jobs.map((j) => j.id),
      { endpoint, snapshots },
    );
  };
  return (
    <ExportFlow
      ports={ports}
      watchedJobs={watched}
      width={width}
      height={height}
      onSubmitted={save}
      onClose={close}
    />
  );
}

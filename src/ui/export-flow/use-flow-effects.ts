// The flow's I/O: listings, the walk and the submission, each an effect keyed on the state that asks for it
// and aborted when that state is left (Esc during a walk) or the flow unmounts.
import { type Dispatch, type RefObject, useEffect, useRef } from 'react';
import type { ExportJob } from '../../platform/types.js';
import { isWritable } from '../../platform/volumes.js';
import { findCreated } from '../../transfer/recover.js';
import { type SubmitResult, submitInBatches } from '../../transfer/submit.js';
import { walkFolder } from '../../transfer/walk.js';
import { errorText } from '../../values.js';
import type { ExportFlowPorts, OnSubmitted, ProjectChoice, VolumeChoice } from './ports.js';
import type { FlowAction } from './reducer.js';
import { createdJobs, currentFolder, type FlowState, globList } from './state.js';

/** Items per dispatch: a live count without a render per item. */
const PAGE = 100;

type Sink<T> = (items: T[], end?: { done?: boolean; error?: string }) => void;

async function stream<S, T>(source: AsyncIterable<S>, map: (s: S) => T, signal: AbortSignal, sink: Sink<T>) {
  let page: T[] = [];
  try {
    for await (const item of source) {
      if (signal.aborted) return;
      page.push(map(item));
      if (page.length >= PAGE) {
        sink(page);
        page = [];
      }
    }
    if (!signal.aborted) sink(page, { done: true });
  } catch (err) {
    if (!signal.aborted) sink(page, { error: errorText(err) });
  }
}

const toProject = (p: { id: string; name: string }): ProjectChoice => ({ id: p.id, name: p.name });
const toVolume = (v: Parameters<typeof isWritable>[0]): VolumeChoice => ({
  id: v.id,
  name: v.name,
  writable: isWritable(v),
  accessMode: v.access_mode,
});

function useCatalog(portsRef: RefObject<ExportFlowPorts>, dispatch: Dispatch<FlowAction>): void {
  useEffect(() => {
    const ports = portsRef.current;
    const ac = new AbortController();
    void stream(ports.listProjects(ac.signal), toProject, ac.signal, (items, end) =>
      dispatch({ type: 'projects', items, ...end }),
    );
    void stream(ports.listVolumes(ac.signal), toVolume, ac.signal, (items, end) =>
      dispatch({ type: 'volumes', items, ...end }),
    );
    return () => ac.abort();
  }, [portsRef, dispatch]);
}

function useFolderListing(
  state: RefObject<FlowState>,
  folderId: number,
  portsRef: RefObject<ExportFlowPorts>,
  dispatch: Dispatch<FlowAction>,
) {
  useEffect(() => {
    const ports = portsRef.current;
    const here = currentFolder(state.current);
    if (!here || folderId === 0) return;
    const ac = new AbortController();
    void stream(
      ports.listFolder(here.ref, ac.signal),
      (i) => i,
      ac.signal,
      (items, end) => dispatch({ type: 'folder', id: folderId, items, ...end }),
    );
    return () => ac.abort();
  }, [state, folderId, portsRef, dispatch]);
}

function useWalk(
  state: RefObject<FlowState>,
  walking: number,
  portsRef: RefObject<ExportFlowPorts>,
  dispatch: Dispatch<FlowAction>,
) {
  useEffect(() => {
    const ports = portsRef.current;
    const s = state.current;
    const here = currentFolder(s);
    if (walking === 0 || !here) return;
    const ac = new AbortController();
    walkFolder(
      ports,
      { ref: here.ref, path: here.path },
      {
        include: globList(s.glob),
        recursive: s.recursive,
        signal: ac.signal,
        onProgress: (progress) => dispatch({ type: 'walkProgress', progress }),
      },
    ).then(
      (result) => dispatch({ type: 'walkDone', result }),
      (err: unknown) => {
        if (!ac.signal.aborted) dispatch({ type: 'walkFailed', error: errorText(err) });
      },
    );
    return () => ac.abort();
  }, [state, walking, portsRef, dispatch]);
}

/**
 * After a stop that may have left jobs unknown (the call was sent, its answer lost), the volume's job list
 * says which of that call's exports started: they are handed over like any other batch, never sent again.
 */
async function recoverUncertain(
  result: SubmitResult,
  ports: ExportFlowPorts,
  onSubmitted: OnSubmitted,
  signal: AbortSignal,
): Promise<number | undefined> {
  if (!result.stopped?.uncertain || result.uncertainItems.length === 0) return undefined;
  try {
    const jobs = await findCreated(result.uncertainItems, ports, signal);
    if (jobs.length > 0) await onSubmitted(jobs, ports.endpoint);
    return jobs.length;
  } catch {
    return undefined;
  }
}

function useSubmit(
  state: RefObject<FlowState>,
  submitting: boolean,
  portsRef: RefObject<ExportFlowPorts>,
  onSubmitted: RefObject<OnSubmitted>,
  dispatch: Dispatch<FlowAction>,
): RefObject<AbortController | undefined> {
  const control = useRef<AbortController | undefined>(undefined);
  useEffect(() => {
    const ports = portsRef.current;
    const plan = state.current.plan;
    if (!submitting || !plan) return;
    // `run` stops on Esc; `life` only when the flow unmounts (the look for lost jobs outlives an Esc).
    const run = new AbortController();
    const life = new AbortController();
    control.current = run;
    const save = (jobs: ExportJob[], endpoint: string) => onSubmitted.current(jobs, endpoint);
    void submitInBatches(
      plan.items.map((i) => i.body),
      ports,
      {
        copyOnly: plan.copy,
        budget: ports.budget,
        signal: run.signal,
        onBatch: async (results, progress) => {
          dispatch({ type: 'batch', results, submitted: progress.submitted, total: progress.total });
          const jobs = createdJobs(results);
          if (jobs.length > 0) await save(jobs, ports.endpoint);
        },
      },
    ).then(async (result) => {
      const recovered = await recoverUncertain(result, ports, save, life.signal);
      if (!life.signal.aborted) dispatch({ type: 'submitDone', stopped: result.stopped, recovered });
    });
    return () => {
      run.abort();
      life.abort();
    };
  }, [state, submitting, portsRef, onSubmitted, dispatch]);
  return control;
}

/** Runs the flow's I/O; returns what Esc calls to stop a submission between batches. */
export function useFlowEffects(
  state: FlowState,
  ports: ExportFlowPorts,
  onSubmitted: OnSubmitted,
  dispatch: Dispatch<FlowAction>,
): { stopSubmit: () => void } {
  const latest = useRef(state);
  latest.current = state;
  const submitted = useRef(onSubmitted);
  submitted.current = onSubmitted;
  // Read when an effect starts, never a reason to restart one: a new ports object from a re-rendering App
  // must not abort (and so re-send) a submission in flight.
  const portsRef = useRef(ports);
  portsRef.current = ports;
  useCatalog(portsRef, dispatch);
  useFolderListing(latest, state.folderId, portsRef, dispatch);
  useWalk(latest, state.step === 'walking' ? state.walkId : 0, portsRef, dispatch);
  const control = useSubmit(latest, state.step === 'submitting', portsRef, submitted, dispatch);
  return { stopSubmit: () => control.current?.abort() };
}

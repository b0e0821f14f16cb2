import { type ApiErrorBody, type ExportJob, isFinalState, type StartExportBody } from '../platform/types.js';
import { errorBody, isoSeconds, newExportId } from './reply.js';
import type { SimJob, StartRecord } from './types.js';

interface Entry {
  base: ExportJob;
  /** Absolute ms; undefined = no timeline. */
  runningAt?: number;
  finishAt?: number;
  finalState: string;
  finalError?: ApiErrorBody;
}

export interface Timeline {
  runningAfterMs: number;
  finishAfterMs: number;
}

/**
 * Every export job the simulator knows and its state over time. State is derived from the clock on demand:
 * 10,000 jobs cost nothing until asked for.
 */
const placeKey = (volume: string, location: string) => `${volume}\n${location}`;

export class JobBook {
  private readonly entries = new Map<string, Entry>();
  private readonly starts = new Map<string, StartRecord>();
  /** Job IDs by destination (volume + location): a start checks its location without viewing every job. */
  private readonly byPlace = new Map<string, string[]>();
  /** Set once the server knows its port: hrefs point at it. */
  baseUrl = '';

  constructor(
    readonly now: () => number,
    readonly startMs: number,
    private readonly startTimeline: Timeline,
  ) {}

  add(jobs: SimJob[]): void {
    for (const sim of jobs) {
      const hasTimeline = sim.runningAfterMs !== undefined || sim.finishAfterMs !== undefined;
      this.index(sim.job);
      this.entries.set(sim.job.id, {
        base: { ...sim.job },
        runningAt: hasTimeline ? this.startMs + (sim.runningAfterMs ?? 0) : undefined,
        finishAt:
          hasTimeline && sim.finishAfterMs !== undefined ? this.startMs + sim.finishAfterMs : undefined,
        finalState: sim.finalState ?? 'COMPLETED',
        finalError: sim.finalError,
      });
    }
  }

  private index(job: ExportJob): void {
    const { volume, location } = job.destination ?? {};
    if (volume === undefined || location === undefined) return;
    const key = placeKey(String(volume), String(location));
    const ids = this.byPlace.get(key);
    if (ids) ids.push(job.id);
    else this.byPlace.set(key, [job.id]);
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** The job as a GET answers it at `at`. */
  job(id: string, at = this.now()): ExportJob | undefined {
    const entry = this.entries.get(id);
    return entry ? this.view(entry, at) : undefined;
  }

  /** Every job at `at`, optionally only those whose destination volume is `volume` (checked before viewing). */
  *jobs(at: number, volume?: string): Generator<ExportJob> {
    for (const entry of this.entries.values()) {
      if (volume !== undefined && entry.base.destination?.volume !== volume) continue;
      yield this.view(entry, at);
    }
  }

  started(id: string): StartRecord | undefined {
    return this.starts.get(id);
  }

  /** A new PENDING job on the start timeline. */
  create(req: StartExportBody, record: StartRecord, at: number): ExportJob {
    const id = newExportId();
    const base: ExportJob = {
      id,
      state: 'PENDING',
      source: { file: req.source.file },
      destination: { volume: req.destination.volume, location: req.destination.location },
      properties: req.properties ?? {},
      overwrite: req.overwrite ?? false,
    };
    const entry: Entry = {
      base,
      runningAt: at + this.startTimeline.runningAfterMs,
      finishAt: at + this.startTimeline.finishAfterMs,
      finalState: 'COMPLETED',
    };
    this.entries.set(id, entry);
    this.index(base);
    this.starts.set(id, record);
    return this.view(entry, at);
  }

  /** A job already put a file at this location (COMPLETED there, or FAILED 9107 there: proof one sat there). */
  locationTaken(volume: string, location: string, at: number): boolean {
    for (const id of this.byPlace.get(placeKey(volume, location)) ?? []) {
      const job = this.job(id, at);
      if (!job) continue;
      if (job.state === 'COMPLETED' || (job.state === 'FAILED' && job.error?.code === 9107)) return true;
    }
    return false;
  }

  /** Override a job's state from now on (drops its timeline). A final state stamps finished_on. */
  setState(id: string, state: string, error?: ApiErrorBody): void {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`simulator: no job ${id}`);
    const at = this.now();
    const base: ExportJob = { ...this.view(entry, at), state };
    if (state === 'PENDING') {
      delete base.started_on;
      delete base.finished_on;
    } else {
      base.started_on ??= isoSeconds(at);
      if (isFinalState(state)) base.finished_on ??= isoSeconds(at);
      else delete base.finished_on;
    }
    if (error) base.error = error;
    else if (state !== 'FAILED') delete base.error;
    this.entries.set(id, { base, finalState: state });
  }

  private view(entry: Entry, at: number): ExportJob {
    const job: ExportJob = { ...entry.base, href: `${this.baseUrl}/storage/exports/${entry.base.id}` };
    if (entry.runningAt === undefined) return job;
    delete job.started_on;
    delete job.finished_on;
    delete job.error;
    if (at < entry.runningAt) {
      job.state = 'PENDING';
    } else if (entry.finishAt === undefined || at < entry.finishAt) {
      job.state = 'RUNNING';
      job.started_on = isoSeconds(entry.runningAt);
    } else {
      job.state = entry.finalState;
      job.started_on = isoSeconds(entry.runningAt);
      job.finished_on = isoSeconds(entry.finishAt);
      if (entry.finalState === 'FAILED') {
        job.error = entry.finalError ?? errorBody(409, 9107, 'Location on volume already contains a file.');
      }
    }
    return reorder(job);
  }
}

/** Keep the API's key order (state right after id) so printed JSON looks like the docs. */
function reorder(job: ExportJob): ExportJob {
  const { href, id, state, error, ...rest } = job;
  return error === undefined ? { href, id, state, ...rest } : { href, id, state, error, ...rest };
}

// What the App hands the flow as `watchedJobs`: the watch list's last-known jobs on the flow's platform.
import type { ExportJob } from '../../platform/types.js';

/** The shape of a WatchEntry this needs (structural, so it reads entries with or without `endpoint`). */
export interface WatchedEntryView {
  endpoint?: string;
  snapshot?: { job?: ExportJob };
}

/**
 * Jobs of `endpoint` whose snapshot names a job. An entry with no endpoint (a file from before issue 12 that
 * the store did not upgrade) counts as this platform's: a file left out wrongly is cheaper than one sent twice.
 */
export function watchedJobsOf(entries: readonly WatchedEntryView[], endpoint: string): ExportJob[] {
  return entries.flatMap((e) => {
    const job = e.snapshot?.job;
    return job && (e.endpoint === undefined || e.endpoint === endpoint) ? [job] : [];
  });
}

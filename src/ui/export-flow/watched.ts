// What the export flow and the restart of FAILED jobs are told of the watch list: each watched job's ID,
// state, source file and destination, to skip what was exported already. Made from the store's summaries,
// never its full snapshots: asking for 100,000 snapshots would read and keep 100,000 JSON documents.
import type { ExportJob } from '../../platform/types.js';
import { summaryOf } from '../../store/summary.js';
import type { WatchEntry } from '../../store/types.js';

/** The shape of a WatchEntry this needs (structural, so it reads entries with or without `endpoint`). */
export type WatchedEntryView = Pick<WatchEntry, 'id' | 'snapshot'> & { endpoint?: string };

/**
 * The jobs of `endpoint` the list knows the state of, as far as their summaries tell (ID, state, source file,
 * destination). An entry with no endpoint (a file from before issue 12 that the store did not upgrade) counts
 * as this platform's: a file left out wrongly is cheaper than one sent twice. No endpoint: every platform's.
 */
export function watchedJobsOf(entries: readonly WatchedEntryView[], endpoint?: string): ExportJob[] {
  const jobs: ExportJob[] = [];
  for (const e of entries) {
    if (endpoint !== undefined && e.endpoint !== undefined && e.endpoint !== endpoint) continue;
    const s = summaryOf(e as WatchEntry);
    if (s?.status !== 'ok') continue;
    jobs.push({
      id: e.id,
      // A job the API sent without a state counts as still running: its file is not sent again.
      state: s.state ?? '',
      source: { file: s.file },
      destination: { volume: s.volume, location: s.location },
    });
  }
  return jobs;
}

// The side effects the UI triggers, wired to the API client and the terminal. The TUI and the UI tests
// both build them here, so the tests run the code the app runs.
import type { SbClient } from './platform/client.js';
import { listExports, startExport } from './platform/exports.js';
import type { ExportJob } from './platform/types.js';
import type { AppServices } from './ui/ports.js';
import { BELL, osc52 } from './ui/terminal.js';

/** Where the clipboard sequence and the bell go: the real terminal, or a test's recorder. */
export interface TerminalOut {
  write(text: string): unknown;
}

export function createServices(client: SbClient, stdout: TerminalOut): AppServices {
  return {
    copy: (text) => stdout.write(osc52(text)),
    bell: () => stdout.write(BELL),
    // The signal reaches every page request: Esc during an import stops the download itself.
    listJobs: async (query, signal) => {
      const jobs: ExportJob[] = [];
      for await (const job of listExports(client, { volume: query.volume, states: query.states, signal }))
        jobs.push(job);
      return jobs;
    },
    retryExport: (job, choice) =>
      startExport(client, {
        source: { file: String(job.source?.file ?? '') },
        destination: { volume: String(job.destination?.volume ?? ''), location: choice.location },
        overwrite: choice.overwrite,
        properties: job.properties,
      }),
  };
}

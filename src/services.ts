// The side effects the UI triggers, wired to the API client and the terminal. The TUI and the UI tests
// both build them here, so the tests run the code the app runs.
import type { SbClient } from './platform/client.js';
import { listExports, startExport } from './platform/exports.js';
import type { ExportJob } from './platform/types.js';
import { exportFlowPorts } from './ui/export-flow/wire.js';
import type { AppServices } from './ui/ports.js';
import { BELL, osc52 } from './ui/terminal.js';

/** Where the clipboard sequence and the bell go: the real terminal, or a test's recorder. */
export interface TerminalOut {
  write(text: string): unknown;
}

/**
 * The client of a platform by endpoint (undefined: the primary one); throws when there is no token for it.
 * One client serves a single-platform app and the tests.
 */
export type ClientFor = (endpoint?: string) => SbClient;

export function createServices(clients: SbClient | ClientFor, stdout: TerminalOut): AppServices {
  const clientFor: ClientFor = typeof clients === 'function' ? clients : () => clients;
  return {
    copy: (text) => stdout.write(osc52(text)),
    bell: () => stdout.write(BELL),
    exportPorts: (endpoint) => exportFlowPorts(clientFor(endpoint)),
    // The signal reaches every page request: Esc during an import stops the download itself.
    listJobs: async (query, signal, endpoint) => {
      const client = clientFor(endpoint);
      const jobs: ExportJob[] = [];
      for await (const job of listExports(client, { volume: query.volume, states: query.states, signal }))
        jobs.push(job);
      return jobs;
    },
    retryExport: async (job, choice, endpoint) =>
      startExport(clientFor(endpoint), {
        source: { file: String(job.source?.file ?? '') },
        destination: { volume: String(job.destination?.volume ?? ''), location: choice.location },
        overwrite: choice.overwrite,
        properties: job.properties,
      }),
  };
}

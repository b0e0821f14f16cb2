// The side effects the UI triggers, wired to the API client and the terminal. The TUI and the UI tests
// both build them here, so the tests run the code the app runs.
import type { SbClient } from './platform/client.js';
import { listExports } from './platform/exports.js';
import type { ExportJob } from './platform/types.js';
import { budgetWaiter, realClock } from './transfer/budget-wait.js';
import { platformPorts } from './transfer/platform-ports.js';
import type { Clock } from './transfer/ports.js';
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

/** `clock` times the waits for the rate budget (tests: a fake one). */
export function createServices(
  clients: SbClient | ClientFor,
  stdout: TerminalOut,
  clock: Clock = realClock,
): AppServices {
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
    // Restarts go through bulk create, like the export flow and `retry`: copy_only is set per call.
    restartPorts: (endpoint) => {
      const ports = platformPorts(clientFor(endpoint));
      return { port: ports, budget: budgetWaiter(ports, clock) };
    },
  };
}

// What the UI needs from the layers below it, as narrow interfaces: the UI
// never imports undici or the poller's internals, and tests can hand it the
// real store and poller wired to the simulator.
import type { ExportJob } from '../platform/types.js';
import type { Snapshot, WatchEntry } from '../store/types.js';
import type { BudgetWait } from '../transfer/budget-wait.js';
import type { BulkCreatePort } from '../transfer/ports.js';
import type { ExportFlowPorts } from './export-flow/ports.js';

export interface WatchListPort {
  entries(): readonly WatchEntry[];
  entry?(id: string): WatchEntry | undefined;
  /** The watched IDs in the order added; the same array until jobs are added or removed. */
  ids(): readonly string[];
  has(id: string): boolean;
  /** Increments on every change: the UI re-reads only when it moves. */
  readonly version: number;
  subscribe(listener: () => void): () => void;
  add(
    ids: string[],
    opts?: {
      after?: string;
      /** Per new ID, the ID to put it right under (a bulk restart, in one write). */
      placements?: ReadonlyMap<string, string>;
      snapshots?: ReadonlyMap<string, Snapshot>;
      endpoint?: string;
    },
  ): { added: string[]; alreadyWatched: string[] };
  remove(ids: string[]): string[];
  putSnapshots(snapshots: ReadonlyMap<string, Snapshot>): void;
  /** Problems met reading the file (at start or when another process changed it): shown as they appear. */
  readonly warnings: readonly string[];
  /** A background write that failed (disk full, permissions): shown, never thrown at the UI. */
  readonly lastError?: string;
}

export interface PollerStatusView {
  lastSuccessAt?: number;
  inFlight: boolean;
  stale: boolean;
  rateLimit?: { limit: number; remaining: number; resetAt: number };
  banner?: { kind: string; message: string; until?: number };
  flash?: { message: string; at: number; level: 'error' | 'info' };
  /** Polling paused (a rejected token) until a refresh. */
  paused?: boolean;
  /** A first pass spanning rate windows: how many never-fetched jobs have been fetched so far. */
  learning?: { done: number; total: number };
  /** With several platforms: each one's own status (the fields above then combine them). */
  platforms?: readonly PlatformStatus[];
}

export interface PlatformStatus {
  name: string;
  endpoint: string;
  status: PollerStatusView;
}

/** One platform's poller: its jobs only, its own token, budget, back-off and banners. */
export interface PlatformPoller {
  /** Short name for people: `bdc`, `cgc`, a profile name, host:port. */
  name: string;
  /** Normalised API base URL, as PlatformsView.endpointOf gives it. */
  endpoint: string;
  poller: PollerPort;
}

/** Where each job lives, and where new ones go (src/platforms' Platforms fits it). */
export interface PlatformsView {
  /** The job's stored endpoint, else its snapshot's href host, else the default platform. */
  endpointOf(entry: WatchEntry & { endpoint?: string }): string;
  shortName(endpoint: string): string;
}

export interface PollerPort {
  status(): PollerStatusView;
  subscribe(listener: (status: PollerStatusView) => void): () => void;
  /** Poll now; `ids` are requested even when final (the user asked for them). */
  refreshNow(ids?: string[]): void;
}

export interface ImportQuery {
  volume?: string;
  states?: string[];
}

/** Side effects the UI triggers; the CLI wires them to the API client and the terminal. */
export interface AppServices {
  /**
   * Bulk create on a job's platform (`endpoint`; default: the primary one), and its rate budget: what `R`
   * restarts FAILED jobs with (transfer/restart-plan.ts + submitInBatches).
   */
  restartPorts?(endpoint?: string): { port: BulkCreatePort; budget?: BudgetWait };
  /** The platform's own job list (GET /storage/exports, all pages); `endpoint` default: the primary one. */
  listJobs?(query: ImportQuery, signal?: AbortSignal, endpoint?: string): Promise<ExportJob[]>;
  /** The export flow's view of a platform (`endpoint` default: the primary one); throws without a token. */
  exportPorts?(endpoint?: string): ExportFlowPorts;
  /** Puts text on the clipboard (OSC 52, so it works over SSH). */
  copy(text: string): void;
  bell(): void;
}

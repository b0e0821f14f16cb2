// What the export flow needs from the platform, as narrow interfaces: the flow never sees the HTTP client.
// The transfer layer's platformPorts(client) provides all but `endpoint` and `budget` (see wire.ts).
import type { ExportJob } from '../../platform/types.js';
import type { BudgetWait } from '../../transfer/budget-wait.js';
import type { BulkCreatePort, CatalogPort, ExportListPort, FolderPort } from '../../transfer/ports.js';

export interface ProjectChoice {
  id: string;
  name: string;
}

export interface VolumeChoice {
  /** owner/volume */
  id: string;
  name?: string;
  /** Only read-write, active volumes take exports; the others are listed but cannot be chosen. */
  writable: boolean;
  accessMode?: string;
}

/** ExportListPort: after a call whose answer was lost, the volume's jobs say which of its exports started. */
export interface ExportFlowPorts extends FolderPort, BulkCreatePort, CatalogPort, ExportListPort {
  /** The platform's normalised API base URL: every job the flow starts is stored with it. */
  readonly endpoint: string;
  /** Waits until the next bulk call fits the rate budget; none = send at once. */
  budget?: BudgetWait;
}

/** Handed to the App after every bulk call, before the next one: it saves them to the watch list. */
export type OnSubmitted = (jobs: ExportJob[], endpoint: string) => void | Promise<void>;

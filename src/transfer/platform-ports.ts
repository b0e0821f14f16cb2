import { bulkCreateExports } from '../platform/bulk-create.js';
import type { SbClient } from '../platform/client.js';
import { listExports } from '../platform/exports.js';
import { listFolder } from '../platform/files.js';
import { listProjects } from '../platform/projects.js';
import { listVolumes } from '../platform/volumes.js';
import type { BulkCreatePort, CatalogPort, ExportListPort, FolderPort, RateLimitSource } from './ports.js';

export type PlatformPorts = FolderPort & BulkCreatePort & RateLimitSource & ExportListPort & CatalogPort;

/** Every transfer port on one platform's client: what the export and restart flows run on outside tests. */
export function platformPorts(client: SbClient): PlatformPorts {
  return {
    listFolder: (where, signal) => listFolder(client, where, { signal }),
    bulkCreate: (items, opts) => bulkCreateExports(client, items, opts),
    rateLimit: () => client.rateLimit,
    listExports: (volume, signal) => listExports(client, { volume, signal }),
    listProjects: (signal) => listProjects(client, { signal }),
    listVolumes: (signal) => listVolumes(client, { signal }),
  };
}

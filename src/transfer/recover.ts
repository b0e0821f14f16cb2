import type { ExportJob, StartExportBody } from '../platform/types.js';
import { exportKey } from './locations.js';
import type { ExportListPort } from './ports.js';

/**
 * After a stop marked `uncertain` (a bulk call timed out or its connection broke), the platform may have
 * created jobs we never saw. This lists the exports of the destination volumes and returns the jobs that
 * match `items` (same file, volume and location), so the caller can watch them and a resumed plan skips those
 * files. The listing stops as soon as every item is accounted for; on a volume with many exports it costs one
 * request per 100 jobs, so it is worth it only for the few hundred uncertain items.
 */
export async function findCreated(
  items: readonly StartExportBody[],
  port: ExportListPort,
  signal?: AbortSignal,
): Promise<ExportJob[]> {
  const wanted = new Set(
    items.map((i) => exportKey(i.source.file, i.destination.volume, i.destination.location)),
  );
  const volumes = [...new Set(items.map((i) => i.destination.volume))];
  const found = new Map<string, ExportJob>();
  let settled = 0;
  for (const volume of volumes) {
    for await (const job of port.listExports(volume, signal)) {
      const file = job.source?.file;
      const location = job.destination?.location;
      if (typeof file !== 'string' || typeof location !== 'string') continue;
      const key = exportKey(file, job.destination?.volume ?? volume, location);
      if (!wanted.has(key)) continue;
      // A live or COMPLETED job is the one that stops a re-send; a FAILED one is kept only while none is known.
      const known = found.get(key);
      if (known && known.state !== 'FAILED') continue;
      if (job.state !== 'FAILED') settled++;
      found.set(key, job);
      if (settled === wanted.size) return [...found.values()];
    }
  }
  return [...found.values()];
}

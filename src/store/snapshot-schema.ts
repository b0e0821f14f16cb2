// What a saved snapshot must look like: the zod schema (the definition, loaded on first use) and the fast
// check in front of it that nearly every snapshot takes.

import { createRequire } from 'node:module';
import { isRecord } from '../values.js';
import { SNAPSHOT_STATUSES, type Snapshot } from './types.js';

// ISO-8601 UTC or with an offset, as the API and toISOString() write it. A regex, not Date.parse: it runs
// twice per entry on every load.
export const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
export const isIsoTime = (s: string) => ISO_TIME.test(s);

// zod is needed only for the odd snapshot that fails the fast check below, so it is loaded then, with a
// synchronous require: imported statically it is 730 KB of the bundle, ~35 ms of every launch.
const requireLazily = createRequire(import.meta.url);

function makeSnapshotSchema() {
  const { z: zod } = requireLazily('zod') as typeof import('zod');
  return zod
    .object({
      status: zod.enum(SNAPSHOT_STATUSES),
      // Jobs and error bodies keep unknown keys: the detail pane shows fields the API adds later.
      job: zod.looseObject({ id: zod.string(), state: zod.string() }).optional(),
      error: zod.looseObject({}).optional(),
      fetchedAt: zod.string().regex(ISO_TIME, 'not an ISO time'),
      goneAt: zod.string().regex(ISO_TIME, 'not an ISO time').optional(),
    })
    .refine((s) => s.status !== 'ok' || s.job !== undefined, 'status "ok" without a job');
}

let schema: ReturnType<typeof makeSnapshotSchema> | undefined;

/** What a saved snapshot must look like: the definition of a valid snapshot (zod, loaded on first call). */
export function snapshotSchema(): ReturnType<typeof makeSnapshotSchema> {
  schema ??= makeSnapshotSchema();
  return schema;
}

const STATUS_SET: ReadonlySet<unknown> = new Set(SNAPSHOT_STATUSES);

/**
 * A fast path in front of snapshotSchema, accepting only what the schema accepts (a test checks this).
 * Zod spends ~60 ms on 10,000 snapshots in a cold process, more than the whole start-up budget; nearly
 * every saved snapshot is well-formed, so zod runs only on the odd ones, to accept or explain them.
 */
export function isWellFormedSnapshot(value: unknown): value is Snapshot {
  if (!isRecord(value)) return false;
  const { status, job, error, fetchedAt, goneAt } = value;
  if (!STATUS_SET.has(status) || typeof fetchedAt !== 'string' || !isIsoTime(fetchedAt)) return false;
  if (goneAt !== undefined && (typeof goneAt !== 'string' || !isIsoTime(goneAt))) return false;
  if (job === undefined) {
    if (status === 'ok') return false;
  } else if (!isRecord(job) || typeof job.id !== 'string' || typeof job.state !== 'string') {
    return false;
  }
  return error === undefined || isRecord(error);
}

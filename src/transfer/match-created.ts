import type { ApiErrorBody, ExportJob, StartExportBody } from '../platform/types.js';
import type { BulkCreateReplyItem } from './ports.js';

/** What became of one requested export: `index` is its place in the caller's input list. */
export type ItemResult =
  | { index: number; item: StartExportBody; job: ExportJob }
  | { index: number; item: StartExportBody; error: ApiErrorBody };

export const NO_REPLY_ITEM: ApiErrorBody = { message: 'The bulk reply had no item for this export' };

/** A created job fits a request when the fields it reports (source file, destination) agree with it. */
function fits(job: ExportJob, item: StartExportBody): boolean {
  const file = job.source?.file;
  if (file !== undefined && file !== item.source.file) return false;
  const { volume, location } = job.destination ?? {};
  if (volume !== undefined && volume !== item.destination.volume) return false;
  return location === undefined || location === item.destination.location;
}

/**
 * Maps one bulk create reply back to its request. The reply is assumed to keep request order (the Perl client
 * does) but that is unconfirmed, so each resource is checked against its request; when one does not fit, the
 * resources are matched by what they report instead, and the errors (which name nothing) go to the requests
 * left over, in order. A request with no reply item at all gets NO_REPLY_ITEM.
 */
export function matchCreated(
  batch: readonly StartExportBody[],
  reply: readonly BulkCreateReplyItem[],
  firstIndex: number,
): ItemResult[] {
  const result = (i: number, outcome: { job: ExportJob } | { error: ApiErrorBody }): ItemResult => {
    const item = batch[i]!;
    return 'job' in outcome
      ? { index: firstIndex + i, item, job: outcome.job }
      : { index: firstIndex + i, item, error: outcome.error };
  };
  const inOrder =
    reply.length === batch.length && reply.every((r, i) => !('resource' in r) || fits(r.resource, batch[i]!));
  if (inOrder) {
    return reply.map((r, i) => result(i, 'resource' in r ? { job: r.resource } : { error: r.error }));
  }
  const byIndex = new Map<number, ItemResult>();
  const errors: ApiErrorBody[] = [];
  for (const r of reply) {
    if (!('resource' in r)) {
      errors.push(r.error);
      continue;
    }
    const at = batch.findIndex((item, i) => !byIndex.has(i) && fits(r.resource, item));
    if (at !== -1) byIndex.set(at, result(at, { job: r.resource }));
  }
  batch.forEach((_, i) => {
    if (!byIndex.has(i)) byIndex.set(i, result(i, { error: errors.shift() ?? NO_REPLY_ITEM }));
  });
  return batch.map((_, i) => byIndex.get(i)!);
}

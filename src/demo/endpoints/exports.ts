import { BULK_LIMIT } from '../../platform/exports.js';
import type { ExportJob } from '../../platform/types.js';
import { isRecord } from '../../values.js';
import { pageReply, readPage } from '../pages.js';
import { errorBody, errorReply, HttpReply } from '../reply.js';
import { countId, type SimRequest, type World } from '../world.js';

const NOT_FOUND_CODE = 9008;

/** GET /storage/exports/{id} */
export function getExportReply(world: World, req: SimRequest, id: string): HttpReply {
  world.stats.singleGets++;
  countId(world.stats, id);
  const injected = world.faults.itemErrors?.[id];
  if (injected) return new HttpReply(injected.status ?? 403, injected);
  const job = world.book.job(id, req.at);
  if (!job) return errorReply(404, NOT_FOUND_CODE, 'Requested export job does not exist.');
  return new HttpReply(200, job);
}

/** POST /bulk/storage/exports/get */
export function bulkGetReply(world: World, req: SimRequest): HttpReply {
  const { body } = req;
  if (
    !isRecord(body) ||
    !Array.isArray(body.export_ids) ||
    !body.export_ids.every((x) => typeof x === 'string')
  ) {
    return errorReply(400, undefined, 'Body must be {"export_ids": [string, ...]}.');
  }
  const ids = body.export_ids as string[];
  if (ids.length > BULK_LIMIT) {
    return errorReply(400, undefined, `At most ${BULK_LIMIT} export IDs are allowed per request.`);
  }
  const { stats, faults, book } = world;
  stats.bulkGets++;
  stats.lastBulkIds = ids;
  const items = ids.map((id) => {
    countId(stats, id);
    const injected = faults.itemErrors?.[id];
    if (injected) return { error: injected };
    const job = book.job(id, req.at);
    // The real item message is unconfirmed; naming the ID lets a client tell error items apart however
    // the items are ordered (SB's single-GET message, "Requested export job does not exist.", does not).
    if (!job) return { error: errorBody(404, NOT_FOUND_CODE, `Requested export job ${id} does not exist.`) };
    return { resource: job };
  });
  if (faults.bulkOrder !== 'preserved') items.reverse();
  return new HttpReply(200, { items });
}

/** GET /storage/exports: volume and repeated state filters, fields trimming unless fields=_all. */
export function listExportsReply(world: World, req: SimRequest): HttpReply {
  const q = req.url.searchParams;
  const page = readPage(q);
  if (page instanceof HttpReply) return page;
  world.stats.lists++;
  const states = new Set(q.getAll('state'));
  const matching: ExportJob[] = [];
  for (const job of world.book.jobs(req.at, q.get('volume') ?? undefined)) {
    if (states.size === 0 || states.has(job.state)) matching.push(job);
  }
  const fields = q.get('fields');
  const keys = fields ? ['href', 'id', ...fields.split(',').map((f) => f.trim())] : ['href', 'id', 'state'];
  const pick = (job: ExportJob): Record<string, unknown> =>
    fields === '_all' ? job : Object.fromEntries(keys.filter((k) => k in job).map((k) => [k, job[k]]));
  return pageReply(world.book.baseUrl, req.url, page, matching, pick);
}

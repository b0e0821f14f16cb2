import { BULK_LIMIT } from '../../platform/exports.js';
import type { ApiErrorBody, ExportJob, StartExportBody } from '../../platform/types.js';
import { isRecord } from '../../values.js';
import { errorBody, errorReply, HttpReply } from '../reply.js';
import type { SimRequest, World } from '../world.js';

type Outcome = { job: ExportJob } | { error: ApiErrorBody };

/** copy_only=true keeps the project file; anything else moves it (the platform's default). */
function copyOnly(req: SimRequest): boolean {
  return req.url.searchParams.get('copy_only') === 'true';
}

/** One start, checked the way the platform refuses them: body, injected fault, volume/file, location. */
function startOne(world: World, item: unknown, req: SimRequest, via: 'single' | 'bulk'): Outcome {
  const problem = validateStart(item);
  if (problem) return { error: errorBody(400, undefined, problem) };
  const body = item as StartExportBody;
  const { file } = body.source;
  const { volume, location } = body.destination;
  const injected = world.faults.createErrors?.[file];
  if (injected) return { error: injected };
  const refused = world.catalog.refusal(file, volume);
  if (refused) return { error: refused };
  const taken =
    world.book.locationTaken(volume, location, req.at) || world.catalog.objectAt(volume, location);
  if (!body.overwrite && taken) {
    return {
      error: errorBody(409, 9107, 'Location on volume already contains a file. Check the documentation.'),
    };
  }
  const copy = copyOnly(req);
  const job = world.book.create(body, { copyOnly: copy, via }, req.at);
  if (!copy) world.catalog.moved(file, volume, location);
  return { job };
}

/** POST /storage/exports */
export function startReply(world: World, req: SimRequest): HttpReply {
  const problem = validateStart(req.body);
  if (problem) return errorReply(400, undefined, problem);
  world.stats.starts++;
  const outcome = startOne(world, req.body, req, 'single');
  if ('error' in outcome) return new HttpReply(outcome.error.status ?? 400, outcome.error);
  return new HttpReply(201, outcome.job);
}

/** POST /bulk/storage/exports/create: one item per request item, in request order. */
export function bulkCreateReply(world: World, req: SimRequest): HttpReply {
  const { body } = req;
  if (!isRecord(body) || !Array.isArray(body.items)) {
    return errorReply(400, undefined, 'Body must be {"items": [export, ...]}.');
  }
  if (body.items.length === 0) return errorReply(400, undefined, 'At least one export is required.');
  if (body.items.length > BULK_LIMIT) {
    return errorReply(400, undefined, `At most ${BULK_LIMIT} exports are allowed per request.`);
  }
  world.stats.bulkCreates++;
  world.stats.bulkCreateSizes.push(body.items.length);
  const items = body.items.map((item) => {
    const outcome = startOne(world, item, req, 'bulk');
    return 'job' in outcome ? { resource: outcome.job } : { error: outcome.error };
  });
  return new HttpReply(200, { items });
}

export function validateStart(body: unknown): string | undefined {
  if (!isRecord(body)) return 'Body must be a JSON object.';
  const { source, destination, overwrite, properties } = body;
  if (!isRecord(source) || typeof source.file !== 'string' || source.file === '') {
    return 'source.file is required.';
  }
  if (!isRecord(destination) || typeof destination.volume !== 'string' || destination.volume === '') {
    return 'destination.volume is required.';
  }
  if (typeof destination.location !== 'string' || destination.location === '') {
    return 'destination.location is required.';
  }
  if (overwrite !== undefined && typeof overwrite !== 'boolean') return 'overwrite must be a boolean.';
  if (properties !== undefined && properties !== null && !isRecord(properties)) {
    return 'properties must be an object.';
  }
  return undefined;
}

import { isRecord } from '../values.js';
import { fileReply, filesReply, projectsReply, volumesReply } from './endpoints/catalog.js';
import { bulkGetReply, getExportReply, listExportsReply } from './endpoints/exports.js';
import { bulkCreateReply, startReply } from './endpoints/start.js';
import { errorReply, HttpReply } from './reply.js';
import type { SimRequest, World } from './world.js';

type Handler = (world: World, req: SimRequest) => HttpReply;

/** Fixed paths → method → handler. */
const ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  '/storage/exports': { GET: listExportsReply, POST: startReply },
  '/bulk/storage/exports/get': { POST: bulkGetReply },
  '/bulk/storage/exports/create': { POST: bulkCreateReply },
  '/projects': { GET: projectsReply },
  '/files': { GET: filesReply },
  '/storage/volumes': { GET: volumesReply },
};

/** Paths that end in one ID: prefix → method → handler of that ID. */
const ID_ROUTES: [
  string,
  Partial<Record<string, (world: World, req: SimRequest, id: string) => HttpReply>>,
][] = [
  ['/storage/exports/', { GET: getExportReply }],
  ['/files/', { GET: (world, _req, id) => fileReply(world, id) }],
];

export function route(world: World, req: SimRequest): HttpReply {
  const reply = dispatch(world, req);
  if (!world.faults.omitPageLinks || !isRecord(reply.body) || !('links' in reply.body)) return reply;
  const { links: _links, ...body } = reply.body;
  return new HttpReply(reply.status, body, reply.headers);
}

function dispatch(world: World, req: SimRequest): HttpReply {
  const { method, path } = req;
  const fixed = ROUTES[path];
  if (fixed) return fixed[method]?.(world, req) ?? notAllowed(method, path);
  for (const [prefix, handlers] of ID_ROUTES) {
    if (!path.startsWith(prefix) || path.indexOf('/', prefix.length) !== -1) continue;
    const handler = handlers[method];
    return handler
      ? handler(world, req, decodeURIComponent(path.slice(prefix.length)))
      : notAllowed(method, path);
  }
  return errorReply(404, undefined, `No such endpoint: ${path}`);
}

function notAllowed(method: string, path: string): HttpReply {
  return errorReply(405, undefined, `Method ${method} not allowed on ${path}`);
}

import { pageReply, readPage } from '../pages.js';
import { errorReply, HttpReply } from '../reply.js';
import type { SimFile } from '../types.js';
import type { SimRequest, World } from '../world.js';

/** GET /projects */
export function projectsReply(world: World, req: SimRequest): HttpReply {
  const page = readPage(req.url.searchParams);
  if (page instanceof HttpReply) return page;
  world.stats.catalogPages++;
  const base = world.book.baseUrl;
  return pageReply(base, req.url, page, world.catalog.projects(), (p) => ({
    href: `${base}/projects/${p.id}`,
    ...p,
  }));
}

/** GET /storage/volumes */
export function volumesReply(world: World, req: SimRequest): HttpReply {
  const page = readPage(req.url.searchParams);
  if (page instanceof HttpReply) return page;
  world.stats.catalogPages++;
  const base = world.book.baseUrl;
  return pageReply(base, req.url, page, world.catalog.volumes(), (v) => ({
    href: `${base}/storage/volumes/${v.id}`,
    ...v,
  }));
}

/** GET /files?project=<id> (the project's root folder) or GET /files?parent=<folder id>; exactly one of them. */
export function filesReply(world: World, req: SimRequest): HttpReply {
  const q = req.url.searchParams;
  const project = q.get('project');
  const parent = q.get('parent');
  if ((project === null) === (parent === null)) {
    return errorReply(400, undefined, 'Exactly one of project or parent must be given.');
  }
  const page = readPage(q);
  if (page instanceof HttpReply) return page;
  let folderId = parent;
  if (project !== null) {
    const found = world.catalog.project(project);
    if (!found) return errorReply(404, undefined, `Project ${project} does not exist.`);
    folderId = found.root_folder;
  }
  const children = world.catalog.folder(folderId ?? '');
  if (!children) return errorReply(404, undefined, `Folder ${folderId} does not exist.`);
  world.stats.catalogPages++;
  const base = world.book.baseUrl;
  return pageReply(base, req.url, page, children, (file) => fileView(base, file));
}

/** GET /files/{id} */
export function fileReply(world: World, id: string): HttpReply {
  const file = world.catalog.file(id);
  if (!file) return errorReply(404, undefined, `File ${id} does not exist.`);
  return new HttpReply(200, fileView(world.book.baseUrl, file));
}

export function fileView(base: string, file: SimFile): Record<string, unknown> {
  return {
    href: `${base}/files/${file.id}`,
    ...file,
    storage: file.storage ? { ...file.storage } : undefined,
  };
}

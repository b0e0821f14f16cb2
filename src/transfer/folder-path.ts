import { isFolder } from '../platform/files.js';
import { joinLocation } from './locations.js';
import type { FolderPort, FolderRef } from './ports.js';

/** A folder path that names nothing, or names a file: the user's input is wrong, nothing was sent. */
export class FolderPathError extends Error {
  override readonly name = 'FolderPathError';
}

/**
 * The folder at `path` inside `project` (`runs/2026/batch_01`; '' or '/' is the root), found by listing one
 * folder per segment from the root: the API has no lookup by path. Names are matched exactly (the platform's
 * names are case-sensitive). Throws FolderPathError naming the first segment that is missing or not a folder.
 */
export async function resolveFolder(
  port: FolderPort,
  project: string,
  path: string,
  signal?: AbortSignal,
): Promise<{ ref: FolderRef; path: string }> {
  const clean = joinLocation(path);
  let ref: FolderRef = { project };
  let walked = '';
  for (const name of clean === '' ? [] : clean.split('/')) {
    let found: { id: string; folder: boolean } | undefined;
    for await (const item of port.listFolder(ref, signal)) {
      if (item.name !== name) continue;
      found = { id: item.id, folder: isFolder(item) };
      // A folder and a file may share a name; the folder is the one asked for.
      if (found.folder) break;
    }
    const at = joinLocation(walked, name);
    if (!found) throw new FolderPathError(`No folder ${JSON.stringify(at)} in project ${project}`);
    if (!found.folder)
      throw new FolderPathError(`${JSON.stringify(at)} in project ${project} is a file, not a folder`);
    ref = { parent: found.id };
    walked = at;
  }
  return { ref, path: clean };
}

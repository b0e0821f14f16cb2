import picomatch from 'picomatch';
import { isFolder } from '../platform/files.js';
import { abortError } from './budget-wait.js';
import { joinLocation } from './locations.js';
import type { FolderItem, FolderPort, FolderRef } from './ports.js';

/** A file or folder found by the walk; `path` is relative to the chosen folder and ends with its name. */
export interface Found {
  item: FolderItem;
  path: string;
}

export interface WalkProgress {
  /** Files that match the filter so far, and their bytes. */
  files: number;
  bytes: number;
  folders: number;
  /** Files seen that the filter left out. */
  unmatched: number;
}

export interface WalkResult extends WalkProgress {
  /** The chosen folder's path in the project ('' for the root): the default destination prefix. */
  rootPath: string;
  matched: Found[];
  /** Folders not descended into (a walk without subfolders): the preview lists them as skipped. */
  skippedFolders: Found[];
}

export interface WalkOptions {
  /** Globs on file names (`*.cram`, `sample_0??.bam`); a glob with a `/` matches the relative path. None = all. */
  include?: readonly string[];
  recursive?: boolean;
  signal?: AbortSignal;
  /** Called as the walk goes (after each folder and every PROGRESS_EVERY items). */
  onProgress?: (progress: WalkProgress) => void;
}

const PROGRESS_EVERY = 100;

/** Names are not paths: a leading dot means nothing on the platform, so `*` matches `.hidden.bam` too. */
export function nameFilter(include: readonly string[] = []): (found: Found) => boolean {
  const globs = include.map((glob) => glob.trim()).filter((glob) => glob !== '');
  if (globs.length === 0) return () => true;
  const onName = globs.filter((glob) => !glob.includes('/'));
  const onPath = globs.filter((glob) => glob.includes('/'));
  const byName = onName.length > 0 ? picomatch(onName, { dot: true }) : () => false;
  const byPath = onPath.length > 0 ? picomatch(onPath, { dot: true }) : () => false;
  return ({ item, path }) => byName(item.name) || byPath(path);
}

function sizeOf(item: FolderItem): number {
  return typeof item.size === 'number' && Number.isFinite(item.size) && item.size > 0 ? item.size : 0;
}

/**
 * Lists the chosen folder (and with `recursive` every folder below it: a folder's own files first, then its
 * subfolders depth first, each in listing order) and keeps the files that pass the filter. One folder listed
 * at a time, so memory holds the results and a stack of pending folders, never several listings in flight.
 * Rejects with an AbortError when the signal fires.
 */
export async function walkFolder(
  port: FolderPort,
  start: { ref: FolderRef; path?: string },
  opts: WalkOptions = {},
): Promise<WalkResult> {
  const { signal, onProgress } = opts;
  const accept = nameFilter(opts.include);
  const result: WalkResult = {
    rootPath: joinLocation(start.path ?? ''),
    matched: [],
    skippedFolders: [],
    files: 0,
    bytes: 0,
    folders: 0,
    unmatched: 0,
  };
  const progress = (): WalkProgress => {
    const { files, bytes, folders, unmatched } = result;
    return { files, bytes, folders, unmatched };
  };
  const stack: { ref: FolderRef; rel: string }[] = [{ ref: start.ref, rel: '' }];
  let seen = 0;
  // Offset paging over a folder that changes meanwhile can list an item twice: never plan a file twice.
  const ids = new Set<string>();
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const below: { ref: FolderRef; rel: string }[] = [];
    for await (const item of port.listFolder(next.ref, signal)) {
      if (signal?.aborted) throw abortError(signal);
      if (ids.has(item.id)) continue;
      ids.add(item.id);
      const found = { item, path: joinLocation(next.rel, item.name) };
      if (isFolder(item)) {
        result.folders++;
        if (opts.recursive) below.push({ ref: { parent: item.id }, rel: found.path });
        else result.skippedFolders.push(found);
      } else if (accept(found)) {
        result.matched.push(found);
        result.files++;
        result.bytes += sizeOf(item);
      } else {
        result.unmatched++;
      }
      if (++seen % PROGRESS_EVERY === 0) onProgress?.(progress());
    }
    if (signal?.aborted) throw abortError(signal);
    stack.push(...below.reverse());
    onProgress?.(progress());
  }
  return result;
}

import { isRecord } from '../values.js';
import type { SbClient } from './client.js';
import { allPages, type PageOptions } from './pages.js';

/**
 * A file or folder as GET /files lists it (sevenbridges-python models/file.py: `type` is 'file' or 'folder',
 * File.FOLDER_TYPE; `storage` is FileStorage {type, volume, location} with type 'PLATFORM' or 'VOLUME'
 * (enums.py FileStorageType)). Unknown fields are kept.
 */
export interface SbFile {
  id: string;
  name: string;
  type: string;
  size?: number;
  project?: string;
  parent?: string;
  /** Null or absent on some items (folders); read with `?.`. */
  storage?: { type?: string; volume?: string; location?: string; [key: string]: unknown } | null;
  metadata?: Record<string, unknown> | null;
  /** Not an SDK field: the demo simulator's marker of a public reference file (unconfirmed on the platform). */
  public?: boolean;
  [key: string]: unknown;
}

/** The children of a project's root folder, or of one folder: exactly one of the two. */
export type FolderRef = { project: string; parent?: undefined } | { parent: string; project?: undefined };

function isFile(value: unknown): value is SbFile {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    typeof value.type === 'string'
  );
}

export function isFolder(file: SbFile): boolean {
  return file.type.toLowerCase() === 'folder';
}

/** What an export can do with a listed item: only `file` can be exported. */
export type FileKind = 'file' | 'folder' | 'alias' | 'public';

/** The project sevenbridges' public reference files live in. */
export const PUBLIC_FILES_PROJECT = 'admin/sbg-public-data';

/**
 * A public reference file: no SDK field says so for certain, so any of three signs counts — the
 * `sbg_public_files_category` metadata value (sevenbridges2 test data), living in the public data project, or
 * the simulator's `public` marker. The platform refuses their export (9006) either way.
 */
function isPublic(file: SbFile): boolean {
  const category = file.metadata?.sbg_public_files_category;
  const tagged = typeof category === 'string' ? category.trim() !== '' : category != null;
  return tagged || file.public === true || file.project === PUBLIC_FILES_PROJECT;
}

/** An alias is stored on a volume (`storage.type` VOLUME): the platform will not export it again. */
export function fileKind(file: SbFile): FileKind {
  if (isFolder(file)) return 'folder';
  const storage = file.storage?.type;
  if (typeof storage === 'string' && storage.toUpperCase() === 'VOLUME') return 'alias';
  if (isPublic(file)) return 'public';
  return 'file';
}

/**
 * GET /files?project=<id> (the project's root) or GET /files?parent=<folder id>, fields=_all (as the SDK's
 * File.query), every item across all pages. Folders come back as items with type 'folder': walk them yourself.
 */
export function listFolder(
  client: SbClient,
  where: FolderRef,
  opts: PageOptions = {},
): AsyncGenerator<SbFile> {
  const query = where.project !== undefined ? { project: where.project } : { parent: where.parent };
  return allPages(client, '/files', { ...query, fields: '_all' }, isFile, 'file', opts);
}

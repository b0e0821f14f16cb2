import type { ApiErrorBody } from '../platform/types.js';
import { errorBody } from './reply.js';
import type { SimCatalog, SimFile, SimProject, SimVolume } from './types.js';

/**
 * Projects, their folders and files, and volumes. An export that moves a file (no copy_only) turns the project
 * file into an alias of the volume object, as the platform does: a second export of it is then refused.
 */
export class Catalog {
  private readonly projectList: SimProject[];
  private readonly projectById = new Map<string, SimProject>();
  private readonly files = new Map<string, SimFile>();
  private readonly children = new Map<string, string[]>();
  private readonly volumeList: SimVolume[];
  private readonly volumeById = new Map<string, SimVolume>();
  private readonly objects = new Set<string>();

  constructor(seed: SimCatalog = {}) {
    this.projectList = [...(seed.projects ?? [])];
    for (const project of this.projectList) this.projectById.set(project.id, project);
    for (const file of seed.files ?? []) {
      this.files.set(file.id, { ...file });
      const siblings = this.children.get(file.parent);
      if (siblings) siblings.push(file.id);
      else this.children.set(file.parent, [file.id]);
    }
    this.volumeList = [...(seed.volumes ?? [])];
    for (const volume of this.volumeList) this.volumeById.set(volume.id, volume);
    for (const [volume, locations] of Object.entries(seed.volumeObjects ?? {})) {
      for (const location of locations) this.objects.add(objectKey(volume, location));
    }
  }

  projects(): readonly SimProject[] {
    return this.projectList;
  }

  project(id: string): SimProject | undefined {
    return this.projectById.get(id);
  }

  volumes(): readonly SimVolume[] {
    return this.volumeList;
  }

  file(id: string): SimFile | undefined {
    return this.files.get(id);
  }

  /** Children of a folder in seed order; undefined when no such folder. */
  folder(parentId: string): SimFile[] | undefined {
    const parent = this.files.get(parentId);
    const isRoot = this.projectList.some((p) => p.root_folder === parentId);
    if (!isRoot && parent?.type !== 'folder') return undefined;
    return (this.children.get(parentId) ?? []).map((id) => this.files.get(id)!);
  }

  /** Something is already stored at this location of the volume (a seeded object or an alias's target). */
  objectAt(volume: string, location: string): boolean {
    return this.objects.has(objectKey(volume, location));
  }

  /** Why the platform would refuse exporting `fileId` to `volumeId`, if it would. */
  refusal(fileId: string, volumeId: string): ApiErrorBody | undefined {
    const volume = this.volumeById.get(volumeId);
    if (volume && volume.access_mode !== 'RW') {
      return errorBody(
        403,
        9101,
        `Volume ${volumeId} is not writable: its access mode is ${volume.access_mode}.`,
      );
    }
    const file = this.files.get(fileId);
    if (!file) return undefined;
    if (file.type === 'folder')
      return errorBody(400, undefined, `${file.name} is a folder: only files can be exported.`);
    if (file.public)
      return errorBody(403, 9006, `File ${fileId} cannot be exported: it is a public reference file.`);
    if (file.storage?.type === 'VOLUME') {
      return errorBody(
        403,
        9006,
        `File ${fileId} cannot be exported: it is an alias of an object on a volume.`,
      );
    }
    return undefined;
  }

  /** An export without copy_only moves the file: the project file becomes an alias of the volume object. */
  moved(fileId: string, volume: string, location: string): void {
    const file = this.files.get(fileId);
    if (file) file.storage = { type: 'VOLUME', volume, location };
  }
}

function objectKey(volume: string, location: string): string {
  return `${volume}\n${location}`;
}

import { isRecord } from '../values.js';
import type { SbClient } from './client.js';
import { allPages, type PageOptions } from './pages.js';

/** A volume as GET /storage/volumes lists it (models/volume.py; enums.py VolumeAccessMode 'RW' | 'RO'). */
export interface Volume {
  /** owner/volume */
  id: string;
  name?: string;
  access_mode?: string;
  active?: boolean;
  service?: Record<string, unknown>;
  [key: string]: unknown;
}

function isVolume(value: unknown): value is Volume {
  return isRecord(value) && typeof value.id === 'string';
}

/** Exports need a read-write volume; anything but RW (RO, missing, unknown) is not offered. */
export function isWritable(volume: Volume): boolean {
  return volume.access_mode === 'RW' && volume.active !== false;
}

/** GET /storage/volumes: every volume of the user, across all pages. */
export function listVolumes(client: SbClient, opts: PageOptions = {}): AsyncGenerator<Volume> {
  return allPages(client, '/storage/volumes', { fields: '_all' }, isVolume, 'volume', opts);
}

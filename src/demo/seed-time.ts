import type { ApiErrorBody, ExportJob } from '../platform/types.js';
import { isoSeconds } from './reply.js';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

export const ERROR_9107: ApiErrorBody = {
  status: 409,
  code: 9107,
  message: 'Location on volume already contains a file. Check the documentation.',
  more_info: 'https://sb-biodatacatalyst.readme.io/reference/api-status-codes#9107',
};

export const STANDARD = {
  sse_algorithm: 'AES256',
  aws_storage_class: 'STANDARD',
  aws_canned_acl: 'bucket-owner-full-control',
};

export function job(
  id: string,
  file: string,
  volume: string,
  location: string,
  extra: Partial<ExportJob> = {},
): ExportJob {
  return {
    id,
    state: 'PENDING',
    source: { file },
    destination: { volume, location },
    properties: { ...STANDARD },
    overwrite: false,
    ...extra,
  };
}

export function done(at: number, tookMs: number): Pick<ExportJob, 'state' | 'started_on' | 'finished_on'> {
  return { state: 'COMPLETED', started_on: isoSeconds(at - tookMs), finished_on: isoSeconds(at) };
}

import type { ExportJob } from '../platform/types.js';
import { liveJobs, pastJobs, unwatchedJobs } from './seed-jobs.js';
import type { SimJob } from './types.js';

export { demoCatalog } from './seed-catalog.js';
export { manyJobs, syntheticId } from './seed-many.js';

const MORE_INFO_9107 = 'https://sb-biodatacatalyst.readme.io/reference/api-status-codes#9107';
const BDC_EXPORTS = 'https://api.sb.biodatacatalyst.nhlbi.nih.gov/v2/storage/exports';

/** The two jobs of the API's own documentation page (get-details-of-an-export-job), verbatim. */
export const SEED_COMPLETED: ExportJob = {
  href: `${BDC_EXPORTS}/crand0mKvetGpxIjo088DnMXEg0t6srX`,
  id: 'crand0mKvetGpxIjo088DnMXEg0t6srX',
  state: 'COMPLETED',
  source: { file: '567890abc9b0307bc0414164' },
  destination: { volume: 'rfranklin/output', location: 'output.vcf' },
  started_on: '2016-06-15T19:17:39Z',
  finished_on: '2016-06-15T19:17:41Z',
  properties: { sse_algorithm: 'AES256', aws_storage_class: 'STANDARD', aws_canned_acl: 'public-read' },
  overwrite: false,
};

export const SEED_FAILED: ExportJob = {
  href: `${BDC_EXPORTS}/yrand0mqLcnVaDEFYyM75zZ7M6rvTeZm`,
  id: 'yrand0mqLcnVaDEFYyM75zZ7M6rvTeZm',
  state: 'FAILED',
  error: {
    status: 409,
    code: 9107,
    message: 'Location on volume already contains a file. Check the documentation.',
    more_info: MORE_INFO_9107,
  },
  source: { file: '567890abc4f3066bc3750174' },
  destination: { volume: 'rfranklin/output', location: '_4_s3_file.jpg' },
  started_on: '2016-06-22T13:38:57Z',
  finished_on: '2016-06-22T13:38:57Z',
  properties: {
    sse_algorithm: 'AES256',
    sse_aws_kms_key_id: '67f68072-45b6-12b3-789c-37be8b0f2f04',
    aws_canned_acl: 'public-read',
  },
  overwrite: false,
};

/** A well-formed 32-character ID that the simulator does not know: the demo's NOT FOUND row. */
export const DEMO_MISSING_ID = 'mrand0mNoSuchJob7Qw3Lp9Xc2Vb8Nd4';

/** Everything the demo simulator serves. */
export function demoJobs(nowMs: number): SimJob[] {
  return [
    { job: SEED_COMPLETED },
    { job: SEED_FAILED },
    ...liveJobs(),
    ...pastJobs(nowMs),
    ...unwatchedJobs(nowMs),
  ];
}

/** The demo's watch list: the seed page's two jobs, the live ones, the finished ones, then the missing ID. */
export function demoWatchIds(): string[] {
  return [
    SEED_COMPLETED.id,
    SEED_FAILED.id,
    ...liveJobs().map((s) => s.job.id),
    ...pastJobs(0).map((s) => s.job.id),
    DEMO_MISSING_ID,
  ];
}

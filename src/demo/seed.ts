import type { ExportJob } from '../platform/types.js';
import type { SimJob } from './simulator.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

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

const COHORT = 'lab-s3/cohort-2026';
const OUTPUT = 'rfranklin/output';
const ARCHIVE = 'rfranklin/archive';
const STANDARD = {
  sse_algorithm: 'AES256',
  aws_storage_class: 'STANDARD',
  aws_canned_acl: 'bucket-owner-full-control',
};

function job(
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

function done(at: number, tookMs: number): Pick<ExportJob, 'state' | 'started_on' | 'finished_on'> {
  return { state: 'COMPLETED', started_on: iso(at - tookMs), finished_on: iso(at) };
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Live jobs: they move PENDING → RUNNING → final during the first 90 s of a demo. */
function liveJobs(): SimJob[] {
  return [
    {
      job: job('a7Kq2Lx9Vb3Nm8Pz4Rt6Wy1Hc5Jd0Fg3', '65f1c0a2e4b0a1b2c3d40017', COHORT, 'sample_017.cram'),
      runningAfterMs: 3 * SECOND,
      finishAfterMs: 25 * SECOND,
    },
    {
      job: job('b4Tn8Rw2Yq6Us0Ie5Ko9Ap3Sd7Fg1Hj2', '65f1c0a2e4b0a1b2c3d40018', COHORT, 'sample_018.cram'),
      runningAfterMs: 5 * SECOND,
      finishAfterMs: 45 * SECOND,
    },
    {
      job: job(
        'c9Zx3Cv7Bn1Mq5Wl8Ke2Rt6Yu0Io4Pa5',
        '65f1c0a2e4b0a1b2c3d40019',
        COHORT,
        'sample_017.cram.crai',
      ),
      runningAfterMs: 2 * SECOND,
      finishAfterMs: 8 * SECOND,
    },
    {
      // Fails later like the seed page's job: someone exported this sample by hand first.
      job: job('d2Ws6Ed0Rf4Tg8Yh2Uj6Ik0Ol4Pz8Xc7', '65f1c0a2e4b0a1b2c3d40020', COHORT, 'sample_020.cram'),
      runningAfterMs: 10 * SECOND,
      finishAfterMs: 40 * SECOND,
      finalState: 'FAILED',
      finalError: {
        status: 409,
        code: 9107,
        message: 'Location on volume already contains a file. Check the documentation.',
        more_info: MORE_INFO_9107,
      },
    },
    {
      job: job(
        'e5Gy9Hu3Ji7Ko1Lp5Aq9Sw3De7Fr1Tg6',
        '65f1c0a2e4b0a1b2c3d40101',
        ARCHIVE,
        'cohort-2026/joint-calls.vcf.gz',
        {
          properties: { sse_algorithm: 'AES256', aws_storage_class: 'GLACIER', aws_canned_acl: 'private' },
        },
      ),
      runningAfterMs: 15 * SECOND,
      finishAfterMs: 90 * SECOND,
    },
    {
      // Fields this app has never heard of: the detail pane must show them anyway.
      job: job(
        'f8Bh2Nj6Mk0Lq4Wa8Zs2Xd6Cf0Vg4Bh9',
        '65f1c0a2e4b0a1b2c3d40102',
        OUTPUT,
        'qc/multiqc_report.html',
        {
          properties: {
            sse_algorithm: 'aws:kms',
            sse_aws_kms_key_id: '1f2e3d4c-5b6a-4789-8abc-def012345678',
            aws_storage_class: 'STANDARD',
            aws_object_tagging: 'study=cohort-2026&pi=rfranklin',
          },
          transfer: { bytes: 18_432_001, parts: 2 },
        },
      ),
      runningAfterMs: 4 * SECOND,
      finishAfterMs: 30 * SECOND,
    },
    {
      job: job('g1Qa5Ws9Ed3Rf7Tg1Yh5Uj9Ik3Ol7Pm2', '65f1c0a2e4b0a1b2c3d40021', COHORT, 'sample_021.cram'),
      runningAfterMs: 60 * SECOND,
      finishAfterMs: 85 * SECOND,
    },
    {
      job: job(
        'h6Rt0Yu4Io8Pa2Sd6Fg0Hj4Kl8Zx2Cv1',
        '65f1c0a2e4b0a1b2c3d40117',
        OUTPUT,
        'variants/sample_017.g.vcf.gz',
      ),
      runningAfterMs: 0,
      finishAfterMs: 70 * SECOND,
    },
  ];
}

/** Jobs that finished before the demo started. */
function pastJobs(nowMs: number): SimJob[] {
  return [
    {
      job: job(
        'i3Vb7Nm1Qw5Er9Ty3Ui7Op1As5Df9Gh8',
        '65f1c0a2e4b0a1b2c3d40003',
        OUTPUT,
        'alignment/sample_003.bam',
        {
          ...done(nowMs - 2 * HOUR, 4 * MINUTE),
          result: {
            id: '65f1c0a2e4b0a1b2c3d40003',
            name: 'sample_003.bam',
            size: 7_231_044_512,
            project: 'rfranklin/cohort-2026',
          },
        },
      ),
    },
    {
      job: job('j0Kl4Zx8Cv2Bn6Mq0We4Rt8Yu2Io6Pa4', '65f1c0a2e4b0a1b2c3d40002', COHORT, 'manifest.tsv', {
        ...done(nowMs - 26 * HOUR, 3 * SECOND),
        overwrite: true,
      }),
    },
  ];
}

/**
 * COMPLETED jobs on rfranklin/output that the demo does not watch: importing from the platform's list
 * (`i`, `import --volume rfranklin/output`) finds these as new.
 */
function unwatchedJobs(nowMs: number): SimJob[] {
  const names = [
    'reports/summary_2026-01.pdf',
    'reports/summary_2026-02.pdf',
    'plots/coverage.png',
    'tables/qc.tsv',
  ];
  const ids = [
    'k7Pq1Wo5Ei9Ru3Ty7Al1Sk5Dj9Fh3Gx2',
    'l2Mz6Xn0Cb4Vq8Wp2Eo6Ri0Tu4Ya8Sd3',
    'n9Hg3Jf7Kd1Ls5Qa9Zw3Xe7Cr1Vt5By6',
    'o4Ui8Oy2Pt6Ar0Se4Dw8Fq2Gz6Hx0Jc9',
  ];
  return names.map((location, i) => ({
    job: job(
      ids[i]!,
      `65f1c0a2e4b0a1b2c3d4020${i}`,
      OUTPUT,
      location,
      done(nowMs - (i + 3) * HOUR, 20 * SECOND),
    ),
  }));
}

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

// --- many jobs, for the benchmark and scale tests ----------------------------------------------------------

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Deterministic 32-char ID: 26 pseudo-random characters, then the index in base 36 (so IDs never collide). */
export function syntheticId(index: number): string {
  let state = (index + 1) * 2654435761;
  let id = '';
  for (let i = 0; i < 26; i++) {
    // xorshift32: cheap, deterministic, good enough to look like real IDs.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    id += ALNUM[(state >>> 0) % ALNUM.length];
  }
  return id + index.toString(36).padStart(6, '0');
}

const MANY_VOLUMES = [COHORT, OUTPUT, ARCHIVE, 'bdc-shared/topmed-freeze9'];

/**
 * `n` deterministic jobs, `activeCount` of them spread evenly through the list and staying PENDING/RUNNING
 * for hours (half running from the start, half pending for 30 minutes); the rest finished before `nowMs`,
 * every 40th of them FAILED.
 */
export function manyJobs(n: number, activeCount: number, nowMs: number): SimJob[] {
  const active = Math.max(0, Math.min(n, activeCount));
  const jobs: SimJob[] = [];
  let activeIndex = 0;
  for (let i = 0; i < n; i++) {
    const id = syntheticId(i);
    const sample = String(i).padStart(5, '0');
    const volume = MANY_VOLUMES[i % MANY_VOLUMES.length]!;
    const base = job(
      id,
      `65f1c0a2e4b0${i.toString(16).padStart(12, '0')}`,
      volume,
      `run-07/sample_${sample}.cram`,
    );
    // Exactly `active` indices satisfy this, evenly spaced.
    if (n > 0 && (i * active) % n < active) {
      const pendingLong = activeIndex % 2 === 1;
      activeIndex++;
      jobs.push({ job: base, runningAfterMs: pendingLong ? 30 * MINUTE : 0, finishAfterMs: 6 * HOUR });
      continue;
    }
    const finishedAt = nowMs - (n - i) * 30 * SECOND;
    if (i % 40 === 7) {
      jobs.push({
        job: {
          ...base,
          state: 'FAILED',
          started_on: iso(finishedAt - 5 * SECOND),
          finished_on: iso(finishedAt),
          error: {
            status: 409,
            code: 9107,
            message: 'Location on volume already contains a file. Check the documentation.',
            more_info: MORE_INFO_9107,
          },
        },
      });
    } else {
      jobs.push({ job: { ...base, ...done(finishedAt, 90 * SECOND) } });
    }
  }
  return jobs;
}

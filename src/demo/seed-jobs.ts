import type { ExportJob } from '../platform/types.js';
import { done, ERROR_9107, HOUR, job, MINUTE, SECOND } from './seed-time.js';
import type { SimJob } from './types.js';

export const COHORT = 'lab-s3/cohort-2026';
export const OUTPUT = 'rfranklin/output';
export const ARCHIVE = 'rfranklin/archive';

type LiveRow = [
  id: string,
  file: string,
  volume: string,
  location: string,
  runningS: number,
  finishS: number,
];

/** Live jobs: they move PENDING → RUNNING → final during the first 90 s of a demo. */
const LIVE: LiveRow[] = [
  ['a7Kq2Lx9Vb3Nm8Pz4Rt6Wy1Hc5Jd0Fg3', '65f1c0a2e4b0a1b2c3d40017', COHORT, 'sample_017.cram', 3, 25],
  ['b4Tn8Rw2Yq6Us0Ie5Ko9Ap3Sd7Fg1Hj2', '65f1c0a2e4b0a1b2c3d40018', COHORT, 'sample_018.cram', 5, 45],
  ['c9Zx3Cv7Bn1Mq5Wl8Ke2Rt6Yu0Io4Pa5', '65f1c0a2e4b0a1b2c3d40019', COHORT, 'sample_017.cram.crai', 2, 8],
  // Fails later like the seed page's job: someone exported this sample by hand first.
  ['d2Ws6Ed0Rf4Tg8Yh2Uj6Ik0Ol4Pz8Xc7', '65f1c0a2e4b0a1b2c3d40020', COHORT, 'sample_020.cram', 10, 40],
  [
    'e5Gy9Hu3Ji7Ko1Lp5Aq9Sw3De7Fr1Tg6',
    '65f1c0a2e4b0a1b2c3d40101',
    ARCHIVE,
    'cohort-2026/joint-calls.vcf.gz',
    15,
    90,
  ],
  ['f8Bh2Nj6Mk0Lq4Wa8Zs2Xd6Cf0Vg4Bh9', '65f1c0a2e4b0a1b2c3d40102', OUTPUT, 'qc/multiqc_report.html', 4, 30],
  ['g1Qa5Ws9Ed3Rf7Tg1Yh5Uj9Ik3Ol7Pm2', '65f1c0a2e4b0a1b2c3d40021', COHORT, 'sample_021.cram', 60, 85],
  [
    'h6Rt0Yu4Io8Pa2Sd6Fg0Hj4Kl8Zx2Cv1',
    '65f1c0a2e4b0a1b2c3d40117',
    OUTPUT,
    'variants/sample_017.g.vcf.gz',
    0,
    70,
  ],
];

/** What some live jobs carry beyond the common shape, by ID. */
const LIVE_EXTRA: Record<string, Partial<SimJob> & { extra?: Partial<ExportJob> }> = {
  d2Ws6Ed0Rf4Tg8Yh2Uj6Ik0Ol4Pz8Xc7: { finalState: 'FAILED', finalError: ERROR_9107 },
  e5Gy9Hu3Ji7Ko1Lp5Aq9Sw3De7Fr1Tg6: {
    extra: {
      properties: { sse_algorithm: 'AES256', aws_storage_class: 'GLACIER', aws_canned_acl: 'private' },
    },
  },
  // Fields this app has never heard of: the detail pane must show them anyway.
  f8Bh2Nj6Mk0Lq4Wa8Zs2Xd6Cf0Vg4Bh9: {
    extra: {
      properties: {
        sse_algorithm: 'aws:kms',
        sse_aws_kms_key_id: '1f2e3d4c-5b6a-4789-8abc-def012345678',
        aws_storage_class: 'STANDARD',
        aws_object_tagging: 'study=cohort-2026&pi=rfranklin',
      },
      transfer: { bytes: 18_432_001, parts: 2 },
    },
  },
};

export function liveJobs(): SimJob[] {
  return LIVE.map(([id, file, volume, location, runningS, finishS]) => {
    const { extra, ...timeline } = LIVE_EXTRA[id] ?? {};
    return {
      job: job(id, file, volume, location, extra),
      runningAfterMs: runningS * SECOND,
      finishAfterMs: finishS * SECOND,
      ...timeline,
    };
  });
}

/** Jobs that finished before the demo started. */
export function pastJobs(nowMs: number): SimJob[] {
  const result = {
    id: '65f1c0a2e4b0a1b2c3d40003',
    name: 'sample_003.bam',
    size: 7_231_044_512,
    project: 'rfranklin/cohort-2026',
  };
  return [
    {
      job: job('i3Vb7Nm1Qw5Er9Ty3Ui7Op1As5Df9Gh8', result.id, OUTPUT, 'alignment/sample_003.bam', {
        ...done(nowMs - 2 * HOUR, 4 * MINUTE),
        result,
      }),
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
export function unwatchedJobs(nowMs: number): SimJob[] {
  const rows: [string, string][] = [
    ['k7Pq1Wo5Ei9Ru3Ty7Al1Sk5Dj9Fh3Gx2', 'reports/summary_2026-01.pdf'],
    ['l2Mz6Xn0Cb4Vq8Wp2Eo6Ri0Tu4Ya8Sd3', 'reports/summary_2026-02.pdf'],
    ['n9Hg3Jf7Kd1Ls5Qa9Zw3Xe7Cr1Vt5By6', 'plots/coverage.png'],
    ['o4Ui8Oy2Pt6Ar0Se4Dw8Fq2Gz6Hx0Jc9', 'tables/qc.tsv'],
  ];
  return rows.map(([id, location], i) => ({
    job: job(id, `65f1c0a2e4b0a1b2c3d4020${i}`, OUTPUT, location, done(nowMs - (i + 3) * HOUR, 20 * SECOND)),
  }));
}

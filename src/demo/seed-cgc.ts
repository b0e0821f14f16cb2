import { demoFileId } from './seed-catalog.js';
import { done, ERROR_9107, HOUR, job, MINUTE, SECOND } from './seed-time.js';
import type { SimCatalog, SimJob } from './types.js';

/** The second demo platform (CGC): a few jobs of its own and a small project, so two platforms show side by side. */
const TCGA_VOLUME = 'rfranklin/tcga-exports';
const CGC_PROJECT = 'rfranklin/tcga-brca';

export function cgcJobs(nowMs: number): SimJob[] {
  return [
    {
      job: job(
        'p5Cg1Rt7Yu3Io9Pa5Sd1Fg7Hj3Kl9Zx4',
        '5f0e1d2c3b4a596877665544',
        TCGA_VOLUME,
        'brca/TCGA-A1-A0SB.bam',
      ),
      runningAfterMs: 2 * SECOND,
      finishAfterMs: 50 * SECOND,
    },
    {
      job: job(
        'q8Vb4Nm0Qw6Er2Ty8Ui4Op0As6Df2Gh5',
        '5f0e1d2c3b4a596877665545',
        TCGA_VOLUME,
        'brca/TCGA-A1-A0SD.bam',
      ),
      runningAfterMs: 20 * SECOND,
      finishAfterMs: 75 * SECOND,
      finalState: 'FAILED',
      finalError: ERROR_9107,
    },
    {
      job: job(
        'r3Zx9Cv5Bn1Mq7Wl3Ke9Rt5Yu1Io7Pa6',
        '5f0e1d2c3b4a596877665546',
        TCGA_VOLUME,
        'brca/clinical.tsv',
        {
          ...done(nowMs - 5 * HOUR, 2 * MINUTE),
        },
      ),
    },
  ];
}

export function cgcWatchIds(): string[] {
  return cgcJobs(0).map((s) => s.job.id);
}

export function cgcCatalog(): SimCatalog {
  const root = `8801${demoFileId(1).slice(4)}`;
  const id = (n: number) => `8801${demoFileId(n).slice(4)}`;
  const file = (n: number, name: string, size: number) => ({
    id: id(n),
    name,
    type: 'file' as const,
    size,
    project: CGC_PROJECT,
    parent: root,
    storage: { type: 'PLATFORM' as const },
  });
  return {
    projects: [{ id: CGC_PROJECT, name: 'TCGA BRCA', root_folder: root }],
    files: [file(2, 'TCGA-A1-A0SB.bam', 14_000_000_000), file(3, 'TCGA-A1-A0SD.bam', 12_500_000_000)],
    volumes: [{ id: TCGA_VOLUME, name: 'tcga-exports', access_mode: 'RW' }],
  };
}

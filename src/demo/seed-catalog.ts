import { isoSeconds } from './reply.js';
import { ARCHIVE, COHORT, OUTPUT } from './seed-jobs.js';
import type { SimCatalog, SimFile, SimProject, SimVolume } from './types.js';

/** The demo project a person exports from: a cohort of 20 batches × 100 samples, a CRAM and a CRAI each. */
export const DEMO_PROJECT = 'rfranklin/cohort-2026';
export const DEMO_BATCHES = 20;
export const SAMPLES_PER_BATCH = 100;
/** The read-only volume: exports to it are refused per item. */
export const READ_ONLY_VOLUME = 'bdc-shared/topmed-freeze9';

const CREATED = Date.parse('2026-01-12T09:30:00Z');
const GB = 1024 ** 3;

/** A platform-style 24-hex file ID, distinct per `n` (prefix kept apart from the job seeds' file IDs). */
export function demoFileId(n: number): string {
  return `6601c0a2e4b0${n.toString(16).padStart(12, '0')}`;
}

class Builder {
  readonly files: SimFile[] = [];
  private next = 1;

  constructor(readonly project: string) {}

  newId(): string {
    return demoFileId(this.next++);
  }

  add(parent: string, name: string, extra: Partial<SimFile> = {}): SimFile {
    const id = this.newId();
    const at = isoSeconds(CREATED + this.next * 1000);
    const file: SimFile = {
      id,
      name,
      type: 'file',
      size: 0,
      project: this.project,
      parent,
      storage: { type: 'PLATFORM' },
      created_on: at,
      modified_on: at,
      ...extra,
    };
    if (file.type === 'folder') {
      delete file.size;
      delete file.storage;
    }
    this.files.push(file);
    return file;
  }

  folder(parent: string, name: string): string {
    return this.add(parent, name, { type: 'folder' }).id;
  }
}

/** Deterministic size in [min, min + spread) bytes. */
function sizeOf(n: number, min: number, spread: number): number {
  return min + ((n * 2654435761) % 1_000_003) * Math.floor(spread / 1_000_003);
}

function cohort(b: Builder, root: string): void {
  const cohortFolder = b.folder(root, 'cohort');
  for (let batch = 1; batch <= DEMO_BATCHES; batch++) {
    const batchName = `batch_${String(batch).padStart(2, '0')}`;
    const folder = b.folder(cohortFolder, batchName);
    for (let s = 1; s <= SAMPLES_PER_BATCH; s++) {
      const n = (batch - 1) * SAMPLES_PER_BATCH + s;
      const sample = `sample_${String(n).padStart(4, '0')}`;
      // A few samples were exported by move long ago: their project files are aliases now.
      const moved = n % 500 === 250;
      const storage = moved
        ? { type: 'VOLUME' as const, volume: COHORT, location: `cohort/${batchName}/${sample}.cram` }
        : { type: 'PLATFORM' as const };
      b.add(folder, `${sample}.cram`, {
        size: sizeOf(n, 14 * GB, 10 * GB),
        storage,
        metadata: { sample_id: sample },
      });
      b.add(folder, `${sample}.cram.crai`, {
        size: sizeOf(n, 1_200_000, 900_000),
        metadata: { sample_id: sample },
      });
    }
  }
}

function extras(b: Builder, root: string): void {
  const reference = b.folder(root, 'reference');
  for (const [name, size] of [
    ['Homo_sapiens_assembly38.fasta', 3_249_912_778],
    ['Homo_sapiens_assembly38.fasta.fai', 160_928],
    ['Homo_sapiens_assembly38.dict', 568_099],
  ] as const) {
    b.add(reference, name, { size, public: true });
  }
  const results = b.folder(root, 'results');
  b.add(results, 'joint-calls.vcf.gz', { size: 48 * GB });
  b.add(results, 'multiqc_report.html', { size: 18_432_001 });
  const imported = b.folder(root, 'imported');
  for (const name of ['plate_map.xlsx', 'consent_summary.pdf', 'pedigree.ped']) {
    b.add(imported, name, {
      size: 52_000,
      storage: { type: 'VOLUME', volume: ARCHIVE, location: `intake/${name}` },
    });
  }
  b.add(root, 'manifest.tsv', { size: 412_311 });
  b.add(root, 'README.md', { size: 2_048 });
}

function project(id: string, name: string, root: string): SimProject {
  return { id, name, root_folder: root, billing_group: '5d1f7c9a-0b1e-4c2d-9e3f-a1b2c3d4e5f6', tags: [] };
}

const VOLUMES: SimVolume[] = [
  {
    id: COHORT,
    name: 'cohort-2026',
    access_mode: 'RW',
    service: { type: 's3', bucket: 'lab-cohort-2026', prefix: '' },
  },
  {
    id: OUTPUT,
    name: 'output',
    access_mode: 'RW',
    service: { type: 's3', bucket: 'rfranklin-output', prefix: '' },
  },
  {
    id: ARCHIVE,
    name: 'archive',
    access_mode: 'RW',
    service: { type: 's3', bucket: 'rfranklin-archive', prefix: '' },
  },
  {
    id: READ_ONLY_VOLUME,
    name: 'topmed-freeze9',
    access_mode: 'RO',
    service: { type: 's3', bucket: 'topmed-freeze9', prefix: 'release' },
  },
];

/** Projects, folders, files and volumes of the demo; deterministic (same IDs on every run). */
export function demoCatalog(): SimCatalog {
  const b = new Builder(DEMO_PROJECT);
  const root = b.newId();
  cohort(b, root);
  extras(b, root);
  const pilot = new Builder('rfranklin/pilot-study');
  const pilotRoot = `7701c0a2e4b0${'1'.padStart(12, '0')}`;
  pilot.add(pilotRoot, 'pilot_001.bam', { id: `7701c0a2e4b0${'2'.padStart(12, '0')}`, size: 9 * GB });
  return {
    projects: [
      project(DEMO_PROJECT, 'Cohort 2026', root),
      project('rfranklin/pilot-study', 'Pilot study', pilotRoot),
      project('rfranklin/empty-sandbox', 'Empty sandbox', `7701c0a2e4b0${'3'.padStart(12, '0')}`),
    ],
    files: [...b.files, ...pilot.files],
    volumes: VOLUMES.map((v) => ({ ...v })),
    // Someone copied two samples of batch 1 by hand: exporting them there again without overwrite is a 9107.
    volumeObjects: { [COHORT]: ['cohort/batch_01/sample_0005.cram', 'cohort/batch_01/sample_0006.cram'] },
  };
}

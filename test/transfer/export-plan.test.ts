import { describe, expect, it } from 'vitest';
import type { ExportJob } from '../../src/platform/types.js';
import { ExportPlanError, planExport } from '../../src/transfer/export-plan.js';
import { walkFolder } from '../../src/transfer/walk.js';
import { FakeFolders, file, folder } from './fakes.js';

const folders = () =>
  new FakeFolders({
    run1: [
      file('a', 'a.cram', { size: 2_000_000_000 }),
      file('alias', 'b.cram', { storage: { type: 'VOLUME', volume: 'lab/in', location: 'raw/b.cram' } }),
      file('pub', 'ref.fa', { metadata: { sbg_public_files_category: 'reference' } }),
      file('c', 'c.cram', { size: 500_000_000 }),
      folder('sub', 'sub'),
    ],
    sub: [file('d', 'd.cram', { size: 1 })],
  });

const job = (id: string, state: string, fileId: string, location: string, volume = 'lab/out'): ExportJob => ({
  id,
  state,
  source: { file: fileId },
  destination: { volume, location },
});

describe('planExport', () => {
  it('sends each file to prefix + its path below the folder, the prefix defaulting to the folder path', async () => {
    const walk = await walkFolder(
      folders(),
      { ref: { parent: 'run1' }, path: 'runs/run1' },
      { recursive: true },
    );
    const plan = planExport(walk, { volume: 'lab/out' });
    expect(plan.prefix).toBe('runs/run1');
    expect(plan.items.map((i) => i.body)).toEqual([
      {
        source: { file: 'a' },
        destination: { volume: 'lab/out', location: 'runs/run1/a.cram' },
        overwrite: false,
      },
      {
        source: { file: 'c' },
        destination: { volume: 'lab/out', location: 'runs/run1/c.cram' },
        overwrite: false,
      },
      {
        source: { file: 'd' },
        destination: { volume: 'lab/out', location: 'runs/run1/sub/d.cram' },
        overwrite: false,
      },
    ]);
    const custom = planExport(walk, { volume: 'lab/out', prefix: '/archive/', overwrite: true });
    expect(custom.items.map((i) => i.body.destination.location)).toEqual([
      'archive/a.cram',
      'archive/c.cram',
      'archive/sub/d.cram',
    ]);
    expect(custom.items.every((i) => i.body.overwrite === true)).toBe(true);
    expect(planExport(walk, { volume: 'lab/out', prefix: '' }).items[0]!.body.destination.location).toBe(
      'a.cram',
    );
  });

  it('skips folders, aliases and public files with the reason', async () => {
    const walk = await walkFolder(folders(), { ref: { parent: 'run1' }, path: 'run1' });
    const plan = planExport(walk, { volume: 'lab/out' });
    expect(plan.items.map((i) => i.file.id)).toEqual(['a', 'c']);
    expect(plan.skipped.map((s) => [s.path, s.reason])).toEqual([
      ['sub', 'folder'],
      ['b.cram', 'alias'],
      ['ref.fa', 'public'],
    ]);
    expect(plan.skipped[1]!.detail).toBe('an alias of a volume file (lab/in:raw/b.cram): cannot be exported');
  });

  it('skips what the watch list already exported or is exporting to the same place; FAILED may go again', async () => {
    const walk = await walkFolder(folders(), { ref: { parent: 'run1' }, path: 'run1' }, { recursive: true });
    const watched = [
      job('j-done', 'COMPLETED', 'a', 'run1/a.cram'),
      job('j-run', 'RUNNING', 'c', '/run1/c.cram'),
      job('j-failed', 'FAILED', 'd', 'run1/sub/d.cram'),
      // Same file, another place: not the same export.
      job('j-elsewhere', 'COMPLETED', 'd', 'run1/sub/d.cram', 'lab/other'),
    ];
    const plan = planExport(walk, { volume: 'lab/out' }, watched);
    expect(plan.items.map((i) => [i.file.id, i.previousJobId])).toEqual([['d', 'j-failed']]);
    const why = Object.fromEntries(plan.skipped.map((s) => [s.id, [s.reason, s.detail]]));
    expect(why.a).toEqual(['already-exported', 'already exported to lab/out by j-done']);
    expect(why.c).toEqual(['already-running', 'already being exported by j-run']);
  });

  it('a COMPLETED retry wins over its FAILED original whatever the order; PENDING counts as running', async () => {
    const walk = await walkFolder(folders(), { ref: { parent: 'run1' }, path: 'run1' });
    const plan = planExport(walk, { volume: 'lab/out' }, [
      job('retry', 'COMPLETED', 'a', 'run1/a.cram'),
      job('orig', 'FAILED', 'a', 'run1/a.cram'),
      job('queued', 'PENDING', 'c', 'run1/c.cram'),
    ]);
    expect(plan.items).toEqual([]);
    expect(plan.skipped.filter((s) => s.reason.startsWith('already')).map((s) => s.reason)).toEqual([
      'already-exported',
      'already-running',
    ]);
  });

  it('the summary says how many, how big, where, what is skipped and copy or move', async () => {
    const walk = await walkFolder(
      folders(),
      { ref: { parent: 'run1' }, path: 'run1' },
      { include: ['*.cram'] },
    );
    expect(planExport(walk, { volume: 'lab/out' }).summary).toBe(
      'Export 2 files (2.5 GB) to lab/out:run1/ (1 skipped: folders; 1 skipped: aliases of volume files; ' +
        '1 not matching the filter) — copy (files stay in the project)?',
    );
    expect(planExport(walk, { volume: 'lab/out', copy: false, overwrite: true }).summary).toContain(
      '— MOVE (project files become aliases that cannot be exported again), overwriting existing files?',
    );
  });
});

describe('planExport: bad input', () => {
  it('refuses a volume that is not owner/volume', async () => {
    const walk = await walkFolder(folders(), { ref: { parent: 'run1' } });
    expect(() => planExport(walk, { volume: 'just-a-name' })).toThrow(ExportPlanError);
    expect(() => planExport(walk, { volume: 'lab/out/extra' })).toThrow(/owner\/volume/);
  });
});

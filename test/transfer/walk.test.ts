import { describe, expect, it } from 'vitest';
import type { FolderItem } from '../../src/transfer/ports.js';
import { nameFilter, type WalkProgress, walkFolder } from '../../src/transfer/walk.js';
import { FakeFolders, file, folder } from './fakes.js';

// project p:  data/ { a.cram, b.bam, sample_001.bam, sample_1000.bam, sub/ { c.cram, deep/ { d.cram } } }, top.cram
const tree = () =>
  new FakeFolders({
    'project:p': [folder('data', 'data'), file('top', 'top.cram')],
    data: [
      file('a', 'a.cram'),
      file('b', 'b.bam', { size: 5 }),
      file('s1', 'sample_001.bam'),
      file('s2', 'sample_1000.bam'),
      folder('sub', 'sub'),
    ],
    sub: [file('c', 'c.cram'), folder('deep', 'deep')],
    deep: [file('d', 'd.cram')],
  });

describe('nameFilter', () => {
  const found = (name: string, path = name) => ({ item: file('x', name), path });
  it('matches names with globs; several globs are alternatives', () => {
    const accept = nameFilter(['*.cram', 'sample_0??.bam']);
    expect(accept(found('a.cram'))).toBe(true);
    expect(accept(found('sample_001.bam'))).toBe(true);
    expect(accept(found('sample_1000.bam'))).toBe(false);
    expect(accept(found('a.cram.crai'))).toBe(false);
  });
  it('matches a leading dot, and no glob means every file', () => {
    expect(nameFilter(['*.bam'])(found('.hidden.bam'))).toBe(true);
    expect(nameFilter([])(found('anything'))).toBe(true);
    expect(nameFilter(['  '])(found('anything'))).toBe(true);
  });
  it('a glob with a slash matches the path below the chosen folder', () => {
    const accept = nameFilter(['sub/**/*.cram']);
    expect(accept(found('c.cram', 'sub/c.cram'))).toBe(true);
    expect(accept(found('d.cram', 'sub/deep/d.cram'))).toBe(true);
    expect(accept(found('a.cram', 'a.cram'))).toBe(false);
  });
});

describe('walkFolder', () => {
  it('without subfolders lists one folder and reports its folders as skipped', async () => {
    const folders = tree();
    const walk = await walkFolder(folders, { ref: { parent: 'data' }, path: '/data/' });
    expect(folders.listed).toEqual(['data']);
    expect(walk.rootPath).toBe('data');
    expect(walk.matched.map((f) => f.path)).toEqual(['a.cram', 'b.bam', 'sample_001.bam', 'sample_1000.bam']);
    expect(walk.skippedFolders.map((f) => f.path)).toEqual(['sub']);
    expect(walk.files).toBe(4);
    expect(walk.bytes).toBe(3005);
  });

  it('recursive walks every folder below, with paths relative to the chosen one', async () => {
    const walk = await walkFolder(tree(), { ref: { parent: 'data' }, path: 'data' }, { recursive: true });
    expect(walk.matched.map((f) => f.path)).toEqual([
      'a.cram',
      'b.bam',
      'sample_001.bam',
      'sample_1000.bam',
      'sub/c.cram',
      'sub/deep/d.cram',
    ]);
    expect(walk.skippedFolders).toEqual([]);
    expect(walk.folders).toBe(2);
  });

  it('starts at a project root and filters by glob while counting what it left out', async () => {
    const walk = await walkFolder(
      tree(),
      { ref: { project: 'p' } },
      { recursive: true, include: ['*.cram'] },
    );
    expect(walk.rootPath).toBe('');
    // A folder's own files first, then its subfolders, depth first.
    expect(walk.matched.map((f) => f.path)).toEqual([
      'top.cram',
      'data/a.cram',
      'data/sub/c.cram',
      'data/sub/deep/d.cram',
    ]);
    expect(walk.unmatched).toBe(3);
  });

  it('reports progress as it walks, ending with the totals', async () => {
    const seen: WalkProgress[] = [];
    await walkFolder(
      tree(),
      { ref: { parent: 'data' } },
      { recursive: true, onProgress: (p) => seen.push(p) },
    );
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.at(-1)).toEqual({ files: 6, bytes: 5005, folders: 2, unmatched: 0 });
    const files = seen.map((p) => p.files);
    expect(files).toEqual([...files].sort((a, b) => a - b));
  });

  it('reports progress inside a big folder too (every 100 items)', async () => {
    const big: FolderItem[] = Array.from({ length: 250 }, (_, i) => file(`f${i}`, `f${i}.bam`));
    const seen: number[] = [];
    await walkFolder(
      new FakeFolders({ big }),
      { ref: { parent: 'big' } },
      { onProgress: (p) => seen.push(p.files) },
    );
    expect(seen).toEqual([100, 200, 250]);
  });

  it('plans a file listed twice (paging over a changing folder) only once', async () => {
    const twice = new FakeFolders({ data: [file('a', 'a.bam'), file('b', 'b.bam'), file('a', 'a.bam')] });
    const walk = await walkFolder(twice, { ref: { parent: 'data' } });
    expect(walk.matched.map((f) => f.item.id)).toEqual(['a', 'b']);
    expect(walk.files).toBe(2);
  });

  it('stops when aborted, listing nothing more', async () => {
    const controller = new AbortController();
    const folders = new FakeFolders(
      { data: [folder('sub', 'sub'), folder('sub2', 'sub2')], sub: [file('c', 'c')], sub2: [file('e', 'e')] },
      (key) => {
        if (key === 'sub') controller.abort();
      },
    );
    const walking = walkFolder(
      folders,
      { ref: { parent: 'data' } },
      { recursive: true, signal: controller.signal },
    );
    await expect(walking).rejects.toMatchObject({ name: 'AbortError' });
    expect(folders.listed).toEqual(['data', 'sub']);
  });
});

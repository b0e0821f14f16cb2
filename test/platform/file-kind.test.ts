import { describe, expect, it } from 'vitest';
import { fileKind, type SbFile } from '../../src/platform/files.js';

const item = (extra: Partial<SbFile> = {}): SbFile => ({
  id: 'x',
  name: 'x.bam',
  type: 'file',
  storage: { type: 'PLATFORM' },
  ...extra,
});

describe('fileKind (sevenbridges field names)', () => {
  it('a folder is a folder whatever else it carries', () => {
    expect(fileKind(item({ type: 'FOLDER', storage: { type: 'VOLUME' } }))).toBe('folder');
  });

  it('an alias is a file whose storage type is VOLUME; missing or null storage is a plain file', () => {
    expect(fileKind(item({ storage: { type: 'volume', volume: 'lab/in' } }))).toBe('alias');
    expect(fileKind(item({ storage: null }))).toBe('file');
    expect(fileKind(item({ storage: undefined }))).toBe('file');
  });

  it('a public file has the public files category, lives in the public data project, or is marked public', () => {
    expect(fileKind(item({ metadata: { sbg_public_files_category: 'reference' } }))).toBe('public');
    expect(fileKind(item({ project: 'admin/sbg-public-data' }))).toBe('public');
    expect(fileKind(item({ public: true }))).toBe('public');
    expect(fileKind(item({ project: 'lab/p', metadata: { sample_id: '1' } }))).toBe('file');
    expect(fileKind(item({ metadata: { sbg_public_files_category: '  ' } }))).toBe('file');
    expect(fileKind(item({ metadata: null }))).toBe('file');
  });
});

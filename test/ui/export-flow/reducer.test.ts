// The flow's reducer alone: pure state changes, no screen, no platform.
import { describe, expect, it } from 'vitest';
import type { FolderItem } from '../../../src/transfer/ports.js';
import type { WalkResult } from '../../../src/transfer/walk.js';
import {
  type FlowAction,
  flowReducer,
  initialState,
  printable,
} from '../../../src/ui/export-flow/reducer.js';
import type { FlowState } from '../../../src/ui/export-flow/state.js';
import { watchedJobsOf } from '../../../src/ui/export-flow/watched.js';

const run = (state: FlowState, ...actions: FlowAction[]) => actions.reduce(flowReducer, state);
const enter: FlowAction = { type: 'enter', watched: [] };
const file = (id: string, name: string, extra: Partial<FolderItem> = {}): FolderItem => ({
  id,
  name,
  type: 'file',
  size: 10,
  storage: { type: 'PLATFORM' },
  ...extra,
});
const folder = (id: string, name: string): FolderItem => ({ id, name, type: 'folder' });

const withProjects = () =>
  run(initialState(), {
    type: 'projects',
    items: [
      { id: 'me/alpha', name: 'Alpha' },
      { id: 'me/beta', name: 'Beta study' },
    ],
    done: true,
  });

function inFolder(): FlowState {
  const s = run(withProjects(), enter);
  return run(s, {
    type: 'folder',
    id: s.folderId,
    items: [folder('f1', 'runs'), file('a', 'a.cram')],
    done: true,
  });
}

function walked(s: FlowState, rootPath = 'runs'): FlowState {
  const result: WalkResult = {
    rootPath,
    matched: [
      { item: file('a', 'a.cram'), path: 'a.cram' },
      { item: file('b', 'b.cram', { storage: { type: 'VOLUME', volume: 'x/y' } }), path: 'b.cram' },
    ],
    skippedFolders: [],
    files: 2,
    bytes: 20,
    folders: 0,
    unmatched: 0,
  };
  return run({ ...s, step: 'walking' }, { type: 'walkDone', result });
}

describe('flowReducer', () => {
  it('filters projects by every word typed and picks the visible one', () => {
    let s = run(withProjects(), { type: 'move', delta: 1 }, { type: 'text', text: 'study' });
    expect(s.projectCursor).toBe(0);
    s = run(s, enter);
    expect(s.project?.id).toBe('me/beta');
    expect(s.step).toBe('folder');
    expect(s.trail).toEqual([{ ref: { project: 'me/beta' }, name: 'Beta study', path: '' }]);
  });

  it("drops a listing's pages once another folder is open", () => {
    const s = inFolder();
    const stale = run(s, { type: 'folder', id: s.folderId - 1, items: [file('z', 'z')], done: true });
    expect(stale.folder.items.map((i) => i.id)).toEqual(['f1', 'a']);
  });

  it('opens folders, refuses to open files, goes up onto the folder it left', () => {
    let s = run(inFolder(), enter);
    expect(s.trail.at(-1)).toEqual({ ref: { parent: 'f1' }, name: 'runs', path: 'runs' });
    s = run(s, { type: 'erase' });
    expect(s.trail).toHaveLength(1);
    s = run(s, {
      type: 'folder',
      id: s.folderId,
      items: [file('a', 'a.cram'), folder('f1', 'runs')],
      done: true,
    });
    expect(s.folderCursor).toBe(1);
    s = run(s, { type: 'move', delta: -1 }, enter);
    expect(s.notice).toContain('press . to choose this folder');
    expect(run(s, { type: 'up' }).notice).toContain("project's root");
    expect(run(s, { type: 'here' }).step).toBe('filter');
  });

  it('defaults the prefix to the folder path but keeps one typed for the same folder', () => {
    let s = walked(inFolder());
    expect(s.step).toBe('volume');
    expect(s.prefix).toBe('runs');
    s = run({ ...s, step: 'options' }, { type: 'erase' }, { type: 'text', text: 'X' });
    expect(s.prefix).toBe('runX');
    expect(walked(s).prefix).toBe('runX');
    expect(walked(s, 'other').prefix).toBe('other');
  });

  it('refuses a read-only volume and plans on a writable one', () => {
    let s = run(walked(inFolder()), {
      type: 'volumes',
      items: [
        { id: 'ro/vol', writable: false, accessMode: 'RO' },
        { id: 'rw/vol', writable: true, accessMode: 'RW' },
      ],
      done: true,
    });
    s = run(s, enter);
    expect(s.step).toBe('volume');
    expect(s.notice).toBe('ro/vol is read-only: exports need a read-write volume');
    s = run(s, { type: 'move', delta: 1 }, enter, enter);
    expect(s.step).toBe('preview');
    expect(s.plan?.items.map((i) => i.body.destination)).toEqual([
      { volume: 'rw/vol', location: 'runs/a.cram' },
    ]);
    expect(s.plan?.skipped.map((k) => k.reason)).toEqual(['alias']);
    s = run(s, { type: 'confirm' });
    expect(s.submit).toEqual({ submitted: 0, total: 1, created: 0, errors: [] });
  });

  it('names refused items by their path, with code and message', () => {
    let s = run(walked(inFolder()), {
      type: 'volumes',
      items: [{ id: 'rw/vol', writable: true }],
      done: true,
    });
    s = run(s, enter, enter, { type: 'confirm' });
    const request = s.plan!.items[0]!.body;
    s = run(s, {
      type: 'batch',
      results: [{ index: 0, request, error: { code: 9107, message: 'Location taken.' } }],
      submitted: 1,
      total: 1,
    });
    expect(s.submit?.errors).toEqual([{ path: 'a.cram', message: '9107 Location taken.' }]);
    expect(run(s, { type: 'submitDone' }).step).toBe('done');
  });

  it('says so when every file is skipped, and steps back one step at a time', () => {
    let s = run(walked(inFolder()), {
      type: 'volumes',
      items: [{ id: 'rw/vol', writable: true }],
      done: true,
    });
    s = run(s, enter, enter);
    s = { ...s, plan: { ...s.plan!, items: [] } };
    expect(run(s, { type: 'confirm' }).notice).toBe('Nothing to send: every file is skipped');
    const steps = [s, ...[1, 2, 3, 4].map((n) => run(s, ...Array(n).fill({ type: 'back' })))].map(
      (x) => x.step,
    );
    expect(steps).toEqual(['preview', 'options', 'volume', 'filter', 'folder']);
  });

  it('keeps control bytes out of text fields', () => {
    expect(printable('a\u001b[Bb\r\nc\u007f')).toBe('a[Bbc');
  });
});

describe('watchedJobsOf', () => {
  it("keeps this platform's jobs (and entries of unknown platform), drops others and jobless entries", () => {
    const snapshot = (id: string) => ({
      status: 'ok' as const,
      fetchedAt: '2026-12-01T00:00:00.000Z',
      job: {
        id,
        state: 'RUNNING',
        source: { file: `f-${id}` },
        destination: { volume: 'me/v', location: `out/${id}` },
      },
    });
    const here = 'https://api.sb.biodatacatalyst.nhlbi.nih.gov/v2';
    const got = watchedJobsOf(
      [
        { id: 'a', endpoint: here, snapshot: snapshot('a') },
        { id: 'b', endpoint: 'https://cgc-api.sbgenomics.com/v2', snapshot: snapshot('b') },
        { id: 'c', snapshot: snapshot('c') },
        { id: 'd', endpoint: here },
      ],
      here,
    );
    expect(got).toEqual([
      {
        id: 'a',
        state: 'RUNNING',
        source: { file: 'f-a' },
        destination: { volume: 'me/v', location: 'out/a' },
      },
      {
        id: 'c',
        state: 'RUNNING',
        source: { file: 'f-c' },
        destination: { volume: 'me/v', location: 'out/c' },
      },
    ]);
  });
});

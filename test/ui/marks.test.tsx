// Marks (issue 13): Space, * and u, keyed by job ID so a refresh, a sort or a filter never changes them.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_COMPLETED, SEED_FAILED } from '../../src/demo/seed.js';
import type { SimJob } from '../../src/demo/simulator.js';
import { WatchStore } from '../../src/store/watch-store.js';
import { MARK_SYMBOL } from '../../src/ui/components/JobRow.js';
import { jobId } from '../commands/helpers.js';
import { KEY, mountApp, rowOf, selectedLine, unmountAll } from './harness.js';

afterEach(unmountAll);

const EXTRA = jobId('done', 0);
const jobs: SimJob[] = [
  { job: SEED_COMPLETED },
  { job: SEED_FAILED },
  { job: { ...SEED_COMPLETED, id: EXTRA, destination: { volume: 'lab/other', location: 'x.bam' } } },
];
const watch = [SEED_COMPLETED.id, SEED_FAILED.id, EXTRA];

/** The marker column of a row: the cursor, then the mark. */
const isMarked = (frame: string, id: string) => rowOf(frame, id).slice(1, 2) === MARK_SYMBOL;
// Visible rows, without the ANSI colour codes the frame carries.
const plain = (f: string) => f.replace(/\u001B\[[0-9;]*m/g, '');

describe('marks', () => {
  it('Space marks the selected job and moves down; the header counts the marks; Space again unmarks', async () => {
    const m = await mountApp({ jobs, watch });
    await m.waitFor((f) => f.includes('FAILED') && f.includes(EXTRA));
    await m.press(' ');
    const raw = await m.waitFor((f) => f.includes('1 marked'), 'one mark in the header');
    let f = plain(raw);
    expect(isMarked(f, SEED_COMPLETED.id)).toBe(true);
    expect(isMarked(f, SEED_FAILED.id)).toBe(false);
    expect(selectedLine(f)).toContain(SEED_FAILED.id);
    await m.press(' ');
    f = plain(await m.waitFor((f) => f.includes('2 marked')));
    expect(isMarked(f, SEED_FAILED.id)).toBe(true);
    await m.press('k', ' ');
    f = plain(await m.waitFor((f) => f.includes('1 marked')));
    expect(isMarked(f, SEED_FAILED.id)).toBe(false);
    expect(isMarked(f, SEED_COMPLETED.id)).toBe(true);
  });

  it('marks survive a refresh, a sort and a filter', async () => {
    const m = await mountApp({ jobs, watch });
    await m.waitFor((f) => f.includes('FAILED') && f.includes(EXTRA));
    await m.press('j', ' ');
    await m.waitFor((f) => f.includes('1 marked'));
    await m.press('r');
    await m.waitFor((f) => f.includes('Refreshing'));
    await m.press('s');
    let f = plain(await m.waitFor((f) => f.includes('sort state')));
    expect(isMarked(f, SEED_FAILED.id)).toBe(true);
    expect(f).toContain('1 marked');
    await m.press('/', 'lab/other', KEY.enter);
    f = plain(await m.waitFor((f) => f.includes('1 match') && !f.includes('Enter keeps')));
    expect(rowOf(f, SEED_FAILED.id)).toBe('');
    expect(f).toContain('1 marked');
    await m.press(KEY.esc);
    f = plain(await m.waitFor((f) => !f.includes('filter "')));
    expect(isMarked(f, SEED_FAILED.id)).toBe(true);
    expect(isMarked(f, SEED_COMPLETED.id)).toBe(false);
  });

  it('a job another process stops watching takes its mark with it', async () => {
    const m = await mountApp({ jobs, watch, watchExternal: true });
    await m.waitFor((f) => f.includes('FAILED') && f.includes(EXTRA));
    await m.press(' ', ' ');
    await m.waitFor((f) => f.includes('2 marked'));
    const other = WatchStore.open({ cwd: path.dirname(m.store.path) });
    other.remove([SEED_COMPLETED.id]);
    other.close();
    const f = plain(
      await m.waitFor(
        (f) => !f.includes(SEED_COMPLETED.id) && f.includes('1 marked'),
        'the job and its mark gone',
      ),
    );
    expect(isMarked(f, SEED_FAILED.id)).toBe(true);
    // u clears what is left: one mark, not a ghost of the removed job.
    await m.press('u');
    await m.waitFor((f) => !f.includes('marked'), 'no marks');
  });

  it('* marks the jobs a filter shows, * again unmarks them, and u clears every mark', async () => {
    const m = await mountApp({ jobs, watch });
    await m.waitFor((f) => f.includes('FAILED') && f.includes(EXTRA));
    await m.press('/', 'rfranklin', KEY.enter);
    await m.waitFor((f) => f.includes('2 matches') && !f.includes('Enter keeps'));
    await m.press('*');
    await m.waitFor((f) => f.includes('2 marked'));
    await m.press(KEY.esc);
    let f = plain(await m.waitFor((f) => !f.includes('filter "') && f.includes(EXTRA)));
    expect(isMarked(f, SEED_COMPLETED.id)).toBe(true);
    expect(isMarked(f, SEED_FAILED.id)).toBe(true);
    expect(isMarked(f, EXTRA)).toBe(false);
    await m.press('*');
    f = plain(await m.waitFor((f) => f.includes('3 marked')));
    await m.press('*');
    f = plain(await m.waitFor((f) => !f.includes('marked')));
    expect(isMarked(f, SEED_COMPLETED.id)).toBe(false);
    await m.press('*');
    await m.waitFor((f) => f.includes('3 marked'));
    await m.press('u');
    f = plain(await m.waitFor((f) => !f.includes('marked')));
    for (const id of watch) expect(isMarked(f, id)).toBe(false);
  });
});

// d, c and R on the marked jobs (issue 13), with real keys against the simulator and its demo catalog.
import { afterEach, describe, expect, it } from 'vitest';
import { demoCatalog, READ_ONLY_VOLUME } from '../../src/demo/seed-catalog.js';
import { OUTPUT } from '../../src/demo/seed-jobs.js';
import type { SimJob } from '../../src/demo/simulator.js';
import type { ExportJob } from '../../src/platform/types.js';
import { MARK_SYMBOL } from '../../src/ui/components/JobRow.js';
import { READ_ONLY_REFUSAL } from '../../src/ui/input/context.js';
import { E9101, failed, jobId } from '../commands/helpers.js';
import { KEY, mountApp, rowOf, unmountAll } from './harness.js';

afterEach(unmountAll);

// 1, 2: 9107 on a writable volume; 3: on the demo's read-only volume (refused again); done0: COMPLETED.
const DONE: ExportJob = { ...failed(0, OUTPUT), id: jobId('done', 0), state: 'COMPLETED', error: undefined };
const JOBS = [failed(1, OUTPUT), failed(2, OUTPUT), failed(3, READ_ONLY_VOLUME, E9101), DONE];
const IDS = JOBS.map((j) => j.id);
const simJobs = JOBS.map((job): SimJob => ({ job }));

const isMarked = (frame: string, id: string) => rowOf(frame, id).slice(1, 2) === MARK_SYMBOL;

async function mount(readOnly = false) {
  // Wide enough for the platform's whole message in the flash line.
  const size = { columns: 160, rows: 30 };
  const m = await mountApp({ jobs: simJobs, watch: IDS, catalog: demoCatalog(), props: { readOnly, size } });
  await m.waitFor((f) => IDS.every((id) => rowOf(f, id).includes(id)) && f.includes('COMPLETED'));
  return m;
}

describe('acting on marked jobs', () => {
  it('R restarts the marked FAILED jobs under a new prefix in one confirmation; a refused one stays marked', async () => {
    const m = await mount();
    await m.press('*');
    await m.waitFor((f) => f.includes('4 marked'));
    await m.press('R');
    await m.waitFor((f) => f.includes('Start the 4 marked jobs again'));
    await m.press('l');
    await m.waitFor((f) => f.includes('New location or path prefix'));
    await m.press('retry', KEY.enter);
    await m.waitFor((f) => f.includes('c/Enter = copy'));
    await m.press(KEY.enter);
    const q = await m.waitFor((f) => f.includes('(y/N) Restart 3 FAILED jobs'), 'the one confirmation');
    expect(q).toContain('1 skipped: not FAILED');
    expect(q).toContain('under retry/');
    await m.press('y');
    const f = await m.waitFor((f) => f.includes('Started 2 as a copy; 1 refused'), 'the outcome');
    // The platform's own message for the refused job.
    expect(f).toContain(`${IDS[2]}: Volume ${READ_ONLY_VOLUME} is not writable`);
    const ids = m.store.ids();
    expect(ids).toHaveLength(6);
    // Each new job right under the job it restarts; the refused one has none.
    expect([ids[0], ids[2], ids[4], ids[5]]).toEqual(IDS);
    for (const [fresh, n] of [
      [ids[1]!, 1],
      [ids[3]!, 2],
    ] as const) {
      expect(m.sim.started(fresh)).toEqual({ copyOnly: true, via: 'bulk' });
      expect(m.sim.job(fresh)?.destination?.location).toBe(`retry/s${n}.cram`);
    }
    expect(m.sim.stats.bulkCreateSizes).toEqual([3]);
    const after = await m.waitFor((f) => f.includes('2 marked'));
    expect(isMarked(after, IDS[2]!)).toBe(true);
    expect(isMarked(after, IDS[0]!)).toBe(false);
    expect(isMarked(after, IDS[3]!)).toBe(true);
  });

  it('d asks once, naming the count and the first IDs, and stops watching every marked job', async () => {
    const m = await mount();
    await m.press('*');
    await m.waitFor((f) => f.includes('4 marked'));
    await m.press('d');
    await m.waitFor((f) => f.includes('Stop watching 4 jobs (fail0000…, fail0000…, fail0000…, …)? (y/N)'));
    await m.press('y');
    await m.waitFor((f) => f.includes('Stopped watching 4 jobs') && !f.includes('marked'));
    expect(m.store.ids()).toEqual([]);
  });

  it('c copies every marked ID, one per line', async () => {
    const m = await mount();
    await m.press(' ', 'j', ' ');
    await m.waitFor((f) => f.includes('2 marked'));
    await m.press('c');
    await m.waitFor((f) => f.includes('Copied 2 IDs'));
    expect(m.effects.copied).toEqual([`${IDS[0]}\n${IDS[2]}`]);
  });

  it('--read-only refuses d and R on marked jobs; marks and c still work', async () => {
    const m = await mount(true);
    await m.press('*');
    await m.waitFor((f) => f.includes('4 marked'));
    await m.press('d');
    await m.waitFor((f) => f.includes(READ_ONLY_REFUSAL));
    await m.press('R');
    await m.waitFor((f) => f.includes(READ_ONLY_REFUSAL) && !f.includes('(y/N)') && !f.includes('again:'));
    await m.press('c');
    await m.waitFor((f) => f.includes('Copied 4 IDs'));
    expect(m.effects.copied).toEqual([IDS.join('\n')]);
    expect(m.store.ids()).toEqual(IDS);
    expect(m.sim.stats.bulkCreates).toBe(0);
  });

  it('R on 150 marked FAILED jobs sends two bulk calls (100 + 50), all as copies', async () => {
    const many = Array.from({ length: 150 }, (_, i) => failed(100 + i, OUTPUT));
    const ids = many.map((j) => j.id);
    const m = await mountApp({
      jobs: many.map((job): SimJob => ({ job })),
      watch: ids,
      props: { size: { columns: 160, rows: 30 } },
    });
    await m.waitFor((f) => f.includes('150 failed'));
    await m.press('*');
    await m.waitFor((f) => f.includes('150 marked'));
    await m.press('R', 'o', 'c');
    const q = await m.waitFor((f) => f.includes('(y/N) Restart 150 FAILED jobs'));
    expect(q).toContain('overwrite at the same location, copy');
    await m.press('y');
    await m.waitFor((f) => f.includes('Started 150 as a copy') && !f.includes('marked'));
    expect(m.sim.stats.bulkCreateSizes).toEqual([100, 50]);
    const store = m.store.ids();
    expect(store).toHaveLength(300);
    expect(store.filter((_, i) => i % 2 === 0)).toEqual(ids);
    for (const fresh of store.filter((_, i) => i % 2 === 1))
      expect(m.sim.started(fresh)?.copyOnly).toBe(true);
  });
});

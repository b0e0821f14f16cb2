import { afterEach, describe, expect, it } from 'vitest';
import { demoJobs, demoWatchIds, SEED_COMPLETED, SEED_FAILED } from '../../src/demo/seed.js';
import type { SimJob } from '../../src/demo/simulator.js';
import { KEY_BINDINGS } from '../../src/ui/keys.js';
import { KEY, mountApp, rowOf, selectedLine, unmountAll } from './harness.js';

afterEach(unmountAll);

const seedJobs = [{ job: SEED_COMPLETED }, { job: SEED_FAILED }];

describe('filter', () => {
  it('narrows the table live, shows the filter and match count, and Esc clears it', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: [SEED_COMPLETED.id, SEED_FAILED.id] });
    await m.waitFor((f) => f.includes('FAILED'));
    await m.press('/', 'S3_F');
    const f = await m.waitFor(
      (f) => f.includes('filter "s3_f"') || f.includes('filter "S3_F"'),
      'the filter in the header',
    );
    expect(f).toMatch(/1 match\b/);
    expect(rowOf(f, SEED_FAILED.id)).toContain('FAILED');
    expect(rowOf(f, SEED_COMPLETED.id)).toBe('');
    await m.press(KEY.enter); // keep it
    await m.waitFor((f) => !f.includes('Enter keeps'));
    expect(m.frame()).toContain('1/1');
    await m.press(KEY.esc);
    await m.waitFor((f) => f.includes('1/2') && !f.includes('filter "'), 'filter cleared');
  });

  it('searches error messages too, and says when nothing matches', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: [SEED_COMPLETED.id, SEED_FAILED.id] });
    await m.waitFor((f) => f.includes('FAILED'));
    await m.press('/', 'already contains');
    await m.waitFor((f) => f.includes('1 match') && rowOf(f, SEED_FAILED.id) !== '');
    await m.press(KEY.backspace.repeat(1), 'zzzz');
    await m.waitFor((f) => f.includes('No job matches the filter'));
  });
});

describe('help', () => {
  it('lists every key of the current view from the key table, and any key closes it', async () => {
    // Tall enough for one column: two columns cut long descriptions to fit.
    const size = { columns: 120, rows: 40 };
    const m = await mountApp({ jobs: seedJobs, watch: [SEED_COMPLETED.id], props: { size } });
    await m.waitFor((f) => f.includes('COMPLETED'));
    await m.press('?');
    const f = await m.waitFor((f) => f.includes('KEYS — job table'));
    for (const b of KEY_BINDINGS.filter((b) => b.views.includes('table'))) expect(f).toContain(b.description);
    await m.press('x');
    await m.waitFor((f) => !f.includes('KEYS —'));
  });
});

describe('acting on a job', () => {
  it('c copies the selected ID (OSC 52 in the real terminal) and says so', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: [SEED_COMPLETED.id, SEED_FAILED.id] });
    await m.waitFor((f) => f.includes('FAILED'));
    await m.press('j', 'c');
    await m.waitFor((f) => f.includes(`Copied ${SEED_FAILED.id}`));
    expect(m.effects.copied).toEqual([SEED_FAILED.id]);
  });

  it('R starts a FAILED job again with overwrite, as a copy by default, right under the old one', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: [SEED_FAILED.id, SEED_COMPLETED.id] });
    await m.waitFor((f) => f.includes('FAILED'));
    await m.press('R');
    await m.waitFor((f) => f.includes('o = overwrite'));
    await m.press('o');
    await m.waitFor(
      (f) =>
        f.includes('c/Enter = copy (keep the file in the project)') && f.includes('OVERWRITE _4_s3_file.jpg'),
    );
    await m.press(KEY.enter);
    const q = await m.waitFor((f) => f.includes('(y/N) Restart 1 FAILED job'), 'the confirmation');
    expect(q).toContain('overwrite at the same location, copy (files stay in the project)');
    await m.press('y');
    await m.waitFor((f) => f.includes('Started ') && f.includes('as a copy'), 'the new job started');
    const ids = m.store.ids();
    expect(ids).toHaveLength(3);
    expect(ids[0]).toBe(SEED_FAILED.id);
    expect(ids[2]).toBe(SEED_COMPLETED.id);
    const fresh = ids[1]!;
    expect(m.sim.started(fresh)).toEqual({ copyOnly: true, via: 'bulk' });
    expect(m.sim.job(fresh)?.overwrite).toBe(true);
    expect(m.sim.job(fresh)?.destination?.location).toBe('_4_s3_file.jpg');
    expect(selectedLine(m.frame())).toContain(fresh);
  });

  it('R with a new location as a move says MOVE before it asks, and sends no copy_only', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: [SEED_FAILED.id, SEED_COMPLETED.id] });
    await m.waitFor((f) => f.includes('FAILED'));
    await m.press('R', 'l');
    await m.waitFor((f) => f.includes('New location'));
    await m.press(KEY.backspace, KEY.backspace, KEY.backspace, 'png');
    await m.waitFor((f) => f.includes('_4_s3_file.png'));
    await m.press(KEY.enter);
    await m.waitFor((f) => f.includes('m = MOVE') && f.includes('to _4_s3_file.png'));
    await m.press('m');
    const q = await m.waitFor((f) => f.includes('(y/N) Restart 1 FAILED job'), 'the confirmation');
    expect(q).toContain('to _4_s3_file.png, MOVE');
    await m.press('y');
    await m.waitFor((f) => f.includes('Started ') && f.includes('as a move'));
    const fresh = m.store.ids()[1]!;
    expect(m.sim.started(fresh)).toEqual({ copyOnly: false, via: 'bulk' });
    expect(m.sim.job(fresh)?.destination?.location).toBe('_4_s3_file.png');
    expect(m.sim.job(fresh)?.overwrite).toBe(false);
    await m.press('G', 'R');
    await m.waitFor((f) => f.includes('select a FAILED job first'));
  });

  it('R answered n at the confirmation starts nothing', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: [SEED_FAILED.id] });
    await m.waitFor((f) => f.includes('FAILED'));
    await m.press('R', 'o', 'c');
    await m.waitFor((f) => f.includes('(y/N) Restart 1 FAILED job'));
    await m.press('n');
    await m.waitFor((f) => !f.includes('(y/N)'));
    expect(m.store.ids()).toEqual([SEED_FAILED.id]);
  });

  it('i imports jobs from the platform list and adds only those not yet watched', async () => {
    const now = Date.now();
    const m = await mountApp({ jobs: demoJobs(now), watch: demoWatchIds() });
    await m.waitFor((f) => f.includes('NOT FOUND'));
    const before = m.store.ids().length;
    await m.press('i');
    await m.waitFor((f) => f.includes('Import from platform'));
    await m.press('rfranklin/output completed', KEY.enter);
    const f = await m.waitFor(
      (f) => /Found \d+ jobs · added \d+ not yet watched/.test(f),
      'the import result',
    );
    const added = Number(/added (\d+)/.exec(f)![1]);
    expect(added).toBeGreaterThan(0);
    expect(m.store.ids().length).toBe(before + added);
  });
});

describe('import, cancelled', () => {
  it('Esc while the platform list is being read drops the request itself, and nothing is added', async () => {
    const m = await mountApp({ jobs: demoJobs(Date.now()), watch: demoWatchIds(), intervalMs: 60_000 });
    await m.waitFor((f) => f.includes('NOT FOUND'));
    const before = m.store.ids().length;
    const { requests, lists } = m.sim.stats;
    m.sim.faults.stallMs = 300;
    await m.press('i', 'rfranklin/output', KEY.enter);
    // The list request has reached the simulator, which holds it for 300 ms.
    await m.waitFor(
      (f) => f.includes('Importing from the platform… (Esc cancels)') && m.sim.stats.requests > requests,
      'the busy line and the request at the simulator',
    );
    await m.press(KEY.esc);
    await m.waitFor((f) => f.includes('Import cancelled'), 'the cancel flash');
    // A later request held as long: when it is answered, the import's hold is over too (timers of one
    // length fire in the order they were set), and the simulator has answered it only if its connection
    // was still open.
    await m.client.request('GET', '/storage/exports', { query: { limit: 1 } });
    m.sim.faults.stallMs = 0;
    expect(m.sim.stats.lists - lists).toBe(1);
    expect(m.store.ids()).toHaveLength(before);
  });
});

describe('links', () => {
  it('makes more_info and href clickable (OSC 8) where the terminal supports it, plain text otherwise', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: [SEED_FAILED.id], props: { hyperlinks: true } });
    await m.waitFor((f) => f.includes('FAILED'));
    await m.press(KEY.enter, KEY.end);
    const f = await m.waitFor((f) => f.includes('more_info'));
    const more = SEED_FAILED.error!.more_info!;
    expect(f).toContain(`\u001b]8;;${more}\u001b\\${more}\u001b]8;;\u001b\\`);
    const off = await mountApp({ jobs: seedJobs, watch: [SEED_FAILED.id] });
    await off.waitFor((f) => f.includes('FAILED'));
    await off.press(KEY.enter, KEY.end);
    const g = await off.waitFor((f) => f.includes('more_info'));
    expect(g).not.toContain('\u001b]8;;');
  });
});

describe('noticing changes', () => {
  it('flashes the transition, marks the row, and rings the bell when a job fails', async () => {
    const id = 'Fa11ingJob000000000000000000000x';
    const jobs: SimJob[] = [
      {
        job: {
          id,
          state: 'PENDING',
          source: { file: 'f1' },
          destination: { volume: 'v/o', location: 'x.bam' },
        },
        runningAfterMs: 150,
        finishAfterMs: 600,
        finalState: 'FAILED',
        finalError: { status: 409, code: 9107, message: 'Location on volume already contains a file.' },
      },
    ];
    const m = await mountApp({ jobs, watch: [id], intervalMs: 50 });
    const f = await m.waitFor(
      (f) => f.includes(`${id} RUNNING → FAILED`) || f.includes(`${id} PENDING → FAILED`),
      'the change flash',
      10_000,
    );
    expect(rowOf(f, id)).toMatch(/^.•/); // the changed-row mark
    expect(m.effects.bells).toBe(1);
  });

  it('--no-bell keeps quiet', async () => {
    const id = 'Fa11ingJob000000000000000000000y';
    const jobs: SimJob[] = [
      {
        job: { id, state: 'RUNNING' },
        finishAfterMs: 300,
        finalState: 'FAILED',
        finalError: { message: 'boom' },
      },
    ];
    const m = await mountApp({ jobs, watch: [id], intervalMs: 50, props: { bell: false } });
    await m.waitFor((f) => f.includes('→ FAILED'), 'the change flash', 10_000);
    expect(m.effects.bells).toBe(0);
  });
});

describe('terminal sizes', () => {
  it('fits 80×24 by dropping low-value columns, and keeps the position visible', async () => {
    const m = await mountApp({
      jobs: seedJobs,
      watch: [SEED_COMPLETED.id, SEED_FAILED.id],
      props: { size: { columns: 80, rows: 24 } },
    });
    const f = await m.waitFor((f) => f.includes('FAILED'));
    const lines = f.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    expect(f).not.toContain('SOURCE FILE');
    expect(f).toContain('DESTINATION');
    expect(f).toContain('1/2');
  });

  it('says the terminal is too small instead of drawing garbage', async () => {
    const m = await mountApp({
      jobs: seedJobs,
      watch: [SEED_COMPLETED.id],
      props: { size: { columns: 40, rows: 8 } },
    });
    await m.waitFor((f) => f.includes('Terminal too small: 40×8'));
    await m.press('q');
    expect(m.effects.quits).toBe(1);
  });
});

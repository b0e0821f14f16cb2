import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_MISSING_ID, manyJobs, SEED_COMPLETED, SEED_FAILED } from '../../src/demo/seed.js';
import { KEY, mountApp, rowOf, selectedLine, unmountAll } from './harness.js';

afterEach(unmountAll);

const seedJobs = [{ job: SEED_COMPLETED }, { job: SEED_FAILED }];
const seedWatch = [SEED_COMPLETED.id, SEED_FAILED.id, DEMO_MISSING_ID];

describe('the table', () => {
  it('shows both seed-page jobs with their states and the missing one as NOT FOUND', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: seedWatch });
    const f = await m.waitFor(
      (f) => f.includes('NOT FOUND') && f.includes('✖ FAILED') && f.includes('✔ COMPLETED'),
      'all three states',
    );
    expect(rowOf(f, SEED_COMPLETED.id)).toMatch(/✔ COMPLETED\s+rfranklin\/output\/output\.vcf/);
    expect(rowOf(f, SEED_FAILED.id)).toContain('✖ FAILED');
    expect(rowOf(f, DEMO_MISSING_ID)).toContain('? NOT FOUND');
    expect(f).toContain('1/3');
    expect(f).toContain('3/3 final');
  });

  it('moves with arrows and j/k, and shows the position', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: seedWatch });
    await m.waitFor((f) => f.includes('NOT FOUND'));
    await m.press(KEY.down);
    await m.waitFor((f) => selectedLine(f).includes(SEED_FAILED.id), 'second row selected');
    expect(m.frame()).toContain('2/3');
    await m.press('j');
    await m.waitFor((f) => selectedLine(f).includes(DEMO_MISSING_ID), 'third row selected');
    await m.press(KEY.down); // stays on the last row: one k later the cursor is on the second
    await m.press('k');
    await m.waitFor((f) => selectedLine(f).includes(SEED_FAILED.id) && f.includes('2/3'), 'one up');
    await m.press(KEY.up);
    await m.waitFor(
      (f) => selectedLine(f).includes(SEED_COMPLETED.id) && f.includes('1/3'),
      'back at the top',
    );
  });

  it('keeps a window over a long list: End, Home, PgDn and typed-ahead keys', async () => {
    const jobs = manyJobs(500, 20, Date.now());
    const m = await mountApp({ jobs, watch: jobs.map((j) => j.job.id) });
    await m.waitFor((f) => f.includes('1/500'));
    // Only the visible window is drawn: 24 rows high, never 500 lines.
    expect(m.frame().split('\n').length).toBeLessThanOrEqual(23);
    await m.press(KEY.end);
    await m.waitFor(
      (f) => f.includes('500/500') && selectedLine(f).includes(jobs[499]!.job.id),
      'the last job',
    );
    await m.press('g');
    await m.waitFor((f) => f.includes('1/500'), 'back to the first');
    // 24 rows: 18 in the table's window, and a page is one less, so the last row stays in view.
    await m.press(KEY.pageDown);
    await m.waitFor((f) => f.includes('18/500') && selectedLine(f).includes(jobs[17]!.job.id), 'a page down');
    await m.press(KEY.pageUp);
    await m.waitFor((f) => f.includes('1/500') && selectedLine(f).includes(jobs[0]!.job.id), 'a page up');
    // Typed ahead, arriving as one string: End, four down (already at the end), two up.
    await m.press('G', 'jjjjkk');
    await m.waitFor(
      (f) => f.includes('498/500') && selectedLine(f).includes(jobs[497]!.job.id),
      'typed-ahead keys applied',
    );
    await m.press('gjjjk');
    await m.waitFor((f) => f.includes('3/500') && selectedLine(f).includes(jobs[2]!.job.id), 'from the top');
  });

  it('keeps the selection on the same job when the list is re-sorted', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: seedWatch });
    await m.waitFor((f) => f.includes('NOT FOUND'));
    await m.press(KEY.down);
    await m.waitFor((f) => selectedLine(f).includes(SEED_FAILED.id));
    await m.press('s'); // sort by state
    await m.waitFor((f) => f.includes('STATE ▲'), 'sort marker on the STATE column');
    expect(selectedLine(m.frame())).toContain(SEED_FAILED.id);
    await m.press('S');
    await m.waitFor((f) => f.includes('STATE ▼'), 'reversed');
    expect(selectedLine(m.frame())).toContain(SEED_FAILED.id);
  });
});

describe('the detail pane', () => {
  it('shows every field of the FAILED seed job, its overwrite flag and its error block', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: seedWatch });
    await m.waitFor((f) => f.includes('FAILED'));
    await m.press(KEY.down, KEY.enter);
    const f = await m.waitFor((f) => f.includes('DETAILS'), 'the detail pane');
    for (const text of [
      SEED_FAILED.id,
      '/storage/exports/yrand0mqLcnVaDEFYyM75zZ7M6rvTeZm',
      'FAILED',
      '567890abc4f3066bc3750174',
      'rfranklin/output',
      '_4_s3_file.jpg',
      '2016-06-22T13:38:57Z',
      'sse_algorithm',
      'AES256',
      'sse_aws_kms_key_id',
      '67f68072-45b6-12b3-789c-37be8b0f2f04',
      'aws_canned_acl',
      'public-read',
    ]) {
      expect(f).toContain(text);
    }
    expect(f).toMatch(/Overwrite\s+no/);
    // The error block may be below the fold on a 24-row screen: scroll to it.
    await m.press(KEY.end);
    const g = await m.waitFor((f) => f.includes('9107'), 'the error block');
    expect(g).toMatch(/status\s+409/);
    expect(g).toContain('Location on volume already contains a file');
    expect(g).toContain('api-status-codes#9107');
    await m.press(KEY.esc);
    await m.waitFor((f) => !f.includes('DETAILS') && f.includes('STATE'), 'back to the table');
  });

  it('shows the COMPLETED seed job with its storage class and opens with → and closes with ←', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: seedWatch });
    await m.waitFor((f) => f.includes('COMPLETED'));
    await m.press(KEY.right);
    const f = await m.waitFor((f) => f.includes('DETAILS'));
    expect(f).toContain('aws_storage_class');
    expect(f).toContain('STANDARD');
    expect(f).toMatch(/Duration\s+2s/);
    await m.press(KEY.left);
    await m.waitFor((f) => !f.includes('DETAILS'));
  });

  it('explains a NOT FOUND job with the API message', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: seedWatch });
    await m.waitFor((f) => f.includes('NOT FOUND'));
    await m.press(KEY.end, KEY.enter);
    const f = await m.waitFor((f) => f.includes('DETAILS'));
    expect(f).toContain('NOT FOUND');
    expect(f).toContain('9008');
  });
});

describe('typed ahead', () => {
  it('"j" and Enter in one burst open the second job', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: seedWatch });
    await m.waitFor((f) => f.includes('NOT FOUND'));
    await m.press('j\r');
    const f = await m.waitFor((f) => f.includes('DETAILS'), 'the detail pane');
    expect(f).toContain('_4_s3_file.jpg');
  });
});

describe('keys faster than frames', () => {
  it('a key read before the last change was drawn acts on the list that change made', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: seedWatch });
    await m.waitFor((f) => f.includes('NOT FOUND'));
    await m.press('/', 'output.vcf', KEY.enter);
    await m.waitFor((f) => f.includes('1/1') && !f.includes('Enter keeps'), 'the filtered table');
    // The filter erased and kept, then j: all before a frame. j must move over the whole list again.
    m.sendTogether('/', KEY.backspace.repeat(10), KEY.enter, 'j');
    const f = await m.waitFor((f) => !f.includes('filter "') && !f.includes('Enter keeps'), 'the whole list');
    expect(f).toContain('2/3');
    expect(selectedLine(f)).toContain(SEED_FAILED.id);
  });
});

describe('quitting', () => {
  it('q and Ctrl-C quit', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: seedWatch });
    await m.waitFor((f) => f.includes('COMPLETED'));
    await m.press('q');
    await m.press(KEY.ctrlC);
    expect(m.effects.quits).toBe(2);
  });
});

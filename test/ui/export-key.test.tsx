// `e` in the App: the export flow takes the screen, its jobs land in the watch list as each bulk call
// answers, and the table watches them once the flow closes. Real keys, the real services, the simulator.
import { afterEach, describe, expect, it } from 'vitest';
import { demoCatalog } from '../../src/demo/seed-catalog.js';
import { KEY, mountApp, unmountAll } from './harness.js';

afterEach(unmountAll);

const has = (text: string) => (f: string) => f.includes(text);

describe('the export flow from the table', () => {
  it('e opens it, Esc at the first step gives the table back', async () => {
    const m = await mountApp({ jobs: [], watch: [], catalog: demoCatalog() });
    await m.waitFor(has('0/0'), 'the empty table');
    await m.press('e');
    await m.waitFor(has('rfranklin/cohort-2026'), 'the project list');
    await m.press(KEY.esc);
    await m.waitFor(has('0/0'), 'the table again');
  });

  it("starts a folder's exports as copies and watches every new job", async () => {
    const m = await mountApp({ jobs: [], watch: [], catalog: demoCatalog() });
    await m.press('e');
    await m.waitFor(has('rfranklin/cohort-2026'), 'the project list');
    await m.press('c', 'o', 'h', 'o', 'r', 't');
    await m.waitFor(has('1 matching'), 'the filtered list');
    await m.press(KEY.enter);
    await m.waitFor(has('manifest.tsv'), "the project's root");
    await m.press(KEY.enter);
    await m.waitFor(has('20 items'), 'the cohort folder listed');
    await m.press(KEY.enter);
    await m.waitFor(has('200 items'), 'batch_01 listed');
    await m.press('.');
    await m.waitFor(has('file filter'), 'the filter step');
    for (const ch of '*.crai') await m.press(ch);
    await m.press(KEY.enter);
    await m.waitFor(has('3 read-write'), 'the volume step');
    await m.press(KEY.home, KEY.down);
    await m.press(KEY.enter);
    await m.waitFor(has('path and mode'), 'the options step');
    await m.press(KEY.enter);
    await m.waitFor(has('3/4 Preview'), 'the preview');
    expect(m.store.size).toBe(0); // nothing is sent before y
    await m.press('y');
    await m.waitFor(has('Done: every export was accepted'), 'the summary');
    expect(m.store.size).toBe(100);
    const started = m.store.ids().map((id) => m.sim.started(id));
    expect(started.every((s) => s?.copyOnly === true && s.via === 'bulk')).toBe(true);
    await m.press('x');
    await m.waitFor(has('1/100'), 'the table watching the new jobs');
  });

  it('is refused in --read-only', async () => {
    const m = await mountApp({ jobs: [], watch: [], catalog: demoCatalog(), props: { readOnly: true } });
    await m.waitFor(has('0/0'), 'the empty table');
    await m.press('e');
    await m.waitFor(has('Read-only mode'), 'the refusal');
    expect(m.frame()).not.toContain('rfranklin/cohort-2026');
  });
});

// Step 1 on the real platform functions against the simulator: projects, folders, the filter and the walk.
import { afterEach, describe, expect, it } from 'vitest';
import {
  has,
  KEY,
  mountFlow,
  openBatch01,
  openDemoProject,
  selectedLine,
  unmountAll,
} from './flow-harness.js';

afterEach(unmountAll);

describe('export flow: source', () => {
  it('filters the project list as you type, and Esc on the first step closes the flow', async () => {
    const flow = await mountFlow();
    let f = await flow.waitFor(has('3 projects'), 'every project listed');
    expect(f).toContain('rfranklin/pilot-study');
    f = await flow.press('pilot', has('1 matching'), 'the filtered list');
    expect(selectedLine(f)).toContain('rfranklin/pilot-study');
    expect(f).not.toContain('rfranklin/cohort-2026');
    f = await flow.press(KEY.backspace.repeat(5), has('Filter: \u258f'), 'the filter erased');
    expect(f).toContain('rfranklin/cohort-2026');
    await flow.press(KEY.esc, () => flow.closed === 1, 'the flow closed');
  });

  it('browses into folders with Enter and back up with Backspace, the cursor on the folder left', async () => {
    const flow = await mountFlow();
    await openBatch01(flow);
    let f = flow.frame();
    expect(f).toContain('In: rfranklin/cohort-2026:/cohort/batch_01');
    expect(f).toMatch(/1–\d+ of 200/);
    f = await flow.press(KEY.backspace, has('In: rfranklin/cohort-2026:/cohort\n'), 'back in cohort');
    f = await flow.waitFor((x) => selectedLine(x).includes('batch_01/'), 'the cursor on batch_01');
    f = await flow.press(KEY.down, (x) => selectedLine(x).includes('batch_02/'), 'the cursor moved');
    f = await flow.press(KEY.backspace, has('manifest.tsv'), 'back at the root');
    expect(selectedLine(f)).toContain('cohort/');
    // Up from the root says so and stays.
    f = await flow.press(KEY.backspace, has("This is the project's root folder"), 'the root notice');
    // Esc goes back a step: the project list.
    await flow.press(KEY.esc, has('1/4 Source: project'), 'the project list again');
  });

  it('shows files in a folder with their sizes, aliases and public files marked', async () => {
    const flow = await mountFlow();
    await openDemoProject(flow);
    // reference/ holds the public reference files.
    await flow.press(KEY.down, (x) => selectedLine(x).includes('reference/'), 'the cursor on reference');
    const f = await flow.press(KEY.enter, has('Homo_sapiens_assembly38.fasta '), 'the reference folder');
    expect(f).toMatch(/Homo_sapiens_assembly38\.fasta {2}3\.2 GB \(public\)/);
  });

  it('walks the chosen folder with a glob and counts the files and bytes', async () => {
    const flow = await mountFlow();
    await openBatch01(flow);
    let f = await flow.press('.', has('1/4 Source: file filter'), 'the filter step');
    expect(f).toContain('Folder: rfranklin/cohort-2026:/cohort/batch_01');
    f = await flow.press('sample_00?[0-4].cram', has('sample_00?[0-4].cram'), 'the glob typed');
    f = await flow.press(KEY.enter, has('2/4 Destination: volume'), 'the walk done');
    // sample_0001..0004 and 0010..0094 with a last digit 0-4: 4 + 9×5 = 49 files.
    expect(f).toMatch(/Source: rfranklin\/cohort-2026:\/cohort\/batch_01 · 49 files, [\d.]+ [GT]B /);
    expect(f).toContain('151 not matching');
  });

  it('walks subfolders only when asked, and Esc stops a walk in progress', async () => {
    const flow = await mountFlow();
    await openDemoProject(flow);
    await flow.press('.', has('file filter'), 'the filter step');
    let f = await flow.press(
      KEY.down,
      (x) => selectedLine(x).includes('Include subfolders'),
      'the subfolder field',
    );
    f = await flow.press(' ', has('[ ] no'), 'subfolders off');
    f = await flow.press(KEY.enter, has('2/4 Destination'), 'the walk of the root alone');
    expect(f).toContain('2 files');
    expect(f).toContain('4 folders seen');
    // Back to the filter, subfolders on, and a walk that the platform answers slowly: Esc stops it.
    f = await flow.press(KEY.esc, has('file filter'), 'the filter again');
    expect(selectedLine(f)).toContain('Include subfolders');
    await flow.press(KEY.tab, (x) => selectedLine(x).includes('Names'), 'Tab: the glob field');
    await flow.press(
      KEY.tab,
      (x) => selectedLine(x).includes('Include subfolders'),
      'Tab: the subfolder field',
    );
    await flow.press(' ', has('[x] yes'), 'subfolders on');
    flow.sim.faults.stallMs = 2000;
    await flow.press(KEY.enter, has('listing files'), 'the walk running');
    f = await flow.press(KEY.esc, has('1/4 Source: file filter'), 'the walk stopped');
    expect(f).not.toContain('Listing failed');
    flow.sim.faults.stallMs = undefined;
  });
});

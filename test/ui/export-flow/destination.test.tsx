// Step 2 against the simulator's volumes: read-only refused, the prefix, copy or move (said plainly), overwrite.
import { afterEach, describe, expect, it } from 'vitest';
import { has, KEY, mountFlow, openBatch01, selectedLine, unmountAll } from './flow-harness.js';

afterEach(unmountAll);

async function toVolumes(glob: string) {
  const flow = await mountFlow();
  await openBatch01(flow);
  await flow.press('.', has('file filter'), 'the filter step');
  if (glob) await flow.press(glob, has(glob), 'the glob typed');
  await flow.press(KEY.enter, has('2/4 Destination: volume'), 'the volume step');
  await flow.waitFor(has('4 volumes, 3 read-write'), 'every volume listed');
  return flow;
}

describe('export flow: destination', () => {
  it('lists read-only volumes as such and refuses to choose one', async () => {
    const flow = await toVolumes('*.crai');
    let f = flow.frame();
    expect(f).toMatch(/✗ bdc-shared\/topmed-freeze9 {2}read-only \(RO\): cannot be chosen/);
    f = await flow.press(KEY.end, (x) => selectedLine(x).includes('topmed-freeze9'), 'the cursor on it');
    f = await flow.press(KEY.enter, has('is read-only: exports need a read-write volume'), 'the refusal');
    expect(f).toContain('2/4 Destination: volume');
    f = await flow.press(KEY.up, (x) => selectedLine(x).includes('rfranklin/archive'), 'a writable one');
    expect(f).not.toContain('is read-only');
    f = await flow.press(KEY.enter, has('2/4 Destination: path and mode'), 'the options step');
    expect(f).toContain('Volume: rfranklin/archive');
  });

  it('defaults the prefix to the folder path and copy, and says what a move does', async () => {
    const flow = await toVolumes('*.crai');
    await flow.press(KEY.down, (x) => selectedLine(x).includes('rfranklin/output'), 'output');
    let f = await flow.press(KEY.enter, has('path and mode'), 'the options step');
    expect(f).toContain('Path prefix on the volume: cohort/batch_01');
    expect(f).toContain('e.g. rfranklin/output:cohort/batch_01/sample_0001.cram.crai');
    expect(f).toContain('(•) copy  ( ) move');
    expect(f).toContain('Copy: the files stay in the project.');
    await flow.press(KEY.down, (x) => selectedLine(x).includes('Mode'), 'the mode field');
    f = await flow.press(' ', has('(•) MOVE'), 'move chosen');
    expect(f).toContain('the project files become aliases of the volume files');
    expect(f).toContain('an alias cannot be exported again');
    await flow.press(KEY.down, (x) => selectedLine(x).includes('Overwrite'), 'the overwrite field');
    await flow.press(KEY.right, has('Overwrite existing files: [x] yes'), 'overwrite on');
    // Back to the prefix (wrapping upwards), edit it: the preview goes there.
    await flow.press(KEY.tab, (x) => selectedLine(x).includes('Path prefix'), 'the prefix field');
    await flow.press(KEY.backspace.repeat(8), has('Path prefix on the volume: cohort/▏'), 'prefix cut');
    f = await flow.press('rerun 2', has('cohort/rerun 2'), 'prefix typed');
    f = await flow.press(KEY.enter, has('3/4 Preview'), 'the preview');
    expect(f).toContain('to rfranklin/output:cohort/rerun 2/');
    const summary = f.replace(/\n/g, ' ');
    expect(summary).toContain(
      'MOVE (project files become aliases that cannot be exported again), overwriting',
    );
    // Esc goes back one step at a time, keeping what was chosen.
    f = await flow.press(KEY.esc, has('path and mode'), 'the options again');
    expect(f).toContain('(•) MOVE');
    await flow.press(KEY.esc, has('2/4 Destination: volume'), 'the volumes again');
    await flow.press(KEY.esc, has('1/4 Source: file filter'), 'the filter again');
  });
});

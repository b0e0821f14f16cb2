import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_MISSING_ID, SEED_COMPLETED, SEED_FAILED } from '../../src/demo/seed.js';
import { WatchStore } from '../../src/store/watch-store.js';
import { KEY, mountApp, rowOf, selectedLine, unmountAll } from './harness.js';

afterEach(unmountAll);

const seedJobs = [{ job: SEED_COMPLETED }, { job: SEED_FAILED }];
const NEW_A = 'Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1';
const NEW_B = 'Bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2';

describe('adding jobs', () => {
  it('adds a pasted list of IDs and URLs, reports duplicates and malformed input, and saves only the valid ones', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: [SEED_COMPLETED.id] });
    await m.waitFor((f) => f.includes('COMPLETED'));
    await m.press('a');
    await m.waitFor((f) => f.includes('Add IDs or URLs'), 'the add prompt');
    const url = `${m.sim.url}/storage/exports/${SEED_FAILED.id}`;
    // One paste: newlines, commas, a URL, a duplicate, a bad ID.
    await m.press(`${NEW_A}\n${url}, ${SEED_COMPLETED.id} tooShort`);
    await m.waitFor((f) => /invalid/.test(f) && /already/.test(f), 'the live preview');
    await m.press(KEY.enter);
    const f = await m.waitFor((f) => f.includes('Added 2'), 'the result flash');
    expect(f).toMatch(/1 already watched/);
    expect(f).toMatch(/1 invalid: tooShort: wrong length/);
    expect(m.store.ids()).toEqual([SEED_COMPLETED.id, NEW_A, SEED_FAILED.id]);
    // The URL's job is fetched and shown; the unknown new ID becomes NOT FOUND.
    await m.waitFor(
      (f) => rowOf(f, SEED_FAILED.id).includes('FAILED') && rowOf(f, NEW_A).includes('NOT FOUND'),
    );
  });

  it('takes a paste of 10,000 IDs in one go', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: [SEED_COMPLETED.id], intervalMs: 60_000 });
    await m.waitFor((f) => f.includes('COMPLETED'));
    const ids = Array.from({ length: 10_000 }, (_, i) => `Paste${String(i).padStart(27, '0')}`);
    await m.press('a', ids.join('\n'), KEY.enter);
    await m.waitFor((f) => f.includes('Added 10000'), 'the result', 20_000);
    expect(m.store.ids()).toHaveLength(10_001);
    await m.waitFor((f) => f.includes('/10001'), 'the position over the whole list');
  });

  it('edits with Backspace (\\x7f) and cancels with Esc without saving', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: [SEED_COMPLETED.id] });
    await m.waitFor((f) => f.includes('COMPLETED'));
    await m.press('a', NEW_B, 'x', 'y');
    await m.waitFor((f) => f.includes(`${NEW_B}xy`));
    await m.press(KEY.backspace, KEY.backspace);
    await m.waitFor((f) => f.includes(NEW_B) && !f.includes(`${NEW_B}x`), 'two characters erased');
    await m.press(KEY.esc);
    await m.waitFor((f) => !f.includes('Add IDs or URLs'), 'the prompt closed');
    expect(m.store.ids()).toEqual([SEED_COMPLETED.id]);
  });

  it('says so when Enter is pressed on an empty prompt', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: [SEED_COMPLETED.id] });
    await m.waitFor((f) => f.includes('COMPLETED'));
    await m.press('a', '   ', KEY.enter);
    await m.waitFor((f) => f.includes('Nothing to add'));
    expect(m.store.ids()).toEqual([SEED_COMPLETED.id]);
  });
});

describe('removing jobs', () => {
  it('asks first, and removes only on y', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: [SEED_COMPLETED.id, SEED_FAILED.id, DEMO_MISSING_ID] });
    await m.waitFor((f) => f.includes('NOT FOUND'));
    await m.press(KEY.down, 'd');
    await m.waitFor((f) => f.includes(`Stop watching ${SEED_FAILED.id}? (y/N)`), 'the question');
    await m.press('n');
    await m.waitFor((f) => !f.includes('Stop watching'));
    expect(m.store.ids()).toHaveLength(3);
    await m.press(KEY.delete);
    await m.waitFor((f) => f.includes('Stop watching'));
    await m.press('y');
    await m.waitFor((f) => !rowOf(f, SEED_FAILED.id).includes('FAILED') && f.includes('2/2'), 'the row gone');
    expect(m.store.ids()).toEqual([SEED_COMPLETED.id, DEMO_MISSING_ID]);
    // The cursor moves to the neighbour, not back to the top.
    expect(selectedLine(m.frame())).toContain(DEMO_MISSING_ID);
  });
});

describe('keys typed ahead into prompts', () => {
  it('Backspace and Enter inside one burst edit and submit instead of landing in the text', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: [SEED_FAILED.id] });
    await m.waitFor((f) => f.includes('FAILED'));
    await m.press('R', 'l');
    await m.waitFor((f) => f.includes('New location'));
    await m.press('\u007f\u007f\u007fpng\r');
    await m.waitFor(
      (f) => f.includes('Esc — to _4_s3_file.png'),
      'the confirmation with the edited location',
    );
    await m.press('n');
    await m.press('a', `${NEW_A}x\u007f\r`);
    await m.waitFor((f) => f.includes('Added 1'), 'the add submitted by the Enter inside the burst');
    expect(m.store.ids()).toEqual([SEED_FAILED.id, NEW_A]);
  });

  it('a key that opens a question takes the rest of the burst as its answer ("dy")', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: [SEED_COMPLETED.id, SEED_FAILED.id] });
    await m.waitFor((f) => f.includes('FAILED'));
    await m.press('jdy');
    await m.waitFor((f) => f.includes(`Stopped watching ${SEED_FAILED.id}`));
    expect(m.store.ids()).toEqual([SEED_COMPLETED.id]);
  });
});

describe('a watch list that cannot be saved', () => {
  it('says so on the flash line and keeps running', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: [SEED_COMPLETED.id] });
    await m.waitFor((f) => f.includes('COMPLETED'));
    // The file becomes a directory: every read and write of it now fails.
    fs.rmSync(m.store.path);
    fs.mkdirSync(m.store.path);
    await m.press('a', NEW_B, KEY.enter);
    await m.waitFor((f) => f.includes('Could not save the watch list'), 'the save error');
    await m.press('d', 'y');
    await m.waitFor((f) => f.includes('Could not save the watch list') && !f.includes('Stop watching'));
    await m.press(KEY.down);
    expect(m.frame()).toMatch(/\d+\/\d+/);
    fs.rmdirSync(m.store.path); // writable again, so the final save on unmount works
  });
});

describe('another process', () => {
  it('adds from a script appear, and a file broken while running is moved aside and reported', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: [SEED_COMPLETED.id], watchExternal: true });
    await m.waitFor((f) => f.includes('COMPLETED'));
    const other = WatchStore.open({ cwd: path.dirname(m.store.path) });
    other.add([SEED_FAILED.id]);
    other.close();
    await m.waitFor((f) => f.includes(SEED_FAILED.id), 'the job added by the other process');
    fs.writeFileSync(m.store.path, '{ this is not json');
    await m.waitFor((f) => f.includes('was corrupt'), 'the corrupt-file notice');
    expect(m.store.ids()).toEqual([SEED_COMPLETED.id, SEED_FAILED.id]);
    // What the app holds is now the only copy: it is written back without waiting for another change.
    const onDisk = () => {
      try {
        return JSON.parse(fs.readFileSync(m.store.path, 'utf8')).entries.length as number;
      } catch {
        return -1;
      }
    };
    await m.waitFor(() => onDisk() === 2, 'the list written back');
  });
});

describe('read-only mode', () => {
  it('refuses every key that would change something with the same message, and hides their hints', async () => {
    const m = await mountApp({
      jobs: seedJobs,
      watch: [SEED_FAILED.id, SEED_COMPLETED.id],
      props: { readOnly: true },
    });
    await m.waitFor((f) => f.includes('COMPLETED'));
    expect(m.frame()).not.toContain('a add');
    expect(m.frame()).not.toContain('d remove');
    // R on the FAILED job (selected) would ask how to start it again; i would open the import prompt.
    for (const key of ['a', 'd', KEY.delete, 'R', 'i', 'e']) {
      await m.press(key);
      // The refusal is drawn in the same frame as whatever the key would have opened: its absence is final.
      const f = await m.waitFor((f) => f.includes('Read-only mode'), `the refusal of ${JSON.stringify(key)}`);
      expect(f).not.toMatch(/Stop watching|Add IDs|o = overwrite|Import from platform|Export to a volume/);
      // Another message in between, so the next refusal is a new frame.
      await m.press('c');
      await m.waitFor((f) => f.includes('Copied') && !f.includes('Read-only mode'), 'the copy flash');
    }
    expect(m.store.ids()).toEqual([SEED_FAILED.id, SEED_COMPLETED.id]);
  });
});

describe('Backspace in the table', () => {
  it('is not the Delete key: it asks nothing and removes nothing', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: [SEED_COMPLETED.id, SEED_FAILED.id, DEMO_MISSING_ID] });
    await m.waitFor((f) => f.includes('NOT FOUND'));
    // Had Backspace opened "Stop watching?", this j would have answered it (no) instead of moving the cursor.
    await m.press(KEY.backspace, 'j');
    const f = await m.waitFor((f) => f.includes('2/3'), 'the cursor moved by the key after Backspace');
    expect(f).not.toContain('Stop watching');
    expect(selectedLine(f)).toContain(SEED_FAILED.id);
    // Ctrl-H, the other Backspace, likewise.
    await m.press('\b', 'k');
    await m.waitFor((f) => f.includes('1/3') && !f.includes('Stop watching'), 'the cursor moved by k');
    expect(m.store.ids()).toHaveLength(3);
    await m.press('j');
    await m.waitFor((f) => f.includes('2/3'));
    // The Delete key (ESC [ 3 ~) still asks.
    await m.press(KEY.delete);
    await m.waitFor((f) => f.includes(`Stop watching ${SEED_FAILED.id}? (y/N)`), 'the question');
  });
});

describe('pasting (bracketed paste)', () => {
  it('a list pasted in pieces stays text for the prompt: line breaks, and letters that are keys in the table', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: [SEED_COMPLETED.id, SEED_FAILED.id] });
    await m.waitFor((f) => f.includes('FAILED'));
    await m.press('a');
    await m.waitFor((f) => f.includes('Add IDs or URLs'), 'the add prompt');
    // The first piece ends in a line break (unbracketed, that would be Enter), then `d`, `y`, `/`, `s`
    // and an escape sequence: as keys they would remove a job, filter and sort.
    await m.press(KEY.pasteStart, `${NEW_A}\n`, 'd y / s\u001B[2J', `\r${NEW_B}\n`, KEY.pasteEnd);
    await m.waitFor((f) => f.includes('2 new'), 'the preview of both new IDs');
    expect(m.frame()).toContain('Add IDs or URLs');
    expect(m.store.ids()).toEqual([SEED_COMPLETED.id, SEED_FAILED.id]);
    await m.press(KEY.enter);
    await m.waitFor((f) => f.includes('Added 2'), 'the result');
    expect(m.store.ids()).toEqual([SEED_COMPLETED.id, SEED_FAILED.id, NEW_A, NEW_B]);
    expect(m.frame()).not.toMatch(/filter "|sort state/);
  });

  it('a paste into the table opens the add prompt with the pasted text', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: [SEED_COMPLETED.id] });
    await m.waitFor((f) => f.includes('COMPLETED'));
    await m.press(KEY.pasteStart, `${NEW_A}\n${NEW_B}\n`, KEY.pasteEnd);
    await m.waitFor((f) => f.includes('Add IDs or URLs') && f.includes('2 new'), 'the prompt with the paste');
    expect(m.store.ids()).toEqual([SEED_COMPLETED.id]);
    await m.press(KEY.enter);
    await m.waitFor((f) => f.includes('Added 2'), 'the result');
  });

  it('in a one-line prompt a pasted line break is a space, not Enter; read-only refuses a paste', async () => {
    const m = await mountApp({ jobs: seedJobs, watch: [SEED_COMPLETED.id, SEED_FAILED.id] });
    await m.waitFor((f) => f.includes('FAILED'));
    await m.press('/');
    await m.press(KEY.pasteStart, 'output\n', KEY.pasteEnd);
    await m.waitFor((f) => f.includes('/output '), 'the filter text with a space for the line break');
    await m.press(KEY.esc);
    await unmountAll();

    const ro = await mountApp({ jobs: seedJobs, watch: [SEED_COMPLETED.id], props: { readOnly: true } });
    await ro.waitFor((f) => f.includes('COMPLETED'));
    await ro.press(KEY.pasteStart, `${NEW_A} d`, KEY.pasteEnd);
    await ro.waitFor((f) => f.includes('Read-only mode'), 'the refusal');
    expect(ro.frame()).not.toContain('Add IDs or URLs');
    expect(ro.store.ids()).toEqual([SEED_COMPLETED.id]);
  });
});

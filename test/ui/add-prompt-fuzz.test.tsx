// Property test of the add prompt as a person uses it: whatever is pasted
// (control characters, emoji, escape sequences, URLs, huge lists), the app keeps
// drawing, says what happened, and saves only well-formed, new export IDs.
import fc from 'fast-check';
import { afterEach, expect, it } from 'vitest';
import { SEED_COMPLETED } from '../../src/demo/seed.js';
import { EXPORT_ID_PATTERN } from '../../src/ids.js';
import { KEY, type Mounted, mountApp, unmountAll } from './harness.js';

afterEach(unmountAll);

const idChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
const validId = fc.string({ unit: idChar, minLength: 32, maxLength: 32 });
const junk = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '\u001b]2;x\u0007',
    '\u001b[2J',
    'https://evil.example.com/v2/storage/exports/x',
    '🚀🚀',
    '\u0000',
  ),
  validId.map((id) => `https://cgc-api.sbgenomics.com/v2/storage/exports/${id}`),
);
const paste = fc
  .array(fc.oneof(validId, junk), { maxLength: 12 })
  .chain((parts) => fc.constantFrom(' ', ',', '\n', '\t', ' ;').map((sep) => parts.join(sep)));

/**
 * Round after round: open the add prompt, paste with `send`, press Enter. Whatever the paste, the app keeps
 * drawing and saves only well-formed, new IDs, and every ID watched before is still there.
 */
async function pasteRounds(
  send: (m: Mounted, text: string, round: number) => Promise<void>,
  numRuns: number,
) {
  const m = await mountApp({
    jobs: [{ job: SEED_COMPLETED }],
    watch: [SEED_COMPLETED.id],
    intervalMs: 10_000,
  });
  await m.waitFor((f) => f.includes('COMPLETED'));
  let round = 0;
  await fc.assert(
    fc.asyncProperty(paste, async (text) => {
      round++;
      const before = new Set(m.store.ids());
      await m.press('a');
      await m.waitFor((f) => f.includes('Add IDs or URLs'), 'the prompt');
      await send(m, text, round);
      await m.press(KEY.enter);
      await m.waitFor((f) => !f.includes('Add IDs or URLs'), `the prompt to close (round ${round})`);
      const after = m.store.ids();
      for (const id of after) expect(id).toMatch(EXPORT_ID_PATTERN);
      expect(new Set(after).size).toBe(after.length);
      for (const id of before) expect(after).toContain(id);
      expect(m.frame()).toMatch(/\d+\/\d+/);
    }),
    { numRuns },
  );
}

it('never saves anything but new, well-formed IDs, and never stops drawing', {
  timeout: 60_000,
}, async () => {
  // As a terminal pastes once the app has turned bracketed paste on: the text between two markers, escape
  // sequences and line breaks included, in pieces cut anywhere; the prompt stays open until Enter.
  await pasteRounds(async (m, text, round) => {
    const cut = Math.floor(text.length / 2);
    await m.press(KEY.pasteStart, text.slice(0, cut), text.slice(cut), KEY.pasteEnd);
    await m.waitFor(
      (f) => f.includes('Add IDs or URLs'),
      `the prompt still open after the paste (round ${round})`,
    );
  }, 40);
});

it('a terminal without bracketed paste: a paste without escape sequences, in one piece, is text as well', {
  timeout: 60_000,
}, async () => {
  // Without the markers Ink cuts a paste at every ESC, and an ESC alone is the Esc key.
  await pasteRounds((m, text) => m.press(text.replace(/\u001b/g, '') || ' '), 20);
});

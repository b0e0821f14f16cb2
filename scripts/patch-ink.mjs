// Run after every `npm install` (postinstall). Ink 6 builds a fresh width/glyph
// cache for every frame, so each frame re-measures every character on screen:
// most of a frame's cost with a 40-row table (issue 4: idle CPU, refresh cost).
// This shares the cache between frames, bounded so it cannot grow without end:
// a cached line holds one object per cell, so ~400 lines (ten full screens of
// new text) is the most it keeps (the soak test watches the heap).
// It edits one line of node_modules/ink/build/output.js, idempotently; if a
// future Ink no longer has that line it says so and changes nothing.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const MARK = 'sbBoundedOutputCaches';
const LINE = '    caches = new OutputCaches();';
const SHARED = `
// Patched by sbexport-tui (scripts/patch-ink.mjs): one cache for all frames.
let sbSharedCaches = new OutputCaches();
function ${MARK}() {
    if (sbSharedCaches.styledChars.size > 400 || sbSharedCaches.widths.size > 4000) sbSharedCaches = new OutputCaches();
    return sbSharedCaches;
}
`;

const require = createRequire(import.meta.url);
let file;
try {
  file = path.join(path.dirname(require.resolve('ink')), 'output.js');
} catch {
  console.warn('patch-ink: ink is not installed; nothing to patch');
  process.exit(0);
}
let source = fs.readFileSync(file, 'utf8');
if (source.includes(MARK)) process.exit(0);
// An earlier version of this patch: take it out first.
const earlier = /\n\/\/ Patched by sbexport-tui[\s\S]*?\n(?=\nexport default class Output)/;
if (earlier.test(source)) {
  source = source.replace(earlier, '').replace(/ {4}caches = sbOutputCaches\w*\(\);/, LINE);
}
if (!source.includes(LINE) || !source.includes('export default class Output')) {
  console.warn(`patch-ink: ${file} has changed; Ink's frame caches are not shared (slower redraws)`);
  process.exit(0);
}
fs.writeFileSync(
  file,
  source
    .replace(LINE, `    caches = ${MARK}();`)
    .replace('export default class Output', `${SHARED}\nexport default class Output`),
);
console.log('patch-ink: Ink frame caches shared between frames');

// Run after every `npm install` (postinstall). Ink 6 rebuilds every frame from nothing: a fresh
// width/glyph cache, then a grid of one object per screen cell, then every line turned back into a string.
// A 120×40 table costs ~20 ms a frame that way, though a refresh changes a few lines (issue 4: idle CPU,
// refresh cost). Two edits of node_modules/ink/build/output.js, each idempotent; if a future Ink no longer
// has the text an edit expects, it says so and leaves that part alone (Ink then works as shipped, slower):
//  1. one width/glyph cache shared by all frames, bounded so it cannot grow without end (a cached line
//     holds one object per cell: ~400 lines, ten full screens of new text, is the most it keeps);
//  2. each screen line is built from what was written on it (position and text, after clipping and
//     styling): a line written exactly as in an earlier frame is taken from a bounded cache instead of being
//     painted cell by cell again. Lines never affect each other in Ink's grid, so the result is the same.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const SHARED_CACHES = {
  mark: 'sbBoundedOutputCaches',
  find: '    caches = new OutputCaches();',
  replace: '    caches = sbBoundedOutputCaches();',
  before: 'export default class Output',
  code: `
// Patched by sbexport-tui (scripts/patch-ink.mjs): one cache for all frames.
let sbSharedCaches = new OutputCaches();
function sbBoundedOutputCaches() {
    if (sbSharedCaches.styledChars.size > 400 || sbSharedCaches.widths.size > 4000) sbSharedCaches = new OutputCaches();
    return sbSharedCaches;
}
`,
};

const LINE_CACHE = {
  mark: 'sbLineCachedGet',
  find: '    get() {\n',
  replace: '    get() {\n        return sbLineCachedGet(this);\n    }\n    inkOriginalGet() {\n',
  before: 'export default class Output',
  // The same steps as Ink's get() below (clips, out-of-range lines, transformers, wide characters),
  // gathered per line first, then painted only for lines not seen before.
  code: `
// Patched by sbexport-tui (scripts/patch-ink.mjs): lines painted once, then reused.
let sbLines = new Map();
function sbPaintLine(output, width, writes) {
    const line = [];
    for (let x = 0; x < width; x++) line.push({ type: 'char', value: ' ', fullWidth: false, styles: [] });
    for (let w = 0; w < writes.length; w += 2) {
        let offsetX = writes[w];
        for (const character of output.caches.getStyledChars(writes[w + 1])) {
            line[offsetX] = character;
            const characterWidth = Math.max(1, output.caches.getStringWidth(character.value));
            for (let index = 1; index < characterWidth; index++) {
                line[offsetX + index] = { type: 'char', value: '', fullWidth: false, styles: character.styles };
            }
            offsetX += characterWidth;
        }
    }
    return styledCharsToString(line.filter(item => item !== undefined)).trimEnd();
}
function sbLineCachedGet(output) {
    const rows = Array.from({ length: output.height }, () => []);
    const clips = [];
    for (const operation of output.operations) {
        if (operation.type === 'clip') clips.push(operation.clip);
        if (operation.type === 'unclip') clips.pop();
        if (operation.type !== 'write') continue;
        const { text, transformers } = operation;
        let { x, y } = operation;
        let lines = text.split('\\n');
        const clip = clips.at(-1);
        if (clip) {
            const clipHorizontally = typeof clip?.x1 === 'number' && typeof clip?.x2 === 'number';
            const clipVertically = typeof clip?.y1 === 'number' && typeof clip?.y2 === 'number';
            if (clipHorizontally) {
                const width = output.caches.getWidestLine(text);
                if (x + width < clip.x1 || x > clip.x2) continue;
            }
            if (clipVertically) {
                if (y + lines.length < clip.y1 || y > clip.y2) continue;
            }
            if (clipHorizontally) {
                lines = lines.map(line => {
                    const from = x < clip.x1 ? clip.x1 - x : 0;
                    const width = output.caches.getStringWidth(line);
                    const to = x + width > clip.x2 ? clip.x2 - x : width;
                    return sliceAnsi(line, from, to);
                });
                if (x < clip.x1) x = clip.x1;
            }
            if (clipVertically) {
                const from = y < clip.y1 ? clip.y1 - y : 0;
                const to = y + lines.length > clip.y2 ? clip.y2 - y : lines.length;
                lines = lines.slice(from, to);
                if (y < clip.y1) y = clip.y1;
            }
        }
        // As in Ink: the first line outside the grid stops the rest of this write.
        for (let index = 0; index < lines.length && rows[y + index]; index++) {
            let line = lines[index];
            for (const transformer of transformers) line = transformer(line, index);
            rows[y + index].push(x, line);
        }
    }
    if (sbLines.size > 4 * output.height + 200) sbLines = new Map();
    const generated = rows.map(writes => {
        if (writes.length === 0) return '';
        const key = output.width + '\\u0000' + writes.join('\\u0000');
        let line = sbLines.get(key);
        if (line === undefined) {
            line = sbPaintLine(output, output.width, writes);
            sbLines.set(key, line);
        }
        return line;
    });
    return { output: generated.join('\\n'), height: rows.length };
}
`,
};

const PATCHES = [SHARED_CACHES, LINE_CACHE];

const require = createRequire(import.meta.url);
let file;
try {
  file = path.join(path.dirname(require.resolve('ink')), 'output.js');
} catch {
  console.warn('patch-ink: ink is not installed; nothing to patch');
  process.exit(0);
}
let source = fs.readFileSync(file, 'utf8');
const original = source;
// An earlier version of the shared-cache edit: take it out first.
const earlier = /\n\/\/ Patched by sbexport-tui[\s\S]*?\n(?=\nexport default class Output)/;
if (!source.includes(SHARED_CACHES.mark) && earlier.test(source)) {
  source = source.replace(earlier, '').replace(/ {4}caches = sbOutputCaches\w*\(\);/, SHARED_CACHES.find);
}
const applied = [];
for (const patch of PATCHES) {
  if (source.includes(patch.mark)) continue;
  if (!source.includes(patch.find) || !source.includes(patch.before)) {
    console.warn(`patch-ink: ${file} has changed; ${patch.mark} not applied (slower redraws)`);
    continue;
  }
  source = source.replace(patch.find, patch.replace).replace(patch.before, `${patch.code}\n${patch.before}`);
  applied.push(patch.mark);
}
if (source !== original) {
  fs.writeFileSync(file, source);
  console.log(`patch-ink: ${applied.join(', ')}`);
}

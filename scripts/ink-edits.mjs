// The edits sbexport-tui makes to Ink, applied where Ink is loaded: to the bundle at build time (an esbuild
// plugin, scripts/build-plugins.mjs) and to the tests (a Vite transform, vitest.config.ts). Nothing is
// written to node_modules. Ink 6 rebuilds every frame from nothing: a fresh width/glyph cache, then a grid
// of one object per screen cell, then every line turned back into a string. A 120x40 table costs ~20 ms a
// frame that way, though a refresh changes a few lines (issue 4: idle CPU, refresh cost).
// In output.js:
//  1. one width/glyph cache shared by all frames, bounded so it cannot grow without end (a cached line
//     holds one object per cell: ~400 lines, ten full screens of new text, is the most it keeps);
//  2. each screen line is built from what was written on it (position and text, after clipping and
//     styling): a line written exactly as in an earlier frame is taken from a bounded cache instead of being
//     painted cell by cell again. Lines never affect each other in Ink's grid, so the result is the same;
//  3. a painted line's colour codes are worked out only where the style changes from one cell to the next;
//  4. a new line made of printable ASCII, common one-cell symbols and colour codes is split into characters
//     without Intl.Segmenter (each such character is a grapheme of its own); anything else goes to Ink's
//     tokenizer as before.
// In sanitize-ansi.js:
//  5. the text of a styled node is cleaned of cursor-moving escapes once, not on every frame.
// The edits are written against one exact Ink version (package.json pins it): any other version, or a file
// without the text an edit expects, fails the build and the tests rather than ship Ink half-edited.
// test/ui/ink-patch.test.ts holds each edit to what Ink itself gives.
import fs from 'node:fs';
import path from 'node:path';

/** The Ink these edits were written against; package.json pins the same. */
export const INK_VERSION = '6.8.0';

const SHARED_CACHES = {
  mark: 'sbBoundedOutputCaches',
  find: '    caches = new OutputCaches();',
  replace: '    caches = sbBoundedOutputCaches();',
  before: 'export default class Output',
  code: `
// Edited by sbexport-tui at build time (scripts/ink-edits.mjs): one cache for all frames.
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
// Edited by sbexport-tui at build time (scripts/ink-edits.mjs): lines painted once, then reused.
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

// Ink's styledCharsToString works out the codes between every two neighbouring cells (three Sets and
// four arrays per cell), though neighbours nearly always share their style, and then the step is nothing:
// the same codes in the same order leave nothing to turn off or on. Only cells whose style differs from
// the one before are diffed, so each line comes out as Ink writes it.
const SAME_STYLE_SKIP = {
  mark: 'sbStyledCharsToString',
  find: '    return styledCharsToString(line.filter(item => item !== undefined)).trimEnd();',
  replace: '    return sbStyledCharsToString(line.filter(item => item !== undefined)).trimEnd();',
  before: 'class OutputCaches',
  code: `
// Edited by sbexport-tui at build time (scripts/ink-edits.mjs): codes worked out only where the style changes.
import { ansiCodesToString as sbAnsiCodesToString, diffAnsiCodes as sbDiffAnsiCodes } from '@alcalzone/ansi-tokenize';
function sbSameStyles(a, b) {
    if (a === b) return true;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
        if (a[i].code !== b[i].code || a[i].endCode !== b[i].endCode) return false;
    }
    return true;
}
function sbStyledCharsToString(chars) {
    let ret = '';
    for (let i = 0; i < chars.length; i++) {
        const char = chars[i];
        if (i === 0) ret += sbAnsiCodesToString(char.styles);
        else if (!sbSameStyles(chars[i - 1].styles, char.styles)) ret += sbAnsiCodesToString(sbDiffAnsiCodes(chars[i - 1].styles, char.styles));
        ret += char.value;
        if (i === chars.length - 1) ret += sbAnsiCodesToString(sbDiffAnsiCodes(char.styles, []));
    }
    return ret;
}
`,
};

// Printable ASCII, colour codes, and symbol blocks with no combining marks, joiners or variation selectors
// (punctuation, arrows, maths, technical, box drawing, shapes, dingbats, braille): every character there is
// a grapheme of its own, so a line made of them splits as Intl.Segmenter would split it. Each distinct
// symbol and colour code still goes through Ink's tokenizer once (for its width and its codes).
const FAST_TOKENS = {
  mark: 'sbTokenize',
  find: '            cached = styledCharsFromTokens(tokenize(line));',
  replace: '            cached = styledCharsFromTokens(sbTokenize(line));',
  before: 'class OutputCaches',
  code: `
// Edited by sbexport-tui at build time (scripts/ink-edits.mjs): common lines split without Intl.Segmenter.
const sbSimpleLine = /^(?:[\\x20-\\x7e\\u2010-\\u2027\\u2030-\\u205e\\u2070-\\u20c0\\u2100-\\u23ff\\u2400-\\u243f\\u2460-\\u27bf\\u2800-\\u28ff]|\\u001b\\[[0-9;]*m)*$/;
let sbTokens = new Map();
function sbTokenize(line) {
    if (!sbSimpleLine.test(line)) return tokenize(line);
    if (sbTokens.size > 1000) sbTokens = new Map();
    const out = [];
    for (let i = 0; i < line.length;) {
        const code = line.charCodeAt(i);
        if (code >= 0x20 && code <= 0x7e) {
            out.push({ type: 'char', value: line[i], fullWidth: false });
            i++;
            continue;
        }
        const end = code === 0x1b ? line.indexOf('m', i) + 1 : i + 1;
        const piece = line.slice(i, end);
        let tokens = sbTokens.get(piece);
        if (tokens === undefined) {
            tokens = tokenize(piece);
            sbTokens.set(piece, tokens);
        }
        for (const token of tokens) out.push({ ...token });
        i = end;
    }
    return out;
}
`,
};

const SANITIZE_CACHE = {
  mark: 'sbSanitized',
  find: 'const sanitizeAnsi = (text) => {',
  replace: 'const sanitizeAnsiUncached = (text) => {',
  before: 'export default sanitizeAnsi;',
  code: `
// Edited by sbexport-tui at build time (scripts/ink-edits.mjs): each styled text cleaned once.
let sbSanitized = new Map();
const sanitizeAnsi = (text) => {
    if (!hasAnsiControlCharacters(text)) return text;
    let clean = sbSanitized.get(text);
    if (clean === undefined) {
        if (sbSanitized.size > 2000) sbSanitized = new Map();
        clean = sanitizeAnsiUncached(text);
        sbSanitized.set(text, clean);
    }
    return clean;
};
export { sanitizeAnsiUncached as inkOriginalSanitizeAnsi };
`,
};

const FILES = {
  'output.js': [SHARED_CACHES, LINE_CACHE, SAME_STYLE_SKIP, FAST_TOKENS],
  'sanitize-ansi.js': [SANITIZE_CACHE],
};

/** The Ink files edited, by name in Ink's build folder. */
export const INK_EDITED_FILES = Object.keys(FILES);

/** Matches the files of an installed Ink's build folder (both path separators). */
export const INK_FILE = /[\\/]node_modules[\\/]ink[\\/]build[\\/][^\\/]+\.js$/;

const inkVersions = new Map();
function inkVersionOf(buildDir) {
  let version = inkVersions.get(buildDir);
  if (version === undefined) {
    const manifest = JSON.parse(fs.readFileSync(path.join(buildDir, '..', 'package.json'), 'utf8'));
    version = String(manifest.version);
    inkVersions.set(buildDir, version);
  }
  return version;
}

/**
 * Ink's file `file` with sbexport-tui's edits, or undefined if that file is not edited. Throws if the
 * installed Ink is not INK_VERSION or the file lacks the text an edit expects.
 */
export function editInkFile(file, source) {
  const patches = FILES[path.basename(file)];
  if (!patches) return undefined;
  const version = inkVersionOf(path.dirname(file));
  if (version !== INK_VERSION)
    throw new Error(
      `ink-edits: Ink ${version} is installed; the edits in scripts/ink-edits.mjs are written for Ink ${INK_VERSION} ` +
        '(check them against the new Ink, then change INK_VERSION and the pin in package.json)',
    );
  if (source.includes('Patched by sbexport-tui'))
    throw new Error(
      `ink-edits: ${file} was edited in place by an older sbexport-tui install script; ` +
        'reinstall Ink as shipped: rm -rf node_modules/ink && npm install',
    );
  let edited = source;
  for (const patch of patches) {
    if (!edited.includes(patch.find) || !edited.includes(patch.before))
      throw new Error(`ink-edits: ${file} does not have the text the ${patch.mark} edit expects`);
    edited = edited
      .replace(patch.find, patch.replace)
      .replace(patch.before, `${patch.code}\n${patch.before}`);
  }
  return edited;
}

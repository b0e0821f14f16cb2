// scripts/ink-edits.mjs replaces how Ink turns a frame's writes into screen lines (cached per line), in the
// bundle (esbuild plugin) and here (vitest.config.ts's transform, which loads Ink through it). The edited
// get() must give exactly what Ink's own, kept as inkOriginalGet(), gives for any frame: writes anywhere
// (off-grid too), several lines, styles, wide characters, transformers and nested clips.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { editInkFile, INK_EDITED_FILES, INK_VERSION } from '../../scripts/ink-edits.mjs';

interface Clip {
  x1?: number;
  x2?: number;
  y1?: number;
  y2?: number;
}
interface OutputLike {
  write(
    x: number,
    y: number,
    text: string,
    options: { transformers: Array<(s: string, i: number) => string> },
  ): void;
  clip(clip: Clip): void;
  unclip(): void;
  get(): { output: string; height: number };
  inkOriginalGet?: () => { output: string; height: number };
}
type OutputClass = new (options: { width: number; height: number }) => OutputLike;

interface Token {
  type: string;
}
interface Tokenizer {
  tokenize(line: string): Token[];
  styledCharsFromTokens(tokens: Token[]): unknown[];
}
type Sanitize = (text: string) => string;

const inkBuild = () => path.dirname(createRequire(import.meta.url).resolve('ink'));

let Output: OutputClass;
let ansi: Tokenizer;
let sanitize: Sanitize;
let originalSanitize: Sanitize;
beforeAll(async () => {
  const inkEntry = createRequire(import.meta.url).resolve('ink');
  // Through Vite, as the app's own imports of Ink: edited by vitest.config.ts's transform.
  const inkFile = (name: string) => import(pathToFileURL(path.join(inkBuild(), name)).href);
  Output = (await inkFile('output.js')).default;
  const sanitizeModule = await inkFile('sanitize-ansi.js');
  sanitize = sanitizeModule.default;
  originalSanitize = sanitizeModule.inkOriginalSanitizeAnsi;
  // Ink's own tokenizer, as Ink resolves it.
  const tokenizer = createRequire(inkEntry).resolve('@alcalzone/ansi-tokenize/package.json');
  ansi = await import(pathToFileURL(path.join(path.dirname(tokenizer), 'build', 'index.js')).href);
});

type Op =
  | { kind: 'write'; x: number; y: number; text: string; transform: number }
  | { kind: 'clip'; clip: Clip }
  | { kind: 'unclip' };

// Styles as chalk writes them, without depending on chalk here.
const sgr = (open: number, close: number) => (s: string) => `\u001B[${open}m${s}\u001B[${close}m`;
const red = sgr(31, 39);
const cyan = sgr(36, 39);
const bold = sgr(1, 22);
const inverse = sgr(7, 27);
const green = sgr(32, 39);
const dimUnderline = (s: string) => sgr(2, 22)(sgr(4, 24)(s));

const TRANSFORMS: Array<Array<(s: string, i: number) => string>> = [
  [],
  [red],
  [bold, (s, i) => (i === 0 ? inverse(s) : s)],
];

const piece = fc.oneof(
  fc.constantFrom('ID', ' ', '▶ RUNNING', '日本', '✔', '…', '\n', 'sample_0001.cram', '👩‍🔬', 'e\u0301'),
  fc.string({ maxLength: 6 }).map((s) => s.replace(/[\u0000-\u001f\u007f]/g, '')),
  fc.constantFrom('x').map(() => green('ok') + dimUnderline('dim')),
);
const text = fc.array(piece, { minLength: 1, maxLength: 8 }).map((p) => p.join(''));
const coord = fc.integer({ min: -3, max: 14 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('write' as const),
      x: coord,
      y: coord,
      text,
      transform: fc.integer({ min: 0, max: 2 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('clip' as const),
      clip: fc.record({ x1: coord, x2: coord, y1: coord, y2: coord }, { requiredKeys: [] }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'unclip' as const }) },
);

function frame(ops: readonly Op[], width: number, height: number): OutputLike {
  const out = new Output({ width, height });
  for (const o of ops) {
    if (o.kind === 'write') out.write(o.x, o.y, o.text, { transformers: TRANSFORMS[o.transform]! });
    else if (o.kind === 'clip') out.clip(o.clip);
    else out.unclip();
  }
  return out;
}

let temps: string[] = [];
afterEach(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
  temps = [];
});

/** An Ink build folder holding `file` with `source`, under a package.json of `version`. */
function fakeInk(version: string, file: string, source: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-ink-'));
  temps.push(root);
  fs.mkdirSync(path.join(root, 'build'));
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'ink', version }));
  fs.writeFileSync(path.join(root, 'build', file), source);
  return path.join(root, 'build', file);
}

describe('the Ink edits (scripts/ink-edits.mjs)', () => {
  it('are applied where the tests load Ink, and node_modules is left as installed', () => {
    expect(typeof new Output({ width: 1, height: 1 }).inkOriginalGet).toBe('function');
    expect(typeof originalSanitize).toBe('function');
    for (const name of INK_EDITED_FILES) {
      const onDisk = fs.readFileSync(path.join(inkBuild(), name), 'utf8');
      expect(onDisk).not.toContain('sbexport-tui');
      expect(editInkFile(path.join(inkBuild(), name), onDisk)).toContain('sbexport-tui');
    }
    expect(editInkFile(path.join(inkBuild(), 'render.js'), 'anything')).toBeUndefined();
  });

  it('are written for the Ink that package.json pins, exactly', () => {
    const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8'));
    expect(manifest.devDependencies.ink).toBe(INK_VERSION);
    expect(manifest.dependencies?.ink).toBeUndefined();
  });

  it('fail loudly on another Ink version, a changed file, or a file edited in place before', () => {
    const real = fs.readFileSync(path.join(inkBuild(), 'output.js'), 'utf8');
    expect(() => editInkFile(fakeInk('6.9.0', 'output.js', real), real)).toThrow(
      `Ink 6.9.0 is installed; the edits in scripts/ink-edits.mjs are written for Ink ${INK_VERSION}`,
    );
    const changed = real.replace('    get() {\n', '    get(options) {\n');
    expect(() => editInkFile(fakeInk(INK_VERSION, 'output.js', changed), changed)).toThrow(
      'does not have the text the sbLineCachedGet edit expects',
    );
    const old = `// Patched by sbexport-tui (scripts/patch-ink.mjs)\n${real}`;
    expect(() => editInkFile(fakeInk(INK_VERSION, 'output.js', old), old)).toThrow(
      'rm -rf node_modules/ink && npm install',
    );
  });
});

describe('Ink output with the line cache (scripts/ink-edits.mjs)', () => {
  it('gives the same screen as Ink’s own get() for any frame, again and again', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 10 }),
        (ops, width, height) => {
          const expected = frame(ops, width, height).inkOriginalGet!();
          // Twice: the second answer comes from the cache.
          expect(frame(ops, width, height).get()).toEqual(expected);
          expect(frame(ops, width, height).get()).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('redraws a line whose text changed, and keeps the others', () => {
    const draw = (state: string) => {
      const out = new Output({ width: 30, height: 3 });
      out.write(0, 0, 'header', { transformers: [] });
      out.write(0, 1, `job 1 ${state}`, { transformers: [cyan] });
      out.write(0, 2, 'footer', { transformers: [] });
      return out.get().output.split('\n');
    };
    const before = draw('RUNNING');
    const after = draw('COMPLETED');
    expect(after[0]).toBe(before[0]);
    expect(after[2]).toBe(before[2]);
    expect(after[1]).toBe(cyan('job 1 COMPLETED'));
  });
});

// Text as the table draws it: ASCII, the state symbols, box drawing and braille, with colour codes; and
// now and then something that must take Ink's own path (wide, combining, emoji, other escapes).
const lineText = fc
  .array(
    fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
      {
        weight: 3,
        arbitrary: fc.constantFrom('▶', '✔', '✖', '◌', '⊘', '…', '—', '·', '⏱', '─', '⠋', '→', '☔', '✅'),
      },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          red(''),
          cyan(''),
          bold(''),
          inverse(''),
          '\u001B[38;5;196m',
          '\u001B[1;4;36m',
          '\u001B[0m',
          '\u001B[m',
        ),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '日',
          'e\u0301',
          '👩‍🔬',
          '✔\uFE0F',
          '\u001B]8;;https://x.example\u0007',
          '\u001B[2K',
          '\u200D',
          '\u20DD',
        ),
      },
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('Ink text handling with the fast paths (scripts/ink-edits.mjs)', () => {
  it('splits any line into the same styled characters as Ink’s tokenizer', () => {
    const caches = () =>
      (new Output({ width: 1, height: 1 }) as unknown as { caches: { getStyledChars(l: string): unknown[] } })
        .caches;
    fc.assert(
      fc.property(lineText, (line) => {
        const expected = ansi.styledCharsFromTokens(ansi.tokenize(line));
        expect(caches().getStyledChars(line)).toEqual(expected);
        // Again, now partly from the caches.
        expect(caches().getStyledChars(`${line} `)).toEqual(
          ansi.styledCharsFromTokens(ansi.tokenize(`${line} `)),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('paints any styled lines as Ink does, working out codes only where the style changes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ x: fc.integer({ min: 0, max: 30 }), y: fc.nat(2), text: lineText }), {
          minLength: 1,
          maxLength: 5,
        }),
        (writes) => {
          const draw = () => {
            const out = new Output({ width: 40, height: 3 });
            for (const w of writes) out.write(w.x, w.y, w.text, { transformers: [] });
            return out;
          };
          expect(draw().get()).toEqual(draw().inkOriginalGet!());
        },
      ),
      { numRuns: 500 },
    );
  });

  it('cleans styled text exactly as Ink does, from the cache the second time', () => {
    expect(typeof originalSanitize).toBe('function');
    fc.assert(
      fc.property(lineText, (text) => {
        const expected = originalSanitize(text);
        expect(sanitize(text)).toBe(expected);
        expect(sanitize(text)).toBe(expected);
      }),
      { numRuns: 300 },
    );
    expect(sanitize('a\u001B[2Jb\u001B[31mc')).toBe('ab\u001B[31mc');
  });
});

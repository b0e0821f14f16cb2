// Bundles the app into one file: loading one module instead of hundreds is what
// brings the first frame under the launch budget (see issue 4 / README "Performance").
import fs from 'node:fs';
import { build } from 'esbuild';

// Ink 6 builds a fresh width/glyph cache for every frame, so each frame re-measures
// every character on screen (~70% of a frame's cost with a 40-row table). Sharing
// the cache between frames (bounded, so it cannot grow without end) makes a
// redraw several times cheaper. Ink's own behaviour is otherwise untouched; if a
// future Ink changes this line, the build says so and ships Ink as it is.
const INK_CACHE_LINE = '    caches = new OutputCaches();';
const INK_SHARED_CACHE = `
let sbSharedCaches = new OutputCaches();
function sbOutputCaches() {
    if (sbSharedCaches.styledChars.size + sbSharedCaches.widths.size > 20000) sbSharedCaches = new OutputCaches();
    return sbSharedCaches;
}
`;
const shareInkOutputCaches = {
  name: 'share-ink-output-caches',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]output\.js$/ }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      if (!source.includes(INK_CACHE_LINE)) {
        return { contents: source, warnings: [{ text: 'Ink output.js changed: frame caches not shared' }] };
      }
      const contents = source
        .replace(INK_CACHE_LINE, '    caches = sbOutputCaches();')
        .replace('export default class Output', `${INK_SHARED_CACHE}\nexport default class Output`);
      return { contents };
    });
  },
};

await build({
  entryPoints: ['src/cli.tsx'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  sourcemap: 'linked',
  plugins: [
    shareInkOutputCaches,
    {
      // Ink loads its devtools only when DEV=true, but the module imports
      // react-devtools-core statically; it is not a dependency, so stub it.
      name: 'stub-react-devtools',
      setup(b) {
        b.onResolve({ filter: /^react-devtools-core$/ }, () => ({
          path: 'stub',
          namespace: 'stub-devtools',
        }));
        b.onLoad({ filter: /.*/, namespace: 'stub-devtools' }, () => ({
          contents: 'export default { initialize() {}, connectToDevTools() {} };',
        }));
      },
    },
  ],
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: {
    js: [
      '#!/usr/bin/env node',
      // Bundled CommonJS dependencies call require(); give them one.
      "import { createRequire as __sbCreateRequire } from 'node:module';",
      'const require = __sbCreateRequire(import.meta.url);',
    ].join('\n'),
  },
  logLevel: 'warning',
});

// Bundles the app into one file: loading one module instead of hundreds is what
// brings the first frame under the launch budget (see issue 4 / README "Performance").
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli.tsx'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  sourcemap: 'linked',
  // Ink imports react-devtools-core only when DEV=true; it is not a dependency.
  external: ['react-devtools-core'],
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

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
  plugins: [
    {
      // undici's index loads fetch, WebSocket, caches and more; we use only its
      // Pool. Importing the Pool alone takes ~1 MB off the bundle (launch time).
      name: 'undici-pool-only',
      setup(b) {
        b.onResolve({ filter: /^undici$/ }, (args) =>
          args.importer.endsWith('client.ts') ? { path: 'undici-pool', namespace: 'undici-pool' } : undefined,
        );
        b.onLoad({ filter: /.*/, namespace: 'undici-pool' }, () => ({
          // As undici's own index does: give every dispatcher the request API.
          contents: [
            "import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';",
            "import api from 'undici/lib/api/index.js';",
            "import Pool from 'undici/lib/dispatcher/pool.js';",
            'Object.assign(Dispatcher.prototype, api);',
            'export { Pool };',
          ].join('\n'),
          resolveDir: process.cwd(),
        }));
      },
    },
    {
      // Ink loads its devtools only when DEV=true, but the module imports
      // react-devtools-core and ws statically; neither is needed here, so stub them.
      name: 'stub-react-devtools',
      setup(b) {
        b.onResolve({ filter: /^(react-devtools-core|ws)$/ }, () => ({
          path: 'stub',
          namespace: 'stub-devtools',
        }));
        b.onLoad({ filter: /.*/, namespace: 'stub-devtools' }, () => ({
          contents: 'export default { initialize() {}, connectToDevTools() {} };',
          loader: 'js',
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

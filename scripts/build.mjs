// Builds the command (run by `npm install` through prepare, and by the tests' global setup):
//   dist/app.cjs   the whole app in one file: loading one module instead of hundreds is most of what makes
//                  the first frame fast. CommonJS, so that the launcher can hand V8 its code cache;
//   dist/yoga.wasm Ink's layout engine, compiled synchronously at start (see build-plugins.mjs);
//   dist/cli.js    the launcher (src/launcher.ts): runs app.cjs with the code cache. This is the `bin`.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { appBundleOptions } from './build-plugins.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = path.join(ROOT, 'dist');

fs.rmSync(DIST, { recursive: true, force: true });

await build({
  ...appBundleOptions(DIST),
  entryPoints: ['src/cli.tsx'],
  outfile: 'dist/app.cjs',
  sourcemap: 'linked',
});

// V8 matches a code cache to its source by length only: the launcher names its cache after this hash.
const buildId = crypto
  .createHash('sha256')
  .update(fs.readFileSync(path.join(DIST, 'app.cjs')))
  .digest('hex')
  .slice(0, 16);

await build({
  bundle: true,
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  absWorkingDir: ROOT,
  entryPoints: ['src/launcher.ts'],
  outfile: 'dist/cli.js',
  format: 'esm',
  define: { SB_BUILD_ID: JSON.stringify(buildId) },
  banner: { js: '#!/usr/bin/env node' },
});
fs.chmodSync(path.join(DIST, 'cli.js'), 0o755);

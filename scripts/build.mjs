// Builds the command (run by `npm install` through prepare, and by the tests' global setup):
//   dist/app.cjs   the whole app in one file: loading one module instead of hundreds is most of what makes
//                  the first frame fast. CommonJS, so that the launcher can hand V8 its code cache;
//   dist/yoga.wasm Ink's layout engine, compiled synchronously at start (see build-plugins.mjs);
//   dist/cli.js    the launcher (src/launcher.ts): runs app.cjs with the code cache. This is the `bin`.
//                  CommonJS too (dist/package.json says so): Node starts a CommonJS entry ~8 ms sooner than
//                  an ES module one.
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
  // Licence comments go to dist/app.cjs.LEGAL.txt: one of them is not ASCII (see below).
  legalComments: 'external',
});

// The launcher compiles app.cjs itself (vm.Script, for the code cache): give it the file ready to compile,
// wrapped as Node's CommonJS loader would wrap it, so that it does not copy 2 MB of text at every launch to
// add these few characters. The launcher supplies the arguments (import.meta.url's value as the last).
const APP = path.join(DIST, 'app.cjs');
const app = fs.readFileSync(APP, 'utf8');
fs.writeFileSync(
  APP,
  `(function (exports, require, module, __filename, __dirname, __sbImportMetaUrl) {"use strict";${app}\n})`,
);
// An ASCII bundle is read as Latin-1 (a copy, not a UTF-8 decode) into half the memory of a two-byte
// string: ~10 ms of every launch. esbuild escapes non-ASCII in code; a comment it keeps may still have some.
const wide = app.split('\n').findIndex((line) => /[^\x00-\x7f]/.test(line));
if (wide >= 0)
  console.warn(
    `build: dist/app.cjs line ${wide + 1} is not ASCII; the launcher will decode it as UTF-8 (slower)`,
  );

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
  format: 'cjs',
  define: { SB_BUILD_ID: JSON.stringify(buildId), 'import.meta.url': '__sbLauncherUrl' },
  banner: {
    js: '#!/usr/bin/env node\n"use strict";\nconst __sbLauncherUrl = require("node:url").pathToFileURL(__filename).href;',
  },
});
fs.chmodSync(path.join(DIST, 'cli.js'), 0o755);
fs.writeFileSync(path.join(DIST, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);

// The in-process figures run the app as it ships: bench/render.ts bundled with the app's own esbuild
// options (scripts/build-plugins.mjs: Ink's text measuring fast path, yoga without fetch, production React),
// not the sources as tsx would run them.
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
// @ts-expect-error: a plain ES module of the build, without types
import { appBundleOptions } from '../scripts/build-plugins.mjs';
import type * as RenderModule from './render.js';

const OUT = path.resolve(import.meta.dirname, '..', '.tmp', 'bench');

export async function bundledRender(): Promise<typeof RenderModule> {
  const outfile = path.join(OUT, 'render.cjs');
  await build({
    ...appBundleOptions(OUT),
    entryPoints: [path.join(import.meta.dirname, 'render.ts')],
    outfile,
    // What the launcher passes to the app bundle (src/launcher.ts).
    banner: { js: 'var __sbImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
  return createRequire(import.meta.url)(outfile) as typeof RenderModule;
}

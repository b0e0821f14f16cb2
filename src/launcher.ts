// The installed `sbexport-tui` command (dist/cli.js): it runs the app bundle (dist/app.cjs) through V8's
// code cache. Compiling the 2 MB bundle, and then each function the first frame calls, is about a third of
// a launch on Node 20, which has no compile cache of its own (module.enableCompileCache is Node 22).
// The first run keeps V8's compiled code in the user's cache folder once the screen is up; later runs
// load it instead of compiling. V8 checks a cache against its own version and flags and ignores one that
// does not fit; the file name carries the bundle's build ID (V8 compares sources by length only), the Node
// version and the flags, so a changed app or runtime never meets an old cache. Any problem with the cache
// (unwritable folder, corrupt file) only costs the compile: the app runs the same.
import { isAscii } from 'node:buffer';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { codeCacheDir, codeCacheName, readCache, writeCache } from './code-cache.js';

/** A hash of dist/app.cjs, written in by scripts/build.mjs. */
declare const SB_BUILD_ID: string;

// By then the first frame is drawn and the first refresh done: the functions they ran are compiled.
const SETTLED_MS = 3000;

function main(): void {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const appFile = path.join(here, 'app.cjs');
  // The build wrote app.cjs as the CommonJS wrapper, as Node's own loader would give it, around the bundle,
  // plus the value import.meta.url had in the sources (the build maps it to __sbImportMetaUrl). Strict,
  // as the ES modules it was bundled from. It is ASCII, so Latin-1 is the same text, copied not decoded.
  const bytes = fs.readFileSync(appFile);
  const wrapped = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const dir = codeCacheDir(process.env);
  const name = codeCacheName(SB_BUILD_ID, process.execArgv);
  const cached = dir ? readCache(path.join(dir, name)) : undefined;

  const script = new vm.Script(wrapped, {
    filename: appFile,
    cachedData: cached,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });

  let saveCache = () => {};
  if (dir && (!cached || script.cachedDataRejected)) {
    saveCache = () => {
      saveCache = () => {};
      try {
        writeCache(dir, name, script.createCachedData());
      } catch {
        // No cache this time (read-only or full disk): the next launch compiles again, nothing else changes.
      }
    };
    // Script commands finish sooner: keep what they compiled.
    process.once('exit', () => saveCache());
  }
  setTimeout(() => saveCache(), SETTLED_MS).unref();

  const module = { exports: {} };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(
    module.exports,
    module.exports,
    createRequire(appFile),
    module,
    appFile,
    here,
    pathToFileURL(appFile).href,
  );
}

main();

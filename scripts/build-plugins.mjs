// esbuild plugins for the app bundle (scripts/build.mjs). Each makes the bundle smaller or its start
// cheaper without changing what the app does; the tests run the same code unbundled, and the pty tests
// run the bundle itself.
import fs from 'node:fs';
import path from 'node:path';
import { editInkFile, INK_EDITED_FILES } from './ink-edits.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');

/** A dependency's file no longer looks as expected: fail the build rather than ship a half-edit. */
function mustReplace(source, find, replace, what) {
  if (!source.includes(find))
    throw new Error(`build: ${what}: the expected text is not there (dependency updated?)`);
  return source.replace(find, replace);
}

// undici's index loads fetch, WebSocket, caches and more; we use only its Pool. Importing the Pool alone
// takes ~1 MB off the bundle.
export const undiciPoolOnly = {
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
      resolveDir: ROOT,
    }));
  },
};

// Ink loads its devtools only when DEV=true, and then with a top-level await, which a CommonJS bundle
// cannot have. Neither react-devtools-core nor ws is needed: stub them, and drop the two awaits (both only
// run with DEV=true).
export const noInkDevtools = {
  name: 'no-ink-devtools',
  setup(b) {
    b.onResolve({ filter: /^(react-devtools-core|ws)$/ }, () => ({
      path: 'stub',
      namespace: 'stub-devtools',
    }));
    b.onLoad({ filter: /.*/, namespace: 'stub-devtools' }, () => ({
      contents: 'export default { initialize() {}, connectToDevTools() {} };',
      loader: 'js',
    }));
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, (args) => {
      let source = fs.readFileSync(args.path, 'utf8');
      source = mustReplace(source, "await import('./devtools.js');", 'void 0;', 'ink devtools import');
      source = mustReplace(source, '? await loadPackageJson()', '? {}', 'ink package.json read');
      return { contents: source, loader: 'js' };
    });
  },
};

// Ink's output and sanitize-ansi, with the edits of scripts/ink-edits.mjs (the tests get the same edits
// through vitest.config.ts). If Ink is not the pinned version, or lacks a text to edit, or a file to edit
// never reaches the bundle (Ink reorganised), the build fails.
export const inkEdits = {
  name: 'ink-edits',
  setup(b) {
    const edited = new Set();
    b.onStart(() => edited.clear());
    b.onLoad({ filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/][^\\/]+\.js$/ }, (args) => {
      const contents = editInkFile(args.path, fs.readFileSync(args.path, 'utf8'));
      if (contents === undefined) return undefined;
      edited.add(path.basename(args.path));
      return { contents, loader: 'js' };
    });
    b.onEnd((result) => {
      const missing = INK_EDITED_FILES.filter((name) => !edited.has(name));
      if (result.errors.length === 0 && missing.length > 0)
        result.errors.push({ text: `ink-edits: Ink's ${missing.join(', ')} never reached the bundle` });
    });
  },
};

// yoga-layout (Ink's layout engine, WebAssembly) starts with a top-level await: its loader decodes a
// base64 copy of the module and compiles it through fetch(), which also loads Node's internal fetch
// (~50 ms of every launch). Here the module ships as dist/yoga.wasm and is compiled synchronously, through
// the loader's documented instantiateWasm hook: no await, no fetch, 120 KB less to parse.
export function yogaSync(outdir) {
  const dist = path.join(ROOT, 'node_modules', 'yoga-layout', 'dist');
  const loader = path.join(dist, 'binaries', 'yoga-wasm-base64-esm.js');
  return {
    name: 'yoga-sync',
    setup(b) {
      b.onResolve({ filter: /^yoga-layout$/ }, () => ({ path: 'yoga-layout', namespace: 'yoga-sync' }));
      b.onLoad({ filter: /.*/, namespace: 'yoga-sync' }, () => ({
        contents: `
import fs from 'node:fs';
import path from 'node:path';
import loadYoga from ${JSON.stringify(loader)};
import wrapAssembly from ${JSON.stringify(path.join(dist, 'src', 'wrapAssembly.js'))};
export * from ${JSON.stringify(path.join(dist, 'src', 'generated', 'YGEnums.js'))};
const bytes = fs.readFileSync(path.join(__dirname, 'yoga.wasm'));
const yoga = {
  instantiateWasm(imports, receive) {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports);
    receive(instance);
    return instance.exports;
  },
};
// With the instance handed over at once, the loader finishes before it returns.
loadYoga(yoga);
if (!yoga.calledRun) throw new Error('yoga-layout did not start synchronously');
export default wrapAssembly(yoga);
`,
        resolveDir: dist,
        loader: 'js',
      }));
      b.onLoad({ filter: /yoga-wasm-base64-esm\.js$/ }, (args) => {
        const source = fs.readFileSync(args.path, 'utf8');
        const inline = /H="data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/.exec(source);
        if (!inline) throw new Error('build: yoga-layout: no inline WebAssembly found (dependency updated?)');
        fs.mkdirSync(outdir, { recursive: true });
        fs.writeFileSync(path.join(outdir, 'yoga.wasm'), Buffer.from(inline[1], 'base64'));
        return { contents: source.replace(inline[0], 'H=""'), loader: 'js' };
      });
    },
  };
}

// Ink, cli-truncate, wrap-ansi and widest-line measure text with string-width; the app's own width
// function (src/cell-width.ts) answers the common case without it. Every import of string-width goes to
// the version it asked for, through that fast path, and that version is loaded on its first real use:
// loading it builds an Intl.Segmenter, ~40 ms of every launch otherwise.
export const fastStringWidth = {
  name: 'fast-string-width',
  setup(b) {
    const cellWidth = path.join(ROOT, 'src', 'cell-width.ts');
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined;
      const real = await b.resolve('string-width', {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: 'real',
      });
      if (real.errors.length) return { errors: real.errors };
      // cell-width.ts puts the fast path in front itself.
      const namespace = args.importer === cellWidth ? 'lazy-string-width' : 'fast-string-width';
      return { path: real.path, namespace };
    });
    const lazy = (file) =>
      `let real;\nconst measure = (text, options) => (real ??= require(${JSON.stringify(file)}).default)(text, options);`;
    b.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      contents: `${lazy(args.path)}\nexport default measure;`,
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
    b.onLoad({ filter: /.*/, namespace: 'fast-string-width' }, (args) => ({
      contents: [
        lazy(args.path),
        `import { withFastPath } from ${JSON.stringify(cellWidth)};`,
        'export default withFastPath(measure);',
      ].join('\n'),
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

// conf imports ajv (with ajv-formats) for JSON-schema checks and semver for migrations, at the top of its
// module; the watch list uses neither (src/store checks entries itself). Left out: ~350 KB less to compile
// and to run at every launch. Should conf ever be given a schema or migrations, the stub says so loudly.
export const confWithoutSchemas = {
  name: 'conf-without-schemas',
  setup(b) {
    b.onResolve({ filter: /^(ajv\/dist\/2020\.js|ajv-formats|semver)$/ }, (args) =>
      /[\\/]conf[\\/]/.test(args.importer) ? { path: args.path, namespace: 'conf-unused' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'conf-unused' }, (args) => {
      const fail = `() => { throw new Error('${args.path} is not in the bundle: conf was given a schema or migrations (scripts/build-plugins.mjs)'); }`;
      const contents =
        args.path === 'ajv/dist/2020.js'
          ? `export class Ajv2020 { constructor() { (${fail})(); } }`
          : args.path === 'ajv-formats'
            ? `export default { default: ${fail} };`
            : `export default new Proxy({}, { get: () => ${fail} });`;
      return { contents, loader: 'js' };
    });
  },
};

// zod is loaded only for the odd saved snapshot that fails the store's fast check, by a require made at run
// time (src/store): imported statically it is 730 KB of the bundle, ~35 ms of every launch. Left as it is,
// that require would look for zod in node_modules, which an installed sbexport-tui does not have (zod is
// bundled like every other dependency). So zod is bundled on its own, as zod.cjs beside the bundle, and
// each such `require('zod')` asks for './zod.cjs' (resolved from the bundle's own URL).
export function zodBeside(outdir) {
  return {
    name: 'zod-beside',
    setup(b) {
      let used = false;
      b.onStart(() => {
        used = false;
      });
      b.onLoad({ filter: /[\\/]src[\\/].+\.tsx?$/ }, (args) => {
        const source = fs.readFileSync(args.path, 'utf8');
        const lazy = /\b(\w+)\((['"])zod\2\)/g;
        if (!lazy.test(source)) return undefined;
        used = true;
        return {
          contents: source.replace(lazy, "$1('./zod.cjs')"),
          loader: args.path.endsWith('x') ? 'tsx' : 'ts',
        };
      });
      b.onEnd(async (result) => {
        if (!used || result.errors.length > 0) return;
        await b.esbuild.build({
          stdin: { contents: "module.exports = require('zod');", resolveDir: ROOT },
          bundle: true,
          platform: 'node',
          target: 'node20',
          format: 'cjs',
          minify: true,
          legalComments: 'none',
          logLevel: 'warning',
          outfile: path.join(outdir, 'zod.cjs'),
        });
      });
    },
  };
}

// Node built-ins that a dependency loads at the top of its module for a path this app never or seldom takes.
// Each one loaded at start is a few ms of every launch: these are loaded on first use instead. `uses`: what
// the importers call (as `x.name` or `import { name }`), each forwarded to the real module.
const LAZY_BUILTINS = {
  // conf: for encrypted stores only (the app never gives it a key).
  'node:crypto': {
    importer: /[\\/]conf[\\/]/,
    uses: ['pbkdf2Sync', 'createCipheriv', 'createDecipheriv', 'randomBytes'],
  },
  // commander, for executable subcommands (the app has none); Ink's terminal-size, when stdout is no
  // terminal. child_process brings dgram and more with it.
  'node:child_process': { importer: /[\\/](commander|terminal-size)[\\/]/, uses: ['spawn', 'execFileSync'] },
};

export const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:(crypto|child_process)$/ }, (args) =>
      LAZY_BUILTINS[args.path].importer.test(args.importer)
        ? { path: args.path, namespace: 'lazy-builtin' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: [
        'let real;',
        `const load = () => (real ??= require(${JSON.stringify(args.path)}));`,
        ...LAZY_BUILTINS[args.path].uses.map(
          (name) => `export const ${name} = (...a) => load().${name}(...a);`,
        ),
        `export default { ${LAZY_BUILTINS[args.path].uses.join(', ')} };`,
      ].join('\n'),
      loader: 'js',
    }));
  },
};

/**
 * How the app is bundled: dist/app.cjs, and the benchmark's in-process harness (bench/bundled.ts), so
 * that what is measured is what ships. `outdir` receives yoga.wasm beside the bundle.
 */
export function appBundleOptions(outdir) {
  return {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    jsx: 'automatic',
    logLevel: 'warning',
    absWorkingDir: ROOT,
    // Sources written as ES modules read import.meta.url; whoever runs the bundle provides it.
    define: { 'process.env.NODE_ENV': '"production"', 'import.meta.url': '__sbImportMetaUrl' },
    plugins: [
      undiciPoolOnly,
      noInkDevtools,
      inkEdits,
      yogaSync(outdir),
      fastStringWidth,
      confWithoutSchemas,
      lazyBuiltins,
      zodBeside(outdir),
    ],
  };
}

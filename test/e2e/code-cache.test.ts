// The built command (dist/cli.js) keeps V8's compiled code of the app in the user's cache folder
// (src/launcher.ts). These run it as a user would, with a throwaway cache folder, and check that the cache
// is written once, used afterwards, and never gets in the way when it is missing, corrupt or unwritable.
import { isAscii } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { codeCacheDir, codeCacheName } from '../../src/code-cache.js';
import { hasScript, runInPty } from './pty.js';

const CLI = path.resolve('dist/cli.js');
let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-cache-'));
  dirs.push(d);
  return d;
}

/** `sbexport-tui list` with its own config and cache folders; returns what it printed. */
function list(cacheHome: string, env: NodeJS.ProcessEnv = {}) {
  const config = tempDir();
  const res = spawnSync(process.execPath, [CLI, 'list', '--config-dir', config], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: config, XDG_CACHE_HOME: cacheHome, ...env },
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

const cacheFiles = (cacheHome: string) => {
  const dir = path.join(cacheHome, 'sbexport-tui');
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
};

describe('the code cache of the built command', () => {
  it('is written by the first run, user-only, and used as it is by the next', () => {
    const home = tempDir();
    const first = list(home);
    expect(first.code).toBe(0);
    const files = cacheFiles(home);
    expect(files).toHaveLength(1);
    const [file] = files as [string];
    expect(path.basename(file)).toMatch(/^app-[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+-[0-9a-f]{8}\.v8cache$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);

    // V8 accepted it: nothing to rewrite.
    const before = fs.readFileSync(file);
    const mtime = fs.statSync(file).mtimeMs;
    const second = list(home);
    expect(second).toEqual(first);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('a corrupt cache changes nothing for the user and is replaced by a good one', () => {
    const home = tempDir();
    const clean = list(home);
    const [file] = cacheFiles(home) as [string];
    fs.writeFileSync(file, Buffer.from('not a V8 code cache at all, just bytes'.repeat(100)));
    const again = list(home);
    expect(again).toEqual(clean);
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    const mtime = fs.statSync(file).mtimeMs;
    list(home);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
  });

  it('caches of other builds are removed when a new one is written; other files are left alone', () => {
    const home = tempDir();
    const dir = path.join(home, 'sbexport-tui');
    fs.mkdirSync(dir, { recursive: true });
    const stale = path.join(dir, 'app-0123456789abcdef-v20.0.0-x64-00000000.v8cache');
    const other = path.join(dir, 'notes.txt');
    fs.writeFileSync(stale, 'old');
    fs.writeFileSync(other, 'mine');
    expect(list(home).code).toBe(0);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.readFileSync(other, 'utf8')).toBe('mine');
    expect(cacheFiles(home).filter((f) => f.endsWith('.v8cache'))).toHaveLength(1);
  });

  it('runs a bundle the build made ASCII and pre-wrapped, read by a CommonJS launcher', () => {
    // What the launcher counts on for a quick start (scripts/build.mjs): Latin-1 reads it as it is, and it
    // compiles without being copied into a wrapper first.
    const app = fs.readFileSync(path.resolve('dist/app.cjs'));
    expect(isAscii(app)).toBe(true);
    expect(app.subarray(0, 11).toString()).toBe('(function (');
    expect(JSON.parse(fs.readFileSync(path.resolve('dist/package.json'), 'utf8')).type).toBe('commonjs');
    expect(list(tempDir()).stdout).toBe('No jobs watched.\n');
  });

  it('an unwritable cache folder, or SBEXPORT_TUI_CODE_CACHE=off, only means no cache', () => {
    const home = tempDir();
    const expected = list(tempDir());
    // The cache folder's place is taken by a file: nothing can be written there.
    fs.writeFileSync(path.join(home, 'sbexport-tui'), 'a file, not a folder');
    expect(list(home)).toEqual(expected);

    const off = tempDir();
    expect(list(off, { SBEXPORT_TUI_CODE_CACHE: 'off' })).toEqual(expected);
    expect(cacheFiles(off)).toEqual([]);
  });
});

describe.skipIf(!hasScript)('the code cache of the full-screen app', () => {
  it('is saved once the screen has settled, and the next session uses it unchanged', async () => {
    const home = tempDir();
    const session = async () => {
      const r = runInPty(['--demo'], { env: { XDG_CACHE_HOME: home } });
      dirs.push(r.dir);
      await r.waitFor((o) => o.includes('1/13'), 'the first frame');
      // Past the moment the launcher saves the cache and turns the optimizing compiler off.
      await new Promise((resolve) => setTimeout(resolve, 3500));
      r.child.stdin!.write('q');
      expect(await r.exited).toBe(0);
    };
    await session();
    const [file] = cacheFiles(home) as [string];
    const mtime = fs.statSync(file).mtimeMs;
    await session();
    expect(cacheFiles(home)).toEqual([file]);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
  });
});

describe('where the code cache is kept', () => {
  it('follows each platform’s cache folder', () => {
    expect(codeCacheDir({ XDG_CACHE_HOME: '/x/cache' }, 'linux', '/home/u')).toBe('/x/cache/sbexport-tui');
    expect(codeCacheDir({}, 'linux', '/home/u')).toBe('/home/u/.cache/sbexport-tui');
    expect(codeCacheDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Caches/sbexport-tui');
    expect(codeCacheDir({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u')).toBe(
      path.join('C:\\Users\\u\\AppData\\Local', 'sbexport-tui', 'Cache'),
    );
    expect(codeCacheDir({ SBEXPORT_TUI_CODE_CACHE: 'off' }, 'linux', '/home/u')).toBeUndefined();
  });

  it('names a cache after the build, the Node version and the Node flags', () => {
    const plain = codeCacheName('0123456789abcdef', []);
    expect(plain).toContain(`-${process.version}-${process.arch}-`);
    expect(codeCacheName('0123456789abcdef', [])).toBe(plain);
    expect(codeCacheName('fedcba9876543210', [])).not.toBe(plain);
    expect(codeCacheName('0123456789abcdef', ['--max-semi-space-size=2'])).not.toBe(plain);
  });
});

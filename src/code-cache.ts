// V8's code cache for the app bundle, kept in the user's cache folder (see launcher.ts for why).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where compiled code is kept; undefined when caching is turned off. */
export function codeCacheDir(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string | undefined {
  if (env.SBEXPORT_TUI_CODE_CACHE === 'off') return undefined;
  if (platform === 'win32') {
    const base = env.LOCALAPPDATA;
    return base ? path.join(base, 'sbexport-tui', 'Cache') : undefined;
  }
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'sbexport-tui');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'sbexport-tui');
}

/** One file per build of the app, Node version, CPU and set of Node flags. */
export function codeCacheName(buildId: string, execArgv: readonly string[]): string {
  return `app-${buildId}-${process.version}-${process.arch}-${fnv1a(execArgv.join('\0'))}.v8cache`;
}

/** A short, stable name for a set of flags (not a secret: node:crypto would cost more to load than this). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

const CACHE_FILE = /^app-.+\.v8cache$/;

export function readCache(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Atomically, readable by the user only; caches of other builds in the folder are removed. */
export function writeCache(dir: string, name: string, data: Buffer): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, name);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, data, { mode: 0o600 });
    fs.renameSync(temp, file);
  } finally {
    fs.rmSync(temp, { force: true });
  }
  for (const other of fs.readdirSync(dir)) {
    if (other !== name && CACHE_FILE.test(other)) fs.rmSync(path.join(dir, other), { force: true });
  }
}

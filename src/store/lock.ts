// A short exclusive lock between processes saving the same watch list: a list write must not be based on
// a read another process's write has overtaken (its IDs would be lost), an append must not land in a
// journal another process is replacing with its compacted copy, and a compaction must see every append. Held
// for milliseconds; a lock left by a killed process is recognised (its pid is gone, or it is old) and taken over.

import fs from 'node:fs';

const STALE_MS = 10_000;
const GIVE_UP_MS = 5_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Locks this process holds: taking one again (a save inside a flush) just runs the work. */
const held = new Set<string>();

function holderIsGone(lockFile: string): boolean {
  try {
    const st = fs.statSync(lockFile);
    if (Date.now() - st.mtimeMs > STALE_MS) return true;
    const pid = Number.parseInt(fs.readFileSync(lockFile, 'utf8'), 10);
    if (!Number.isInteger(pid) || pid <= 0) return false; // being written right now
    process.kill(pid, 0);
    return false;
  } catch (err) {
    // ESRCH: no such process. EPERM: alive, another user's. ENOENT: released meanwhile — not "gone": the
    // caller would then remove the lock file, which by now may be a new holder's, and two would hold it.
    const code = (err as NodeJS.ErrnoException).code;
    return code !== 'EPERM' && code !== 'ENOENT';
  }
}

function tryTake(lockFile: string): 'taken' | 'busy' | 'unavailable' {
  try {
    const fd = fs.openSync(lockFile, 'wx');
    fs.writeSync(fd, String(process.pid));
    fs.closeSync(fd);
    return 'taken';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EEXIST' ? 'busy' : 'unavailable';
  }
}

/**
 * Run fn holding `lockFile`. Where no lock file can be made (a read-only directory) fn runs anyway: the
 * lock protects snapshots only, and writing will fail there for its own reason.
 */
export function withLock<T>(lockFile: string, fn: () => T): T {
  if (held.has(lockFile)) return fn();
  const started = Date.now();
  let state = tryTake(lockFile);
  while (state === 'busy') {
    // Past GIVE_UP_MS a holder is taken for hung (a save holds the lock for milliseconds): waiting longer
    // would freeze the app, which waits here synchronously.
    if (holderIsGone(lockFile) || Date.now() - started > GIVE_UP_MS) fs.rmSync(lockFile, { force: true });
    else Atomics.wait(sleeper, 0, 0, 2);
    state = tryTake(lockFile);
  }
  if (state === 'taken') held.add(lockFile);
  try {
    return fn();
  } finally {
    if (state === 'taken') {
      held.delete(lockFile);
      fs.rmSync(lockFile, { force: true });
    }
  }
}

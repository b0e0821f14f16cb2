// A short exclusive lock between processes saving the same watch list: a list write must not be based on
// a read another process's write has overtaken (its IDs would be lost), an append must not land in a
// journal another process is replacing with its compacted copy, and a compaction must see every append. Held
// for milliseconds; a lock left by a killed process is recognised (its pid is gone, or it is old) and taken over.

import fs from 'node:fs';

const STALE_MS = 10_000;
const GIVE_UP_MS = 5_000;
const BREAK_STALE_MS = 1_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Locks this process holds: taking one again (a save inside a flush) just runs the work. */
const held = new Set<string>();

/** Who holds a lock: its file (inode, time) and the pid written in it; undefined when there is no lock file. */
export interface Holder {
  ino: number;
  mtimeMs: number;
  pid: number;
}

export function holderOf(lockFile: string): Holder | undefined {
  try {
    const st = fs.statSync(lockFile);
    const pid = Number.parseInt(fs.readFileSync(lockFile, 'utf8'), 10);
    return { ino: st.ino, mtimeMs: st.mtimeMs, pid: Number.isInteger(pid) ? pid : 0 };
  } catch {
    return undefined;
  }
}

/** Whether the process that wrote `holder` has ended (pid 0: the file is being written right now). */
function pidIsGone(holder: Holder): boolean {
  if (holder.pid <= 0) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (err) {
    // ESRCH: no such process. EPERM: alive, another user's.
    return (err as NodeJS.ErrnoException).code !== 'EPERM';
  }
}

function isGone(holder: Holder): boolean {
  return Date.now() - holder.mtimeMs > STALE_MS || pidIsGone(holder);
}

/** A breaker is held for milliseconds: stale once its process is gone, or its time is far off (a clock step). */
function breakerIsStale(breaker: Holder): boolean {
  return Math.abs(Date.now() - breaker.mtimeMs) > BREAK_STALE_MS || pidIsGone(breaker);
}

const sameHolder = (a: Holder, b: Holder) => a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.pid === b.pid;

/**
 * Remove the lock file if `judged` (a holder found gone, or hung) still holds it. Under a second, briefer
 * lock: two processes that both judged the same dead holder must not both remove "the" lock file, since by
 * the second removal it may be the first one's new lock. Whoever breaks second finds another holder and
 * leaves it. A breaker killed while breaking leaves its file; it is old after BREAK_STALE_MS.
 */
export function breakLock(lockFile: string, judged: Holder): void {
  const breaker = `${lockFile}.break`;
  const took = tryTake(breaker);
  // No file can be made here (a read-only directory, another user's): remove the lock as before, and let
  // that fail with its own error rather than wait for ever.
  if (took === 'unavailable') {
    fs.rmSync(lockFile, { force: true });
    return;
  }
  if (took === 'busy') {
    const other = holderOf(breaker);
    if (other && breakerIsStale(other)) fs.rmSync(breaker, { force: true });
    return;
  }
  try {
    const now = holderOf(lockFile);
    if (now && sameHolder(now, judged)) fs.rmSync(lockFile, { force: true });
  } finally {
    fs.rmSync(breaker, { force: true });
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
  let state = tryTake(lockFile);
  let waitingFor: Holder | undefined;
  let since = Date.now();
  while (state === 'busy') {
    const holder = holderOf(lockFile);
    // The time waited counts per holder: another process's lock taken meanwhile is not the hung one.
    if (holder && !(waitingFor && sameHolder(holder, waitingFor))) {
      waitingFor = holder;
      since = Date.now();
    }
    // Past GIVE_UP_MS a holder is taken for hung (a save holds the lock for milliseconds): waiting longer
    // would freeze the app, which waits here synchronously.
    if (holder && (isGone(holder) || Date.now() - since > GIVE_UP_MS)) breakLock(lockFile, holder);
    state = tryTake(lockFile);
    if (state === 'busy') Atomics.wait(sleeper, 0, 0, 2);
  }
  if (state !== 'taken') return fn();
  held.add(lockFile);
  const ours = holderOf(lockFile);
  try {
    return fn();
  } finally {
    held.delete(lockFile);
    // Ours still, unless another process took us for hung and broke it: then the lock is not ours to remove.
    const now = holderOf(lockFile);
    if (now && (!ours || sameHolder(now, ours))) fs.rmSync(lockFile, { force: true });
  }
}

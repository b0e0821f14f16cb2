// The lock between processes saving one watch list (src/store/lock.ts): a lock left by a dead process is
// taken over, but only that one: a lock another process took since must survive every takeover and release.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { breakLock, holderOf, withLock } from '../../src/store/lock.js';

let dir: string;
let lock: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-lock-'));
  lock = path.join(dir, 'watchlist.lock');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The pid of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

/** A lock file as another process leaves it, made new (another inode) each time. */
function holdAs(pid: number): void {
  fs.rmSync(lock, { force: true });
  fs.writeFileSync(lock, String(pid), { flag: 'wx' });
}

describe('the watch list lock', () => {
  it('takes over a lock left by a process that is gone, and removes its own after', () => {
    holdAs(deadPid());
    expect(withLock(lock, () => holderOf(lock)?.pid)).toBe(process.pid);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('does not break a lock another process took after the dead one was found', () => {
    holdAs(deadPid());
    const judged = holderOf(lock)!;
    // Meanwhile another process broke the dead lock and took it: alive (the test runner's parent).
    holdAs(process.ppid);
    breakLock(lock, judged);
    expect(holderOf(lock)?.pid).toBe(process.ppid);
    // The dead holder itself is broken.
    holdAs(deadPid());
    breakLock(lock, holderOf(lock)!);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('gets past a breaker that was killed while breaking', () => {
    holdAs(deadPid());
    fs.writeFileSync(`${lock}.break`, String(deadPid()));
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(`${lock}.break`, old, old);
    expect(withLock(lock, () => 'ran')).toBe('ran');
    expect(fs.existsSync(`${lock}.break`)).toBe(false);
    // Its process gone, even with a time in the future (the clock stepped back since).
    holdAs(deadPid());
    fs.writeFileSync(`${lock}.break`, String(deadPid()));
    const ahead = new Date(Date.now() + 3_600_000);
    fs.utimesSync(`${lock}.break`, ahead, ahead);
    expect(withLock(lock, () => 'ran again')).toBe('ran again');
  });

  it('leaves the lock alone on release when it is no longer its own', () => {
    withLock(lock, () => {
      // Another process took this one for hung, broke the lock and holds it now.
      holdAs(process.ppid);
    });
    expect(holderOf(lock)?.pid).toBe(process.ppid);
  });
});

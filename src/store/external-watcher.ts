// Noticing that another process (an `sbexport-tui add` from a script, a second TUI) wrote the watch list.

import fs from 'node:fs';
import path from 'node:path';

const EXTERNAL_DEBOUNCE_MS = 100;

/**
 * Calls onChange (debounced) when one of `files` (all in one directory) changes. Returns the stop function.
 * Watching is a convenience (some file systems do not support it): the merge before each write still keeps
 * other processes' IDs, so failing to watch is silent.
 */
export function watchFiles(files: readonly string[], onChange: () => void): () => void {
  const dir = path.dirname(files[0]!);
  const names = new Set(files.map((f) => path.basename(f)));
  let watcher: fs.FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    watcher?.close();
    watcher = undefined;
  };
  try {
    fs.mkdirSync(dir, { recursive: true });
    // The directory, not the file: atomic writes replace the file, which would orphan a file watch.
    watcher = fs.watch(dir, { persistent: false }, (_event, filename) => {
      if (filename && !names.has(filename)) return;
      if (timer || stopped) return;
      timer = setTimeout(() => {
        timer = undefined;
        if (!stopped) onChange();
      }, EXTERNAL_DEBOUNCE_MS);
    });
    watcher.on('error', () => {
      // The directory went away: stop watching; the next write re-creates it and merges anyway.
      watcher?.close();
      watcher = undefined;
    });
  } catch {
    // See above: not watching is allowed.
  }
  return stop;
}

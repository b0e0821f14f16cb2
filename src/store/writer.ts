// Writing the list file: conf locates it and writes it atomically (a temporary file renamed over it), and
// the names of the copies kept when a file cannot be read as it is.

import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { errorText } from '../values.js';

const PROJECT_NAME = 'sbexport-tui';

type ConfValue = Record<string, unknown>;

/**
 * conf, used only to locate the file and to write it atomically. Its constructor reads the whole file through
 * `store` only for WatchStore to read it again: here reading `store` reads nothing. Writing it is conf's own
 * atomic write. conf reads `store` only in its constructor (and in the setter, which `__internal__` in
 * every written value turns off).
 */
class WriterConf extends Conf<ConfValue> {
  override get store(): ConfValue {
    // What conf's read does when the file is missing: a config directory that cannot be made fails at
    // open, as before, not at the first write.
    fs.mkdirSync(path.dirname(this.path), { recursive: true });
    return {};
  }

  override set store(value: ConfValue) {
    super.store = value;
  }
}

export interface FileWriter {
  readonly path: string;
  /** Replace the file's content atomically. */
  write(text: string): void;
}

/** The writer of `<cwd>/<configName>.json`; cwd defaults to $XDG_CONFIG_HOME/sbexport-tui, else conf's. */
export function openWriter(configName: string, cwdOption: string | undefined): FileWriter {
  const xdg = process.env.XDG_CONFIG_HOME;
  const cwd = cwdOption ?? (xdg ? path.join(xdg, PROJECT_NAME) : undefined);
  let conf: WriterConf;
  try {
    conf = new WriterConf({
      projectName: PROJECT_NAME,
      projectSuffix: '',
      configName,
      ...(cwd ? { cwd } : {}),
      serialize: (value) => String(value.text ?? ''),
      // Not called (see WriterConf); if conf ever read the file anyway, it must not parse it or throw on
      // a corrupt file: the store reads the file itself.
      deserialize: () => ({}),
    });
  } catch (err) {
    throw new Error(`Cannot open the watch list in ${cwd ?? 'the config directory'}: ${errorText(err)}`);
  }
  return {
    path: conf.path,
    write(text) {
      // `__internal__` is conf's own key: with it present conf skips re-reading the whole file to preserve
      // it. Our serialize writes only `text`, so it never reaches the disk.
      conf.store = { __internal__: {}, text };
    },
  };
}

/** Changes whenever the file is replaced or written: equal means nobody wrote it since. */
export function fileSignature(file: string): string | undefined {
  try {
    const st = fs.statSync(file);
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return undefined;
  }
}

function backupStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
}

/** `<file>.<why>-<time>`, numbered when that name is taken. */
export function backupName(file: string, why: string): string {
  const base = `${file}.${why}-${backupStamp(new Date())}`;
  let target = base;
  for (let n = 2; fs.existsSync(target); n++) target = `${base}-${n}`;
  return target;
}

/**
 * Delete `<file>.tmp-*`: temporary files of writes killed before their rename. Only under the save lock,
 * where no other process is writing one.
 */
export function removeStaleTemps(file: string): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.tmp-`;
  try {
    for (const f of fs.readdirSync(dir))
      if (f.startsWith(prefix)) fs.rmSync(path.join(dir, f), { force: true });
  } catch {
    // Tidying only.
  }
}

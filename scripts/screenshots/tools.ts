// The programs and fonts the screenshot script needs, and the Debian package of each, so that a
// missing one is named in the error (and the test can skip with the same words).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface MissingTool {
  what: string;
  debianPackage: string;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    if (!dir) return false;
    try {
      fs.accessSync(path.join(dir, command), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Families of the installed fonts that match a fontconfig pattern (empty when fc-list is absent). */
export function fontFamilies(pattern: string): string[] {
  const r = spawnSync('fc-list', [pattern, 'family'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n').filter((l) => l.trim() !== '') : [];
}

export function missingTools(): MissingTool[] {
  const missing: MissingTool[] = [];
  if (!onPath('tmux')) missing.push({ what: 'tmux', debianPackage: 'tmux' });
  if (!onPath('rsvg-convert')) missing.push({ what: 'rsvg-convert', debianPackage: 'librsvg2-bin' });
  if (!onPath('fc-list')) missing.push({ what: 'fc-list', debianPackage: 'fontconfig' });
  else if (fontFamilies('DejaVu Sans Mono').length === 0) {
    missing.push({ what: 'the DejaVu Sans Mono font', debianPackage: 'fonts-dejavu-core' });
  }
  return missing;
}

export function describeMissing(missing: readonly MissingTool[]): string {
  const names = missing.map((m) => `${m.what} (Debian package ${m.debianPackage})`).join(', ');
  const packages = [...new Set(missing.map((m) => m.debianPackage))].join(' ');
  return `missing ${names}; install with: apt-get install -y ${packages}`;
}

/**
 * Characters on screen that no installed font has: rsvg would draw a box. Symbols such as ⏱ are in
 * no DejaVu font; Debian's fonts-symbola has them.
 */
export function glyphsWithoutFont(text: string): string[] {
  const chars = [...new Set(Array.from(text).filter((c) => c.codePointAt(0)! > 0x7e))];
  return chars.filter((c) => fontFamilies(`:charset=${c.codePointAt(0)!.toString(16)}`).length === 0);
}

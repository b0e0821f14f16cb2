// The installed package is dist/ alone: no dependency is installed beside it. These run a copy of dist/ in a
// folder with no node_modules above it, so that anything the bundle still loaded from node_modules at run
// time (as zod once was, for the odd saved snapshot) fails here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let root: string;
let cli: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-dist-'));
  fs.cpSync(path.resolve('dist'), path.join(root, 'dist'), { recursive: true });
  cli = path.join(root, 'dist', 'cli.js');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function run(args: string[], home: string, input?: string) {
  const res = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    input,
    maxBuffer: 64 * 1024 * 1024,
    cwd: root,
    env: { PATH: process.env.PATH, HOME: home, XDG_CACHE_HOME: path.join(home, 'cache') },
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

const ID = 'a7Kq2Lx9Vb3Nm8Pz4Rt6Wy1Hc5Jd0Fg3';

describe('the bundle on its own', () => {
  it('has no node_modules within reach', () => {
    for (let dir = root; dir !== path.dirname(dir); dir = path.dirname(dir))
      expect(fs.existsSync(path.join(dir, 'node_modules'))).toBe(false);
  });

  it('answers --help and lists the demo', () => {
    const home = path.join(root, 'home-demo');
    const help = run(['--help'], home);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: sbexport-tui');
    const list = run(['--demo', 'list', '--config-dir', home], home);
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^ID +STATE/);
  });

  it('writes all of a long listing to a pipe before it exits', () => {
    // Far more than a pipe holds (64 KB): what is still queued when the process ends must not be lost.
    const home = path.join(root, 'home-long');
    const ids = Array.from({ length: 5000 }, (_, n) => `pipe${String(n).padStart(28, '0')}`);
    expect(run(['add', '-', '--config-dir', home], home, ids.join('\n')).code).toBe(0);
    // Through a shell pipe, as a script reads it (`sbexport-tui list | …`).
    const list = spawnSync(
      'sh',
      ['-c', '"$0" "$1" list --config-dir "$2" | cat', process.execPath, cli, home],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        env: { PATH: process.env.PATH, HOME: home },
      },
    );
    expect(list.status).toBe(0);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines.length).toBe(ids.length + 1);
    expect(lines.at(-1)).toContain(ids.at(-1));
  });

  it('explains a saved snapshot that only the full check (zod) can judge', () => {
    const home = path.join(root, 'home-odd');
    fs.mkdirSync(home);
    const entry = {
      id: ID,
      addedAt: '2026-01-01T00:00:00Z',
      endpoint: 'https://cgc-api.sbgenomics.com/v2',
      snapshot: { status: 'ok', fetchedAt: '2026-01-01T00:00:00Z' },
    };
    fs.writeFileSync(
      path.join(home, 'watchlist.json'),
      `{"format": 1, "entries": [\n${JSON.stringify(entry)}\n]}\n`,
    );
    const list = run(['list', '--config-dir', home], home);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(ID);
    expect(list.stderr).toContain('status "ok" without a job');
  });
});

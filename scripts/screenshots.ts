// `npm run screenshots`: PNGs of the real app (dist/cli.js --demo) for the README.
//
// Each shot starts the built app afresh in a private tmux window of a fixed size, against the demo
// simulator with a frozen clock and a fixed port, sends the keys that lead to its screen, waits until
// the screen shows it and has stopped changing, then captures it with its escape codes. A headless
// xterm reads the codes, ansi-svg.ts writes the cells as SVG and rsvg-convert makes the PNG: the same
// run twice gives the same bytes. The refresh interval is an hour, so no poll between the first
// refresh and the capture can move the API counter in the header.
//
// Options: --out DIR (default screenshots/), --port N (the demo's port, shown in the header; default
// 47321), --only NAME (repeatable), --skip-build (use dist/cli.js as it is).
// Exit codes: 0 done, 1 failed, 2 a tool is missing (the message names its Debian package) or bad usage.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ansiToSvg } from './screenshots/ansi-svg.js';
import { READY, type Shot, type Step, shots } from './screenshots/shots.js';
import { TmuxServer } from './screenshots/tmux.js';
import { describeMissing, glyphsWithoutFont, missingTools } from './screenshots/tools.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FROZEN_TIME = '2026-11-25T12:00:00Z';
const DEFAULT_PORT = 47321;
const INTERVAL_SECONDS = '3600';

class UsageError extends Error {}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        out: { type: 'string', default: path.join(ROOT, 'screenshots') },
        port: { type: 'string', default: String(DEFAULT_PORT) },
        only: { type: 'string', multiple: true },
        'skip-build': { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function options() {
  const values = parseOptions();
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new UsageError(`--port: not a port: ${values.port}`);
  return { out: path.resolve(values.out), port, only: values.only ?? [], build: !values['skip-build'] };
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function send(tmux: TmuxServer, step: Step): Promise<void> {
  if (step.keys) await tmux.keys(...step.keys);
  if (step.type !== undefined) await tmux.type(step.type);
  if (step.paste !== undefined) await tmux.paste(step.paste);
}

/** Runs one shot in its own app process and returns the screen with its escape codes. */
async function capture(tmux: TmuxServer, shot: Shot, port: number, tmp: string): Promise<string> {
  // The previous shot's app may still be letting go of it.
  const deadline = Date.now() + 5_000;
  while (!(await portFree(port)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (!(await portFree(port))) {
    throw new Error(`port ${port} is in use (another sbexport-tui --demo?): stop it or pass --port`);
  }
  const configDir = fs.mkdtempSync(path.join(tmp, `${shot.name}-`));
  // Exactly this environment, nothing inherited: no CI (Ink would hold frames back), no NO_COLOR, no
  // real HOME or config, one time zone and locale for the dates on screen.
  const env = {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: configDir,
    XDG_CONFIG_HOME: configDir,
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    SBEXPORT_TUI_FROZEN_TIME: FROZEN_TIME,
    SBEXPORT_TUI_DEMO_PORT: String(port),
  };
  const argv = [process.execPath, CLI, '--demo', '--config-dir', configDir, '--interval', INTERVAL_SECONDS];
  await tmux.start(argv, env, shot.cols, shot.rows);
  try {
    const steps = [READY, ...shot.steps];
    for (const step of steps) {
      await send(tmux, step);
      await tmux.waitFor((screen) => step.until.test(screen), step.what);
    }
    return await tmux.settled();
  } finally {
    await tmux.stop();
  }
}

function rsvgConvert(svgFile: string, pngFile: string): void {
  const r = spawnSync('rsvg-convert', ['--format', 'png', '--output', pngFile, svgFile], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`rsvg-convert failed: ${(r.stderr || r.error?.message || '').trim()}`);
}

function build(): void {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('the build failed');
}

async function main(): Promise<number> {
  const opts = options();
  const missing = missingTools();
  if (missing.length) {
    process.stderr.write(`screenshots: ${describeMissing(missing)}\n`);
    return 2;
  }
  if (opts.build) build();
  if (!fs.existsSync(CLI)) throw new Error(`${path.relative(ROOT, CLI)} is missing: run npm run build`);

  const all = shots(opts.port);
  const unknown = opts.only.filter((n) => !all.some((s) => s.name === n));
  if (unknown.length) {
    throw new UsageError(
      `--only: no shot ${unknown.join(', ')} (shots: ${all.map((s) => s.name).join(', ')})`,
    );
  }
  const chosen = opts.only.length ? all.filter((s) => opts.only.includes(s.name)) : all;

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sbshots-'));
  const tmux = new TmuxServer(tmp);
  const cleanup = async () => {
    await tmux.kill();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    fs.mkdirSync(opts.out, { recursive: true });
    let text = '';
    for (const shot of chosen) {
      const screen = await capture(tmux, shot, opts.port, tmp);
      text += screen;
      const svgFile = path.join(tmp, `${shot.name}.svg`);
      fs.writeFileSync(svgFile, await ansiToSvg(screen, shot.cols, shot.rows));
      const pngFile = path.join(opts.out, `${shot.name}.png`);
      rsvgConvert(svgFile, pngFile);
      process.stdout.write(
        `${path.relative(process.cwd(), pngFile)}  ${shot.cols}×${shot.rows}  ${shot.description}\n`,
      );
    }
    // Escape codes are ASCII, so only what is on screen can be missing from the fonts.
    const noFont = glyphsWithoutFont(text);
    if (noFont.length) {
      const list = noFont.map((c) => `${c} (U+${c.codePointAt(0)!.toString(16).toUpperCase()})`).join(', ');
      process.stderr.write(
        `screenshots: warning: no installed font has ${list}; they are drawn as boxes. ` +
          'Install one that has them, e.g. apt-get install -y fonts-symbola\n',
      );
    }
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`screenshots: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);

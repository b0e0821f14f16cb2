// `npm run screenshots` (scripts/screenshots.ts) end to end: the real app in tmux, rendered to PNGs.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ansiToSvg, imageSize } from '../scripts/screenshots/ansi-svg.js';
import { describeMissing, missingTools } from '../scripts/screenshots/tools.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');

/** Every shot the README may use, with the terminal size it is taken at. */
const SHOTS: Record<string, [cols: number, rows: number]> = {
  table: [120, 32],
  'detail-failed': [120, 32],
  'add-prompt': [120, 32],
  'remove-confirm': [120, 32],
  help: [120, 32],
  filter: [120, 32],
  'export-folder': [120, 32],
  'export-preview': [120, 32],
  'narrow-80x24': [80, 24],
};

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which a PNG must start with. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** [x, text] of every tspan, in order. */
function spans(svg: string): [number, string][] {
  return [...svg.matchAll(/<tspan x="([\d.]+)">([^<]*)<\/tspan>/g)].map((m) => [Number(m[1]), m[2] ?? '']);
}

describe('ansiToSvg', () => {
  const cellWidth = imageSize(2, 1).width - imageSize(1, 1).width;

  it('keeps every glyph in its column: symbols, words after them, wide characters over two cells', async () => {
    const svg = await ansiToSvg('\u001b[31m✖ FAILED\u001b[0m 世界x ⏱ 35s\n', 30, 2);
    const at = new Map(spans(svg).map(([x, text]) => [text, x]));
    const x0 = at.get('✖')!;
    expect(at.get('FAILED')! - x0).toBe(2 * cellWidth);
    expect(at.get('世')! - x0).toBe(9 * cellWidth);
    expect(at.get('界')! - x0).toBe(11 * cellWidth);
    expect(at.get('x')! - x0).toBe(13 * cellWidth);
    expect(at.get('⏱')! - x0).toBe(15 * cellWidth);
    expect(at.get('35s')! - x0).toBe(17 * cellWidth);
  });

  it('colours a run by its SGR code and swaps colours under inverse', async () => {
    const svg = await ansiToSvg('\u001b[31mred\u001b[0m plain \u001b[7minv\u001b[0m\n', 20, 1);
    const fills = [...svg.matchAll(/<text [^>]*fill="(#[0-9a-f]{6})"[^>]*>(.*?)<\/text>/g)];
    const fillOf = (word: string) => fills.find((m) => m[2]?.includes(`>${word}<`))?.[1];
    const background = /<rect width="\d+" height="\d+" rx="8" fill="(#[0-9a-f]{6})"/.exec(svg)?.[1];
    expect(new Set([fillOf('red'), fillOf('plain'), background]).size).toBe(3);
    // Inverse: the default background becomes the text colour, the default foreground a filled cell.
    expect(fillOf('inv')).toBe(background);
    const cell = new RegExp(
      `<rect x="[\\d.]+" y="[\\d.]+" width="${3 * cellWidth}" height="\\d+" fill="${fillOf('plain')}"/>`,
    );
    expect(svg).toMatch(cell);
  });
});

const missing = missingTools();
const skipReason = missing.length ? `skipped: ${describeMissing(missing)}` : '';
if (skipReason) console.warn(`test/screenshots.test.ts: npm run screenshots ${skipReason}`);

describe.skipIf(missing.length > 0)(`npm run screenshots ${skipReason}`.trim(), () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sbshots-test-'));
    dirs.push(d);
    return d;
  };
  // A free port rather than the script's default: a demo someone is running must not break the test.
  const screenshots = async (out: string, port: number, ...more: string[]) => {
    await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/screenshots.ts',
        '--out',
        out,
        '--port',
        String(port),
        '--skip-build',
        ...more,
      ],
      { cwd: ROOT, timeout: 50_000 },
    );
  };

  it('renders every screen of the real app to a PNG of its terminal size, the same bytes on a second run', async () => {
    // The suite's global setup builds dist/cli.js; a run of this file alone may not have.
    if (!fs.existsSync(path.join(ROOT, 'dist', 'cli.js'))) {
      execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
    }
    const out = tempDir();
    const port = await freePort();
    await screenshots(out, port);

    expect(fs.readdirSync(out).sort()).toEqual(
      Object.keys(SHOTS)
        .map((n) => `${n}.png`)
        .sort(),
    );
    const pngs = new Map<string, Buffer>();
    for (const [name, [cols, rows]] of Object.entries(SHOTS)) {
      const png = fs.readFileSync(path.join(out, `${name}.png`));
      expect(pngSize(png), name).toEqual(imageSize(cols, rows));
      pngs.set(name, png);
    }
    // Each shot shows its own screen, not the same first frame seven times.
    expect(new Set([...pngs.values()].map((p) => p.toString('base64'))).size).toBe(pngs.size);

    const again = tempDir();
    await screenshots(again, port, '--only', 'detail-failed');
    expect(fs.readFileSync(path.join(again, 'detail-failed.png')).equals(pngs.get('detail-failed')!)).toBe(
      true,
    );
  }, 90_000);
});

// The watch list is read a line at a time through a small buffer (src/store/read-lines.ts). Whatever the
// buffer size, the lines must be the file's lines, with UTF-8 characters never cut at a buffer's edge; and
// reading a file must give what parsing its whole text gives.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseWatchFile,
  readWatchFile,
  serializeListFile,
  serializeWatchFile,
} from '../../src/store/file-format.js';
import { readLines } from '../../src/store/read-lines.js';
import type { WatchEntry } from '../../src/store/types.js';

const NOW = '2026-11-25T19:00:00.000Z';
const id = (n: number) => `job${String(n).padStart(29, '0')}`;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-read-lines-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let files = 0;
function write(content: string): string {
  const file = path.join(dir, `f${files++}.json`);
  fs.writeFileSync(file, content);
  return file;
}

function linesOf(file: string, chunkBytes?: number, stopAfter = Number.POSITIVE_INFINITY): string[] {
  const lines: string[] = [];
  readLines(
    file,
    (line) => {
      lines.push(line);
      return lines.length < stopAfter;
    },
    chunkBytes,
  );
  return lines;
}

describe('readLines', () => {
  it('gives the lines of any text, whatever the buffer size', () => {
    const piece = fc.constantFrom('a', 'ID', '\n', '\n\n', 'é', '日本', '👩‍🔬', '\r\n', ' ', '{"x":1},');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 1, max: 24 }), (parts, chunk) => {
        const text = parts.join('');
        expect(linesOf(write(text), chunk)).toEqual(text.split('\n'));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a line longer than its buffer, and a file with no newline at all', () => {
    const long = 'x'.repeat(1000);
    expect(linesOf(write(`a\n${long}\nb`), 16)).toEqual(['a', long, 'b']);
    expect(linesOf(write(long), 16)).toEqual([long]);
    expect(linesOf(write(''), 16)).toEqual(['']);
  });

  it('stops when told to', () => {
    expect(linesOf(write('1\n2\n3\n4\n'), 3, 2)).toEqual(['1', '2']);
  });

  it('fails on a missing file as fs does', () => {
    expect(() => linesOf(path.join(dir, 'missing.json'))).toThrow(
      expect.objectContaining({ code: 'ENOENT' }),
    );
  });
});

describe('readWatchFile', () => {
  const entries: WatchEntry[] = [1, 2, 3].map((n) => ({
    id: id(n),
    addedAt: NOW,
    endpoint: 'https://api.sb.biodatacatalyst.nhlbi.nih.gov/v2',
    snapshot: {
      status: 'ok',
      fetchedAt: NOW,
      job: { id: id(n), state: 'RUNNING', destination: { location: `ü/${'x'.repeat(n * 40)}` } },
    },
  }));
  const text = serializeWatchFile(entries);

  /** readWatchFile of `text` written to a file, less the length and CRC-32 it read, checked here. */
  const readBack = (text: string, endpoint?: string) => {
    const { file, ...read } = readWatchFile(write(text), NOW, endpoint);
    expect(file).toEqual({ bytes: Buffer.byteLength(text), crc: zlib.crc32(text) });
    return read;
  };

  it('reads the app’s own layout as parseWatchFile reads its text', () => {
    const { byId, ...read } = readBack(text);
    expect(read).toEqual({ entries, warnings: [], upgraded: 0 });
    expect([...byId.values()]).toEqual(entries);
    const { byId: none, ...empty } = readBack(serializeWatchFile([]));
    expect(empty).toEqual({ entries: [], warnings: [], upgraded: 0 });
    expect(none.size).toBe(0);
  });

  it('reads any other layout, and bad entries, as a whole document, as parseWatchFile does', () => {
    const variants = [
      text.slice(0, -1),
      `${text}\n`,
      text.replaceAll('\n', '\r\n'),
      text.replace(',\n    {', '\n    ,{'),
      JSON.stringify(JSON.parse(text), null, '\t'),
      text.replace(`"${id(2)}"`, '"not-an-id"'),
      text.replace(`{"id":"${id(3)}"`, `7,{"id":"${id(3)}"`),
      '{\n  "format": 1,\n  "entries": [\n  ]\n}\n',
      '',
    ];
    for (const variant of variants) expect(readBack(variant)).toEqual(parseWatchFile(variant, NOW));
    // Not JSON either way: a trailing comma, or a file cut short.
    for (const bad of [text.replace('}\n  ]', '},\n  ]'), text.slice(0, text.length - 10)]) {
      expect(() => readWatchFile(write(bad), NOW)).toThrow(/not valid JSON/);
    }
  });

  it('cuts the entry lines the app writes and parses the others, with the same entries either way', () => {
    const ids = [id(1), id(2), 'x'.repeat(32), 'job-with-dash-000000000000000000', 'short'];
    const field = fc.oneof(
      fc.constantFrom(NOW, 'https://cgc-api.sbgenomics.com/v2', 'a"b', 'back\\slash', 'é', '日本', ''),
      fc.string({ maxLength: 16 }),
    );
    const entry = fc.record({ id: fc.constantFrom(...ids), addedAt: field, endpoint: field });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), (list) => {
        const text = serializeListFile(list);
        const endpoint = 'https://api.sbgenomics.com/v2';
        expect(readBack(text, endpoint)).toEqual(parseWatchFile(text, NOW, endpoint));
      }),
      { numRuns: 200 },
    );
    // A raw control character (a hand edit) is not JSON: the file is refused either way, not read leniently.
    const raw = serializeListFile([
      { id: id(1), addedAt: NOW, endpoint: 'https://cgc-api.sbgenomics.com/v2' },
    ]);
    expect(() => readWatchFile(write(raw.replace(NOW, `${NOW}\t`)), NOW)).toThrow(/not valid JSON/);
  });
});

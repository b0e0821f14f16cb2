import { execFileSync } from 'node:child_process';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CorruptFileError,
  isWellFormedSnapshot,
  parseWatchFile,
  serializeWatchFile,
  snapshotSchema,
} from '../../src/store/file-format.js';
import { mergeEntries } from '../../src/store/merge.js';
import type { WatchEntry } from '../../src/store/types.js';

const NOW = '2026-11-25T19:00:00.000Z';
const EP = 'https://cgc-api.sbgenomics.com/v2';
const id = (n: number) => `job${String(n).padStart(29, '0')}`;

describe('watch file format', () => {
  it('round-trips entries, including unknown job fields and awkward strings', () => {
    const entries: WatchEntry[] = [
      { id: id(1), addedAt: NOW, endpoint: EP },
      {
        id: id(2),
        addedAt: NOW,
        endpoint: EP,
        snapshot: {
          status: 'ok',
          fetchedAt: NOW,
          job: {
            id: id(2),
            state: 'FAILED',
            brand_new_field: { x: [1, 2] },
            destination: { location: 'a\nb\x1b' },
          },
        },
      },
      {
        id: id(3),
        addedAt: NOW,
        endpoint: EP,
        snapshot: { status: 'not-found', fetchedAt: NOW, error: { code: 9008 } },
      },
    ];
    const text = serializeWatchFile(entries);
    expect(text.split('\n')).toHaveLength(3 + entries.length + 3);
    const { byId, ...parsed } = parseWatchFile(text, NOW);
    expect(parsed).toEqual({ entries, warnings: [], upgraded: 0 });
    expect([...byId.values()]).toEqual(entries);
    const { byId: none, ...empty } = parseWatchFile(serializeWatchFile([]), NOW);
    expect(empty).toEqual({ entries: [], warnings: [], upgraded: 0 });
    expect(none.size).toBe(0);
  });

  it('reads a hand-formatted file (any JSON layout)', () => {
    const text = JSON.stringify({ format: 1, entries: [{ id: id(1), addedAt: NOW }, id(2)] }, null, '\t');
    const parsed = parseWatchFile(text, NOW);
    expect(parsed.entries.map((e) => e.id)).toEqual([id(1), id(2)]);
    expect(parseWatchFile('{}', NOW).entries).toEqual([]);
    expect(parseWatchFile('', NOW).entries).toEqual([]);
  });

  it('reads its own layout line by line, and any variation of it as a whole document', () => {
    const entries: WatchEntry[] = [1, 2, 3].map((n) => ({
      id: id(n),
      addedAt: NOW,
      endpoint: EP,
      snapshot: { status: 'ok', fetchedAt: NOW, job: { id: id(n), state: 'RUNNING' } },
    }));
    const text = serializeWatchFile(entries);
    const lines = text.split('\n');
    const variants = [
      text,
      text.slice(0, -1), // no final newline
      `${text}\n`, // an extra blank line
      text.replaceAll('\n', '\r\n'),
      lines.slice(0, 4).join('\n') + lines[4]!.trim() + lines.slice(5).join('\n'), // two entries on a line
      text.replace(',\n    {', '\n    ,{'), // comma moved to the next line
      text.replace('\n    {', '\n      {'), // deeper indent
      text.replace('\n  ]', '\n\n  ]'), // a blank line before the bracket
    ];
    for (const variant of variants) expect(parseWatchFile(variant, NOW).entries).toEqual(entries);
    // Own layout with no entries left in it, as a hand edit leaves it.
    expect(parseWatchFile('{\n  "format": 1,\n  "entries": [\n  ]\n}\n', NOW).entries).toEqual([]);
    // A trailing comma is not JSON, in either reading.
    expect(() => parseWatchFile(text.replace('}\n  ]', '},\n  ]'), NOW)).toThrow(CorruptFileError);
  });

  it('loads zod only for a snapshot the fast check rejects', () => {
    // In a fresh process: this one has loaded zod for the other tests.
    const script = `
      import { createRequire } from 'node:module';
      import { parseWatchFile, serializeWatchFile } from ${JSON.stringify(path.resolve('src/store/file-format.ts'))};
      const zodLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((f) => f.includes('/zod/'));
      const NOW = ${JSON.stringify(NOW)};
      const entry = (id, snapshot) => ({ id, addedAt: NOW, snapshot });
      const good = serializeWatchFile([entry('${id(1)}', { status: 'ok', fetchedAt: NOW, job: { id: '${id(1)}', state: 'RUNNING' } })]);
      parseWatchFile(good, NOW);
      parseWatchFile(JSON.stringify(JSON.parse(good)), NOW);
      const before = zodLoaded();
      const odd = parseWatchFile(serializeWatchFile([entry('${id(2)}', { status: 'ok', fetchedAt: NOW })]), NOW);
      console.log(JSON.stringify({ before, after: zodLoaded(), warnings: odd.warnings }));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    const result = JSON.parse(out);
    expect(result.before).toBe(false);
    expect(result.after).toBe(true);
    expect(result.warnings[0]).toContain('status "ok" without a job');
  });

  it('throws CorruptFileError for non-JSON and wrong shapes', () => {
    for (const text of ['nope', '[1,2]', '"x"', '{"entries": {}}', 'null']) {
      expect(() => parseWatchFile(text, NOW)).toThrow(CorruptFileError);
    }
  });

  it('caps the number of warnings', () => {
    const text = JSON.stringify({ entries: Array.from({ length: 100 }, () => 7) });
    const { warnings } = parseWatchFile(text, NOW);
    expect(warnings).toHaveLength(21);
    expect(warnings[20]).toContain('80 more');
  });

  it('the fast snapshot check accepts nothing the zod schema rejects', () => {
    const anyValue = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.constant(null),
      fc.constant(undefined),
      fc.array(fc.string()),
    );
    // Mostly-valid pieces, so that plenty of values pass the fast check and get compared with zod.
    const mostly = <T>(good: fc.Arbitrary<T>) =>
      fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: anyValue, weight: 1 });
    const arbSnapshot = fc.record(
      {
        status: mostly(fc.constantFrom('ok', 'not-found', 'no-access', 'OK', '')),
        fetchedAt: mostly(
          fc.constantFrom(NOW, '2016-06-15T19:17:39Z', '2016-06-15T19:17:39+02:00', '2016-06-15', 'x'),
        ),
        job: mostly(fc.record({ id: mostly(fc.string()), state: mostly(fc.string()) }, { requiredKeys: [] })),
        error: mostly(fc.oneof(fc.record({ code: fc.integer() }), fc.array(fc.integer()))),
      },
      { requiredKeys: ['status', 'fetchedAt'] },
    );
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(arbSnapshot, anyValue), (value) => {
        if (!isWellFormedSnapshot(value)) return true;
        accepted++;
        return snapshotSchema().safeParse(value).success;
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(10); // the property was exercised, not vacuous
  });
});

describe('mergeEntries', () => {
  const e = (n: number): WatchEntry => ({ id: id(n), addedAt: NOW, endpoint: EP });

  it('keeps disk order, drops what we removed and what others removed, appends ours', () => {
    const ours = [e(1), e(2), e(3), e(9)];
    const disk = [e(4), e(1), e(3), e(5)];
    const merged = mergeEntries(ours, disk, {
      added: new Map([[id(9), undefined]]),
      removed: new Set([id(3)]),
    });
    expect(merged.map((x) => x.id)).toEqual([id(4), id(1), id(5), id(9)]);
    expect(merged[1]).toBe(ours[0]); // our object reused
  });

  it('places additions after their anchor, chained additions included', () => {
    const ours = [e(1), e(7), e(8), e(2)];
    const disk = [e(1), e(2), e(3)];
    const added = new Map<string, string | undefined>([
      [id(7), id(1)],
      [id(8), id(7)],
    ]);
    const merged = mergeEntries(ours, disk, { added, removed: new Set() });
    expect(merged.map((x) => x.id)).toEqual([id(1), id(7), id(8), id(2), id(3)]);
  });
});

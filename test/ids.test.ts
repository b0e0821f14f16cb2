import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPORT_ID_PATTERN, type IdParseResult, parseIdInput, summarizeParse } from '../src/ids.js';

const SEED_ID = 'crand0mKvetGpxIjo088DnMXEg0t6srX';
const ID_A = 'a'.repeat(32);
const ID_B = 'B1'.repeat(16);
const none: ReadonlySet<string> = new Set();

const parse = (text: string, watched: ReadonlySet<string> = none, allowedHosts?: ReadonlySet<string>) =>
  parseIdInput(text, { watched, allowedHosts });

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('');
const arbId = fc.array(fc.constantFrom(...ALNUM), { minLength: 32, maxLength: 32 }).map((a) => a.join(''));
const arbSeparator = fc
  .array(fc.constantFrom(' ', ',', ';', '\n', '\r\n', '\t', ', ', ' ;\n'), { minLength: 1, maxLength: 3 })
  .map((a) => a.join(''));

describe('parseIdInput', () => {
  it('takes the seed page ID', () => {
    expect(parse(SEED_ID)).toEqual({ ids: [SEED_ID], alreadyWatched: [], repeated: [], invalid: [] });
  });

  it('splits on spaces, commas, semicolons, tabs and CRLF/LF, keeping input order', () => {
    const r = parse(` ${ID_A},${ID_B};\t${SEED_ID}\r\n`);
    expect(r.ids).toEqual([ID_A, ID_B, SEED_ID]);
    expect(r.invalid).toEqual([]);
  });

  it('returns an all-empty result for empty or whitespace-only input', () => {
    for (const text of ['', '   ', '\n\r\n\t', ' , ; ,']) {
      expect(parse(text)).toEqual({ ids: [], alreadyWatched: [], repeated: [], invalid: [] });
    }
    expect(summarizeParse(parse('  '))).toBe('Nothing to add');
  });

  it('reports already watched and repeated IDs separately', () => {
    const r = parse(`${ID_A} ${SEED_ID} ${ID_A} ${ID_A} ${SEED_ID}`, new Set([SEED_ID]));
    expect(r.ids).toEqual([ID_A]);
    expect(r.alreadyWatched).toEqual([SEED_ID]);
    expect(r.repeated).toEqual([ID_A, SEED_ID]);
  });

  it('explains bad tokens precisely', () => {
    const r = parse(`abc ${'x'.repeat(33)} ${'a'.repeat(31)}- ${'a'.repeat(16)}\x1b[2J${'a'.repeat(12)}`);
    expect(r.ids).toEqual([]);
    expect(r.invalid.map((i) => i.reason)).toEqual([
      'wrong length (3 chars, expected 32)',
      'wrong length (33 chars, expected 32)',
      expect.stringMatching(/^invalid characters/),
      'control characters',
    ]);
  });

  it('rejects emoji and non-ASCII letters, shows them safely and short', () => {
    const r = parse(`${'a'.repeat(31)}😀 ${'é'.repeat(32)} ${'😀'.repeat(100)}`);
    expect(r.ids).toEqual([]);
    expect(r.invalid).toHaveLength(3);
    for (const i of r.invalid) expect(i.reason).toMatch(/^invalid characters/);
    const long = r.invalid[2]!;
    expect(Array.from(long.input).length).toBeLessThanOrEqual(40);
    expect(long.input.endsWith('…')).toBe(true);
    expect(long.input).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no split surrogate pair
  });

  it('never echoes control sequences from the input', () => {
    const r = parse('evil\x1b]2:title\x07');
    expect(r.invalid).toHaveLength(1);
    expect(r.invalid[0]!.reason).toBe('control characters');
    expect(r.invalid[0]!.input).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
  });

  it('accepts export hrefs of every known platform, with trailing slash or query', () => {
    const hosts = [
      'api.sb.biodatacatalyst.nhlbi.nih.gov',
      'api.sbgenomics.com',
      'eu-api.sbgenomics.com',
      'api.sevenbridges.cn',
      'cgc-api.sbgenomics.com',
      'cavatica-api.sbgenomics.com',
    ];
    const ids = Array.from({ length: hosts.length }, (_, i) => `${String(i)}${'z'.repeat(31)}`);
    const text = hosts
      .map((h, i) => `https://${h}/v2/storage/exports/${ids[i]}${i % 2 ? '/' : '?fields=_all'}`)
      .join('\n');
    const r = parse(text);
    expect(r.invalid).toEqual([]);
    expect(r.ids).toEqual(ids);
  });

  it('rejects other hosts, other paths and plain http', () => {
    const r = parse(
      [
        `https://evil.example.com/v2/storage/exports/${ID_A}`,
        `https://api.sbgenomics.com/v2/files/${ID_A}`,
        `https://api.sbgenomics.com/v2/storage/exports/${ID_A}/extra`,
        `http://api.sbgenomics.com/v2/storage/exports/${ID_A}`,
        `https://api.sbgenomics.com/v2/storage/exports/short`,
        'https://[bad',
      ].join(' '),
    );
    expect(r.ids).toEqual([]);
    expect(r.invalid.map((i) => i.reason)).toEqual([
      'unknown host evil.example.com',
      expect.stringMatching(/^not an export job URL/),
      expect.stringMatching(/^not an export job URL/),
      expect.stringMatching(/^not an export job URL/),
      'ID in URL: wrong length (5 chars, expected 32)',
      'not a valid URL',
    ]);
  });

  it('accepts the current endpoint host and plain http only on an allowed loopback host', () => {
    const allowed = new Set(['127.0.0.1:4567', 'sb.internal.example']);
    const r = parse(
      [
        `http://127.0.0.1:4567/v2/storage/exports/${ID_A}`,
        `https://sb.internal.example/v2/storage/exports/${ID_B}`,
        `http://sb.internal.example/v2/storage/exports/${SEED_ID}`,
        `http://127.0.0.1:9999/v2/storage/exports/${SEED_ID}`,
      ].join(' '),
      none,
      allowed,
    );
    expect(r.ids).toEqual([ID_A, ID_B]);
    expect(r.invalid.map((i) => i.reason)).toEqual([
      expect.stringMatching(/^not an export job URL/),
      'unknown host 127.0.0.1:9999',
    ]);
  });

  it('treats an href and a bare ID of the same job as one', () => {
    const r = parse(`${ID_A} https://api.sbgenomics.com/v2/storage/exports/${ID_A}`);
    expect(r.ids).toEqual([ID_A]);
    expect(r.repeated).toEqual([ID_A]);
  });

  it('parses 10,000 pasted IDs (plus watched ones and junk) quickly', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `id${String(i).padStart(30, '0')}`);
    const watched = new Set(ids.slice(0, 500));
    const text = `${ids.join('\n')}\nnot-an-id\n${ids.slice(0, 10).join(',')}`;
    const started = performance.now();
    const r = parse(text, watched);
    const ms = performance.now() - started;
    expect(r.ids).toHaveLength(9_500);
    expect(r.alreadyWatched).toHaveLength(500);
    expect(r.repeated).toHaveLength(10);
    expect(r.invalid).toHaveLength(1);
    // Generous: linear work takes a few ms; a quadratic parser takes seconds.
    expect(ms).toBeLessThan(1_000);
  });

  it('property: never throws; ids valid, new and unique', () => {
    const watchedIds = ['w'.repeat(32), SEED_ID];
    const watched = new Set(watchedIds);
    const token = fc.oneof(
      arbId,
      fc.constantFrom(...watchedIds),
      fc.string({ unit: 'binary', maxLength: 40 }),
      arbId.map((id) => `https://api.sbgenomics.com/v2/storage/exports/${id}`),
      fc.string({ maxLength: 20 }).map((s) => `https://x${s}/v2/storage/exports/${ID_A}`),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(token, arbSeparator), { maxLength: 30 }), (parts) => {
        const text = parts.map(([t, sep]) => t + sep).join('');
        const r = parse(text, watched);
        return (
          r.ids.every((id) => EXPORT_ID_PATTERN.test(id) && !watched.has(id)) &&
          new Set(r.ids).size === r.ids.length &&
          r.invalid.every((i) => !/[\x00-\x1f\x7f-\x9f]/.test(i.input)) &&
          !summarizeParse(r).includes('\n')
        );
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const r = parse(text, watched);
        return r.ids.every((id) => EXPORT_ID_PATTERN.test(id)) && new Set(r.ids).size === r.ids.length;
      }),
      { numRuns: 1000 },
    );
  });

  it('property: valid IDs joined by any separators round-trip', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbId, { minLength: 1, maxLength: 50 }),
        fc.array(arbSeparator, { minLength: 51, maxLength: 51 }),
        (ids, seps) => {
          const text = seps[0] + ids.map((id, i) => id + seps[i + 1]).join('');
          expect(parse(text)).toEqual({ ids, alreadyWatched: [], repeated: [], invalid: [] });
        },
      ),
    );
  });
});

describe('summarizeParse', () => {
  const result = (r: Partial<IdParseResult>): IdParseResult => ({
    ids: [],
    alreadyWatched: [],
    repeated: [],
    invalid: [],
    ...r,
  });

  it('says what happened in one line', () => {
    const line = summarizeParse(
      result({
        ids: [ID_A, ID_B, SEED_ID],
        alreadyWatched: ['w'.repeat(32)],
        invalid: [
          { input: 'abc', reason: 'wrong length (3 chars, expected 32)' },
          { input: 'def', reason: 'wrong length (3 chars, expected 32)' },
        ],
      }),
    );
    expect(line).toBe(
      'Added 3 · 1 already watched · 2 invalid: abc: wrong length (3 chars, expected 32), +1 more',
    );
    expect(line).not.toContain('\n');
  });

  it('says nothing was added', () => {
    expect(summarizeParse(result({ alreadyWatched: [ID_A] }))).toBe('Nothing added · 1 already watched');
    expect(summarizeParse(result({ ids: [ID_A], repeated: [ID_A] }))).toBe('Added 1 · 1 ID given twice');
  });
});

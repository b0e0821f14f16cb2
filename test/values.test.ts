import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonEqual } from '../src/values.js';

/** JSON.stringify with object keys sorted: equal strings mean the same JSON up to key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

describe('jsonEqual', () => {
  it('agrees with comparing the JSON text, up to key order', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(jsonEqual(a, b)).toBe(canonical(a) === canonical(b));
        expect(jsonEqual(a, JSON.parse(JSON.stringify(a)))).toBe(true);
      }),
    );
  });

  it('finds one changed field deep inside a job', () => {
    const job = { id: 'x', state: 'RUNNING', destination: { volume: 'v', location: 'a/b' }, tags: [1, 2] };
    expect(jsonEqual(job, structuredClone(job))).toBe(true);
    expect(jsonEqual(job, { ...job, state: 'COMPLETED' })).toBe(false);
    expect(jsonEqual(job, { ...job, destination: { volume: 'v', location: 'a/c' } })).toBe(false);
    expect(jsonEqual(job, { ...job, tags: [1, 2, 3] })).toBe(false);
    expect(jsonEqual(job, { ...job, extra: 0 })).toBe(false);
    expect(jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
  });

  it('treats missing and undefined fields alike, as JSON.stringify does', () => {
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: undefined }, { b: undefined })).toBe(true);
    expect(jsonEqual([undefined], [null])).toBe(true);
    expect(jsonEqual({ a: null }, {})).toBe(false);
    expect(jsonEqual(undefined, undefined)).toBe(true);
    expect(jsonEqual(1, '1')).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
  });
});

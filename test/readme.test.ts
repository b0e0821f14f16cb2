// The README is read by newcomers first: keep its key table and platform table
// in step with the code they describe.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readResults, withBenchTable } from '../bench/readme-table.js';
import { resolveEndpoint } from '../src/platform/endpoints.js';
import { keyTableMarkdown } from '../src/ui/keys.js';

const readme = fs.readFileSync('README.md', 'utf8');

describe('README', () => {
  it('has the key table generated from src/ui/keys.ts', () => {
    const block = /<!-- keys:start[^>]*-->\n([\s\S]*?)\n<!-- keys:end -->/.exec(readme);
    expect(block?.[1]).toBe(keyTableMarkdown());
  });

  it('names platform short names that resolve to the URLs it shows', () => {
    const rows = [...readme.matchAll(/^\| [^|]+ \| `([a-z-]+)` \| `(https:\/\/[^`]+)` \|$/gm)];
    expect(rows.length).toBe(6);
    for (const [, name, url] of rows) expect(resolveEndpoint(name!)).toBe(url);
  });

  it('quotes the benchmark figures exactly as bench/results.json has them', () => {
    expect(readme).toBe(withBenchTable(readme, readResults('bench/results.json')));
  });

  it('starts with the two set-up commands', () => {
    expect(readme).toContain('npm install && npm start -- --demo');
    expect(readme).toContain('npm install && npm test');
  });
});

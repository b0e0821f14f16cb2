import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_MISSING_ID } from '../../src/demo/seed.js';
import { SbClient } from '../../src/platform/client.js';
import { bulkGetExports } from '../../src/platform/exports.js';
import { type Demo, openDemo } from '../../src/platforms/demo.js';
import { storeKeepsEndpoint } from '../commands/helpers.js';

let demo: Demo | undefined;
let dir: string | undefined;
afterEach(async () => {
  demo?.store.close();
  await demo?.platforms.close();
  await Promise.all((demo?.simulators ?? []).map((s) => s.close()));
  demo = undefined;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('--demo', () => {
  it("simulates two platforms with their own tokens, the seed's jobs split between them", async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-demo-'));
    demo = await openDemo({ configDir: dir }, false);
    const [first, second] = demo.platforms.all();
    expect(demo.platforms.all()).toHaveLength(2);
    expect(first!.endpoint).not.toBe(second!.endpoint);
    expect(first!.token).not.toBe(second!.token);
    expect([first!.shortName, second!.shortName]).toEqual(['bdc', 'cgc']);

    const ids = [...demo.store.ids()];
    const onFirst = ids.filter((id) => demo!.simulators[0]!.job(id));
    const onSecond = ids.filter((id) => demo!.simulators[1]!.job(id));
    expect(onFirst.length).toBeGreaterThan(2);
    expect(onSecond.length).toBeGreaterThan(2);
    expect(onFirst.filter((id) => onSecond.includes(id))).toEqual([]);
    expect(onFirst.length + onSecond.length).toBe(ids.length - 1);
    expect(ids).toContain(DEMO_MISSING_ID);

    // Over HTTP: each platform answers its own jobs with its own token, and refuses the other's token.
    const items = await bulkGetExports(second!.client, onSecond.slice(0, 5));
    expect(items.every((i) => 'job' in i)).toBe(true);
    const wrong = new SbClient({ endpoint: second!.endpoint, token: first!.token });
    await expect(bulkGetExports(wrong, onSecond.slice(0, 1))).rejects.toMatchObject({ status: 401 });
    await wrong.close();

    // Each entry is recorded on its simulator's platform (once the store keeps endpoints: else all on the first).
    if (storeKeepsEndpoint()) {
      expect(
        onSecond.every((id) => demo!.platforms.endpointOf(demo!.store.entry(id)!) === second!.endpoint),
      ).toBe(true);
      expect(
        onFirst.every((id) => demo!.platforms.endpointOf(demo!.store.entry(id)!) === first!.endpoint),
      ).toBe(true);
    }
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Platforms } from '../../src/platforms/platforms.js';
import { platformView } from '../../src/platforms/targets.js';
import type { Snapshot } from '../../src/store/types.js';
import { WatchStore } from '../../src/store/watch-store.js';
import { AskLog, dueInOrder } from '../../src/watch/due.js';
import { ids, job, snapshotOf } from './helpers.js';

const ENDPOINT = 'https://api.sbgenomics.com/v2';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Whether the store has parsed this entry's full snapshot (JournalEntry keeps it once read). */
const parsed = (store: WatchStore, id: string) =>
  (store.entry(id) as unknown as { cached: unknown }).cached !== false;

describe('the due check of a store-backed target', () => {
  it('decides from the summaries, without parsing any full snapshot', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbexport-due-'));
    dirs.push(dir);
    const done = ids('C', 50);
    const running = ids('R', 5);
    const snaps = new Map<string, Snapshot>([
      ...done.map((id): [string, Snapshot] => [id, snapshotOf(job(id, 'COMPLETED'))]),
      ...running.map((id): [string, Snapshot] => [id, snapshotOf(job(id, 'RUNNING'))]),
    ]);
    const first = WatchStore.open({ cwd: dir });
    first.add([...snaps.keys()], { endpoint: ENDPOINT, snapshots: snaps });
    first.close();

    const store = WatchStore.open({ cwd: dir });
    try {
      const platforms = Platforms.fromList([
        { endpoint: ENDPOINT, token: 'a-test-token', source: 'test', shortName: 'sbg-us' },
      ]);
      const order = dueInOrder(platformView(store, platforms, ENDPOINT), new Set(), new AskLog());
      expect(order.ids).toEqual(running);
      expect(order.unknown).toBe(0);
      expect([...snaps.keys()].filter((id) => parsed(store, id))).toEqual([]);
      // The full snapshot is still there when asked for.
      expect(store.snapshot(running[0]!)?.job?.state).toBe('RUNNING');
      expect(parsed(store, running[0]!)).toBe(true);
    } finally {
      store.close();
    }
  });
});

// The poll target of one platform over a watch list holding several platforms' jobs (src/platforms/targets.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/demo/simulator.js';
import { Platforms } from '../../src/platforms/platforms.js';
import { platformView, type WatchList } from '../../src/platforms/targets.js';
import type { Snapshot, WatchEntry } from '../../src/store/types.js';
import { Poller } from '../../src/watch/poller.js';
import { client, ids, simJobs } from '../watch/helpers.js';
import { Driver, VirtualClock } from '../watch/virtual-clock.js';

const BDC = 'https://api.sb.biodatacatalyst.nhlbi.nih.gov/v2';
const CGC = 'https://cgc-api.sbgenomics.com/v2';

const PLATFORMS = Platforms.fromList([
  { endpoint: BDC, token: 'a-test-token', source: 'test', shortName: 'bdc' },
  { endpoint: CGC, token: 'b-test-token', source: 'test', shortName: 'cgc' },
]);
const platformTarget = (list: WatchList, endpoint: string) => platformView(list, PLATFORMS, endpoint);

/**
 * One watch list holding both platforms' jobs, as the store does (entries carry their endpoint), whose ids()
 * is a new array on every call: only its version says when the IDs changed.
 */
class TwoPlatformStore implements WatchList {
  version = 0;
  readonly endpoints = new Map<string, string>();
  readonly snaps = new Map<string, Snapshot>();
  readonly writes: string[][] = [];
  idsCalls = 0;

  add(list: readonly string[], endpoint: string): void {
    for (const id of list) this.endpoints.set(id, endpoint);
    this.version++;
  }
  ids(): readonly string[] {
    this.idsCalls++;
    return [...this.endpoints.keys()];
  }
  entry(id: string): WatchEntry | undefined {
    const endpoint = this.endpoints.get(id);
    return endpoint === undefined ? undefined : { id, addedAt: '2024-01-01T00:00:00.000Z', endpoint };
  }
  snapshot(id: string): Snapshot | undefined {
    return this.snaps.get(id);
  }
  putSnapshots(snapshots: ReadonlyMap<string, Snapshot>): void {
    this.writes.push([...snapshots.keys()]);
    for (const [id, snap] of snapshots) this.snaps.set(id, snap);
    this.version++;
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

describe('platformView', () => {
  it('shows one platform its own IDs, made once per store version', () => {
    const store = new TwoPlatformStore();
    store.add(['a1', 'a2'], BDC);
    store.add(['c1'], CGC);
    store.add(['a3'], BDC);
    const bdc = platformTarget(store, BDC);
    const cgc = platformTarget(store, CGC);
    expect(bdc.ids()).toEqual(['a1', 'a2', 'a3']);
    expect(cgc.ids()).toEqual(['c1']);
    const first = bdc.ids();
    const calls = store.idsCalls;
    for (let i = 0; i < 100; i++) bdc.ids();
    expect(bdc.ids()).toBe(first);
    expect(store.idsCalls).toBe(calls);
    store.add(['a4'], BDC);
    expect(bdc.ids()).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(store.idsCalls).toBe(calls + 1);
  });

  it('never reads or writes another platform’s jobs', () => {
    const store = new TwoPlatformStore();
    store.add(['a1'], BDC);
    store.add(['c1'], CGC);
    store.snaps.set('c1', { status: 'ok', fetchedAt: '2024-01-01T00:00:00.000Z' });
    const bdc = platformTarget(store, BDC);
    expect(bdc.snapshot('c1')).toBeUndefined();
    const snap: Snapshot = { status: 'not-found', fetchedAt: '2024-01-01T00:00:00.000Z' };
    bdc.putSnapshots(
      new Map([
        ['a1', snap],
        ['c1', snap],
      ]),
    );
    expect(store.writes).toEqual([['a1']]);
    expect(store.snaps.get('c1')?.status).toBe('ok');
    bdc.putSnapshots(new Map([['c1', snap]]));
    expect(store.writes).toHaveLength(1); // nothing of its own: no write at all
  });

  it('two pollers over one store: each asks only its own platform for its own IDs', async () => {
    const bdcIds = ids('A', 150);
    const cgcIds = ids('C', 30);
    const clock = new VirtualClock();
    const now = () => clock.now();
    // Each platform knows only its own jobs: a job asked on the wrong one would come back NOT FOUND.
    const bdcSim = await startSimulator({ jobs: simJobs(bdcIds, 'RUNNING'), now });
    const cgcSim = await startSimulator({ jobs: simJobs(cgcIds, 'PENDING'), now });
    const bdcClient = client(bdcSim.url, undefined, now);
    const cgcClient = client(cgcSim.url, undefined, now);
    const store = new TwoPlatformStore();
    store.add(bdcIds.slice(0, 75), BDC);
    store.add(cgcIds, CGC);
    store.add(bdcIds.slice(75), BDC);
    const bdc = new Poller({ target: platformTarget(store, BDC), client: bdcClient, clock });
    const cgc = new Poller({ target: platformTarget(store, CGC), client: cgcClient, clock });
    cleanups.push(async () => {
      await bdc.stop();
      await cgc.stop();
      await bdcClient.close();
      await cgcClient.close();
      await bdcSim.close();
      await cgcSim.close();
    });
    bdc.start();
    cgc.start();
    const drive = new Driver(clock, bdc, cgc);
    await drive.until(() => bdc.status().cycles >= 3 && cgc.status().cycles >= 3, 'both polled', 20);
    expect([...bdcSim.stats.idsRequested.keys()].sort()).toEqual([...bdcIds].sort());
    expect([...cgcSim.stats.idsRequested.keys()].sort()).toEqual([...cgcIds].sort());
    expect(bdcSim.stats.bulkGets).toBe(2 * bdc.status().cycles);
    expect(cgcSim.stats.bulkGets).toBe(cgc.status().cycles);
    for (const id of bdcIds) expect(store.snaps.get(id)?.job?.state).toBe('RUNNING');
    for (const id of cgcIds) expect(store.snaps.get(id)?.job?.state).toBe('PENDING');
    expect([...store.snaps.values()].some((s) => s.status !== 'ok')).toBe(false);
  });
});

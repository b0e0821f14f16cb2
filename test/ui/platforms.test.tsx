// One table, several platforms: two simulators (each accepting only its own throwaway token) polled by one
// poller each, a third platform with no token here, over real HTTP with real keys.
import { afterEach, describe, expect, it } from 'vitest';
import { type SimJob, type Simulator, startSimulator } from '../../src/demo/simulator.js';
import type { ExportJob } from '../../src/platform/types.js';
import { normalizeEndpoint } from '../../src/platforms/names.js';
import { Platforms } from '../../src/platforms/platforms.js';
import { platformTargets } from '../../src/platforms/targets.js';
import type { Snapshot } from '../../src/store/types.js';
import type { WatchStore } from '../../src/store/watch-store.js';
import type { PlatformPoller } from '../../src/ui/ports.js';
import { scopedList } from '../../src/ui/scoped-list.js';
import { Poller } from '../../src/watch/poller.js';
import { KEY, type Mounted, mountApp, rowOf, TOKEN, unmountAll } from './harness.js';

const TOKEN_B = 'test-token-b-not-secret';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await unmountAll();
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function sim(opts: Parameters<typeof startSimulator>[0]): Promise<Simulator> {
  const s = await startSimulator(opts);
  cleanups.push(() => s.close());
  return s;
}

const id = (tag: string) => `${tag}${'0'.repeat(32 - tag.length)}`;

function job(jobId: string, state: string): ExportJob {
  return {
    id: jobId,
    state,
    started_on: '2026-01-01T00:00:00Z',
    source: { file: `file-${jobId.slice(0, 4)}` },
    destination: { volume: 'lab/vol', location: `out/${jobId.slice(0, 4)}` },
  };
}

/** What an earlier run left: the job PENDING, its href on the platform it was fetched from. */
function seen(on: Simulator, jobId: string, extra: Partial<Snapshot> = {}, state = 'PENDING'): Snapshot {
  return {
    status: 'ok',
    job: { ...job(jobId, state), href: `${on.url}/storage/exports/${jobId}` },
    fetchedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

interface Two {
  m: Mounted;
  a: Simulator;
  b: Simulator;
  pollers: (PlatformPoller & { poller: Poller })[];
}

/**
 * Platform "bdc" is the harness's simulator (token TOKEN), "cgc" a second one (TOKEN_B); `watch` is added in
 * order, each job on the platform of its snapshot (and its stored endpoint once the store keeps one).
 */
async function mountTwo(opts: {
  onA: SimJob[];
  onB: SimJob[];
  watch: (store: WatchStore, a: Simulator, b: Simulator) => void;
  b?: Simulator;
  /** cgc is the default platform (listed first): where a job with no endpoint nor href lives. */
  cgcFirst?: boolean;
  /** As under --profile cgc: the table and polling narrowed to cgc. */
  narrowToCgc?: boolean;
}): Promise<Two> {
  const b = opts.b ?? (await sim({ jobs: opts.onB, acceptToken: (t) => t === TOKEN_B }));
  let pollers: Two['pollers'] = [];
  const m = await mountApp({
    jobs: opts.onA,
    watch: [],
    poll: false,
    props: ({ store, sim: a }) => {
      opts.watch(store, a, b);
      const list = [
        { endpoint: a.url, token: TOKEN, shortName: 'bdc', source: 'test A' },
        { endpoint: b.url, token: TOKEN_B, shortName: 'cgc', source: 'test B' },
      ];
      const platforms = Platforms.fromList(opts.cgcFirst ? list.reverse() : list, {
        narrowTo: opts.narrowToCgc ? 'cgc' : undefined,
      });
      pollers = platformTargets(store, platforms).map(({ platform, target }) => ({
        name: platform.shortName,
        endpoint: platform.endpoint,
        poller: new Poller({ target, client: platform.client, intervalMs: 100, label: platform.source }),
      }));
      for (const p of pollers) p.poller.start();
      cleanups.push(async () => {
        await Promise.all(pollers.map((p) => p.poller.stop()));
        await platforms.close();
      });
      // Wide enough for whole IDs beside a host:port platform name.
      const size = { columns: 150, rows: 24 };
      const allowedHosts = new Set([new URL(a.url).host, new URL(b.url).host]);
      const shown = opts.narrowToCgc ? scopedList(store, (e) => platforms.inScope(e)) : store;
      return {
        pollers,
        platforms,
        primaryEndpoint: platforms.addEndpoint(),
        size,
        allowedHosts,
        store: shown,
      };
    },
  });
  return { m, a: m.sim, b, pollers };
}

const add = (store: WatchStore, on: Simulator, snapshot: Snapshot) =>
  store.add([snapshot.job!.id], {
    endpoint: normalizeEndpoint(on.url),
    snapshots: new Map([[snapshot.job!.id, snapshot]]),
  });

const A1 = id('aaa1');
const A2 = id('aaa2');
const B1 = id('bbb1');
const B2 = id('bbb2');

/** A1, B1, A2, B2: PENDING when last seen, RUNNING now on their platforms. */
function interleaved(): Parameters<typeof mountTwo>[0] {
  return {
    onA: [{ job: job(A1, 'RUNNING') }, { job: job(A2, 'RUNNING') }],
    onB: [{ job: job(B1, 'RUNNING') }, { job: job(B2, 'RUNNING') }],
    watch: (store, a, b) => {
      add(store, a, seen(a, A1));
      add(store, b, seen(b, B1));
      add(store, a, seen(a, A2));
      add(store, b, seen(b, B2));
    },
  };
}

const running = (f: string, ...ids: string[]) => ids.every((i) => rowOf(f, i).includes('RUNNING'));

describe('jobs of two platforms in one table', () => {
  it('each platform polls its own jobs with its own token; PLATFORM column and per-platform header', async () => {
    const { m, a, b } = await mountTwo(interleaved());
    const f = await m.waitFor((f) => running(f, A1, A2, B1, B2), 'every job refreshed on its platform');
    expect(f).toMatch(/ID\s+STATE\s+PLATFORM/);
    expect(rowOf(f, A1)).toMatch(/RUNNING\s+bdc /);
    expect(rowOf(f, B2)).toMatch(/RUNNING\s+cgc /);
    expect(f).toMatch(/bdc 2 ●.*cgc 2 ●/);
    // Each simulator rejects the other's token: a job asked on the wrong one would not be RUNNING.
    expect(a.stats.requests).toBeGreaterThan(0);
    expect(b.stats.requests).toBeGreaterThan(0);
    expect(f).not.toContain('NOT FOUND');
  });

  it('a 401 on cgc pauses only cgc (the banner names it); bdc keeps refreshing', async () => {
    const { m, a, b, pollers } = await mountTwo(interleaved());
    await m.waitFor((f) => running(f, A1, A2, B1, B2), 'first refresh');
    b.faults.auth = true;
    let f = await m.waitFor((f) => f.includes('cgc: Token rejected'), 'the banner naming cgc');
    expect(f).toMatch(/cgc 2 ⚠ token rejected/);
    expect(f).toMatch(/bdc 2 ●/);
    expect(pollers.find((p) => p.name === 'cgc')!.poller.status().paused).toBe(true);
    const sentToB = b.stats.requests;
    a.setJobState(A1, 'COMPLETED');
    b.setJobState(B1, 'COMPLETED');
    f = await m.waitFor((f) => rowOf(f, A1).includes('COMPLETED'), 'bdc still refreshing');
    expect(rowOf(f, B1)).toContain('RUNNING');
    expect(b.stats.requests).toBe(sentToB);
    expect(f).not.toContain(TOKEN_B);
  });

  it('a platform without a token here: its rows keep their last state, marked, never requested', async () => {
    const c = await sim({ jobs: [{ job: job(id('ccc1'), 'COMPLETED') }] });
    const C1 = id('ccc1');
    const { m, a } = await mountTwo({
      ...interleaved(),
      watch: (store, a, b) => {
        add(store, a, seen(a, A1));
        add(store, c, seen(c, C1));
        add(store, b, seen(b, B1));
      },
    });
    const cName = new URL(c.url).host;
    await m.waitFor((f) => running(f, A1, B1), 'both polled platforms refreshed');
    // Several cycles later the job of the third platform is as it was: never NOT FOUND, never asked.
    const cycles = a.stats.requests;
    await m.waitFor(() => a.stats.requests >= cycles + 2, 'more cycles');
    let f = m.frame();
    const row = rowOf(f, C1);
    expect(row).toContain('⊘ PENDING');
    expect(row).toContain(cName);
    expect(f).toContain(`${cName} 1 ⚠ no token`);
    expect(c.stats.requests).toBe(0);
    // r on it says why nothing happens, and still asks nobody about it.
    await m.press(KEY.down, 'r');
    await m.waitFor((f) => f.includes(`No token for ${cName} here`), 'the refusal');
    await m.press(KEY.enter);
    f = await m.waitFor((f) => f.includes('DETAILS'), 'the detail pane');
    expect(f).toContain(`no token for ${cName}`);
    expect(f).toContain('PENDING');
    expect(c.stats.requests).toBe(0);
  });

  it('filter and sort by platform', async () => {
    const { m } = await mountTwo(interleaved());
    await m.waitFor((f) => running(f, A1, A2, B1, B2), 'first refresh');
    await m.press('/', 'c', 'g', 'c', KEY.enter);
    let f = await m.waitFor((f) => f.includes('filter "cgc" 2 matches'), 'the filter');
    expect(rowOf(f, A1)).toBe('');
    expect(rowOf(f, B1)).not.toBe('');
    await m.press(KEY.esc);
    await m.waitFor((f) => rowOf(f, A1) !== '', 'the filter cleared');
    // added → state → started → finished → destination → platform
    await m.press('s', 's', 's', 's', 's');
    f = await m.waitFor((f) => f.includes('sort platform ▲'), 'sorted by platform');
    const order = (frame: string) =>
      [A1, A2, B1, B2].sort((x, y) => frame.indexOf(x) - frame.indexOf(y)).map((x) => x.slice(0, 4));
    expect(f).toMatch(/PLATFORM ▲/);
    expect(order(f)).toEqual(['aaa1', 'aaa2', 'bbb1', 'bbb2']);
    await m.press('S');
    f = await m.waitFor((f) => f.includes('sort platform ▼'), 'reversed');
    expect(order(f).slice(0, 2).sort()).toEqual(['bbb1', 'bbb2']);
  });

  it('no PLATFORM column, nor platform sort, while the list holds one platform', async () => {
    const { m } = await mountTwo({
      ...interleaved(),
      watch: (store, a) => {
        add(store, a, seen(a, A1));
        add(store, a, seen(a, A2));
      },
    });
    const f = await m.waitFor((f) => running(f, A1, A2), 'refreshed');
    expect(f).not.toContain('PLATFORM');
    expect(f).toMatch(/bdc 2 ●.*cgc 0 ●/);
    // Six presses come back to the order added: platform is not among the sort keys.
    await m.press('s', 's', 's', 's', 's');
    expect(await m.waitFor((f) => !f.includes('sort destination'))).not.toContain('sort platform');
  });

  it('a job gone from its platform keeps its state, marked with the time it was first seen gone', async () => {
    const GONE = id('ggg1');
    const goneAt = '2026-01-02T03:04:05.000Z';
    const { m } = await mountTwo({
      ...interleaved(),
      watch: (store, a, b) => {
        add(store, a, seen(a, A1));
        add(store, b, seen(b, GONE, { goneAt }, 'COMPLETED'));
      },
    });
    let f = await m.waitFor((f) => running(f, A1), 'refreshed');
    expect(rowOf(f, GONE)).toContain('⌀ COMPLETED');
    await m.press(KEY.down, KEY.enter);
    f = await m.waitFor((f) => f.includes('DETAILS'), 'the detail pane');
    expect(f).toContain(`gone from the platform since ${goneAt}`);
    expect(f).toContain('COMPLETED');
  });
});

describe('adding and narrowing', () => {
  it('a: a bare ID goes to the primary platform, an export URL to its host’s platform', async () => {
    const NEW_A = id('nnna');
    const NEW_B = id('nnnb');
    const { m, a, b } = await mountTwo({
      ...interleaved(),
      onA: [...interleaved().onA, { job: job(NEW_A, 'RUNNING') }],
      onB: [...interleaved().onB, { job: job(NEW_B, 'COMPLETED') }],
    });
    await m.waitFor((f) => running(f, A1, B1), 'first refresh');
    await m.press('a', KEY.pasteStart, `${NEW_A} ${b.url}/storage/exports/${NEW_B}`, KEY.pasteEnd, KEY.enter);
    const f = await m.waitFor(
      (f) => rowOf(f, NEW_A).includes('RUNNING') && rowOf(f, NEW_B).includes('COMPLETED'),
      'both new jobs fetched, each on its platform',
    );
    expect(rowOf(f, NEW_A)).toMatch(/RUNNING\s+bdc /);
    expect(rowOf(f, NEW_B)).toMatch(/COMPLETED\s+cgc /);
    const stored = (i: string) => (m.store.entry(i) as { endpoint?: string } | undefined)?.endpoint;
    expect(stored(NEW_A)).toBe(normalizeEndpoint(a.url));
    expect(stored(NEW_B)).toBe(normalizeEndpoint(b.url));
  });

  it('narrowed to cgc: only cgc’s jobs shown and polled; bdc’s stay in the list untouched', async () => {
    const { m, a, pollers } = await mountTwo({ ...interleaved(), narrowToCgc: true });
    const f = await m.waitFor((f) => running(f, B1, B2), 'cgc refreshed');
    expect(rowOf(f, A1)).toBe('');
    expect(f).not.toContain('PLATFORM');
    expect(pollers.map((p) => p.name)).toEqual(['cgc']);
    expect(a.stats.requests).toBe(0);
    expect(m.store.ids()).toEqual([A1, B1, A2, B2]);
    expect(m.store.entry(A1)?.snapshot?.job?.state).toBe('PENDING');
  });
});

describe('the header while a first pass spans rate windows', () => {
  it('shows learning done/total', async () => {
    // Two calls a window (half of 4): 200 of 450 never-fetched jobs a window.
    const b = await sim({
      jobs: [],
      acceptToken: (t) => t === TOKEN_B,
      rateLimit: { limit: 4, windowMs: 600_000 },
    });
    const ids = Array.from({ length: 450 }, (_, i) => id(`L${String(i).padStart(4, '0')}`));
    const { m } = await mountTwo({
      onA: [],
      onB: [],
      b,
      cgcFirst: true,
      watch: (store) => {
        store.add(ids, { endpoint: normalizeEndpoint(b.url) });
      },
    });
    await m.waitFor((f) => /learning 200\/450/.test(f), 'the learning progress');
  });
});

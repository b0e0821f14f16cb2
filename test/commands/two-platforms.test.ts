// Jobs on two platforms (two simulators, each accepting only its own throwaway token): the environment's
// token is for "bdc" (simulator A), the credentials file's [cgc] profile for simulator B.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitCommand } from '../../src/commands/wait.js';
import { type SimJob, type Simulator, startSimulator } from '../../src/demo/simulator.js';
import type { ExportJob } from '../../src/platform/types.js';
import { normalizeEndpoint } from '../../src/platforms/names.js';
import { openSession } from '../../src/session.js';
import type { Snapshot } from '../../src/store/types.js';
import { WatchStore } from '../../src/store/watch-store.js';
import { captureIo, jobId, makeJob, Sandbox, storeKeepsEndpoint } from './helpers.js';

const BDC_TOKEN = 'throwaway-bdc-token';
const CGC_TOKEN = 'throwaway-cgc-token';

let box: Sandbox | undefined;
const sims: Simulator[] = [];
afterEach(async () => {
  box?.cleanup();
  box = undefined;
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function sim(token: string, jobs: SimJob[]): Promise<Simulator> {
  const s = await startSimulator({ jobs, acceptToken: (t) => t === token });
  sims.push(s);
  return s;
}

/** Env → simulator A; [cgc] → simulator B (its token as given: a wrong one makes B reject it). */
function twoPlatformBox(a: Simulator, b: Simulator, cgcToken = CGC_TOKEN): Sandbox {
  const sandbox = new Sandbox(a.url);
  sandbox.env.SB_AUTH_TOKEN = BDC_TOKEN;
  const dir = path.join(sandbox.home, '.sevenbridges');
  fs.mkdirSync(dir);
  fs.writeFileSync(
    path.join(dir, 'credentials'),
    `[cgc]\napi_endpoint = ${b.url}\nauth_token = ${cgcToken}\n`,
    {
      mode: 0o600,
    },
  );
  return sandbox;
}

/** As an earlier poll left them: each snapshot's href names the platform it was fetched from. */
function pending(s: Simulator, job: ExportJob): Snapshot {
  return {
    status: 'ok',
    job: { ...job, state: 'PENDING', href: `${s.url}/storage/exports/${job.id}` },
    fetchedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** Jobs as an earlier run on that simulator's platform left them: PENDING. */
function seedOn(s: Simulator, ids: readonly string[]): void {
  box!.seed(
    ids,
    new Map(ids.map((id) => [id, pending(s, makeJob(id, 'PENDING'))])),
    normalizeEndpoint(s.url),
  );
}

const KEEPS_ENDPOINT = storeKeepsEndpoint();

describe('two platforms', () => {
  it("issue 12's defect: wait --profile cgc leaves the BDC job alone; wait on BDC still polls it", async () => {
    const id = jobId('bdc', 1);
    const a = await sim(BDC_TOKEN, [{ job: makeJob(id, 'PENDING') }]);
    const b = await sim(CGC_TOKEN, []);
    box = twoPlatformBox(a, b);
    expect((await box.run(['add', id])).code).toBe(0);
    // What the first `wait` on BDC left: PENDING, destination known.
    const store = WatchStore.open({ cwd: box.configDir });
    store.putSnapshots(new Map([[id, pending(a, makeJob(id, 'PENDING'))]]));
    store.close();
    const before = box.storeFileText();

    const narrowed = await box.run(['wait', '--profile', 'cgc', '--timeout', '3']);
    expect(narrowed.stderr).toBe('');
    expect(narrowed.stdout).toContain('No jobs watched on ');
    expect(narrowed.code).toBe(0);
    // Asked on neither platform, and nothing saved changed.
    expect(b.stats.requests).toBe(0);
    expect(a.stats.requests).toBe(0);
    expect(box.storeFileText()).toBe(before);
    // Named explicitly under the wrong profile: left out, said so, not asked about.
    const named = await box.run(['wait', '--profile', 'cgc', id]);
    expect(named.stderr).toContain(`left out: ${id}`);
    expect(b.stats.requests).toBe(0);

    a.setJobState(id, 'FAILED', {
      status: 409,
      code: 9107,
      message: 'Location on volume already contains a file.',
    });
    const r = await box.run(['wait']);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('already final');
    expect(r.stdout).toMatch(new RegExp(`${id} PENDING → FAILED: 409/9107`));
    expect(r.code).toBe(1);
    expect(a.stats.idsRequested.get(id)).toBe(1);
    expect(b.stats.requests).toBe(0);
  });

  it('wait polls each job on its own platform, with its own token; exit 0 when all COMPLETED, 1 when any FAILED', async () => {
    const onA = jobId('onA', 1);
    const onB = jobId('onB', 1);
    const failsOnB = jobId('failB', 1);
    const a = await sim(BDC_TOKEN, [{ job: makeJob(onA, 'COMPLETED') }]);
    const b = await sim(CGC_TOKEN, [
      { job: makeJob(onB, 'COMPLETED') },
      { job: makeJob(failsOnB, 'PENDING') },
    ]);
    box = twoPlatformBox(a, b);
    seedOn(a, [onA]);
    seedOn(b, [onB]);
    const r = await box.run(['wait']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Waiting for 2 of 2 jobs on (\S+) \(1\), (\S+) \(1\), every 5 s$/m);
    expect(r.stdout).toContain('All 2 final: 2 COMPLETED');
    expect(r.code).toBe(0);
    // Never the other platform's job: a 404 there would have been recorded as NOT FOUND.
    expect([...a.stats.idsRequested.keys()]).toEqual([onA]);
    expect([...b.stats.idsRequested.keys()]).toEqual([onB]);

    seedOn(b, [failsOnB]);
    b.setJobState(failsOnB, 'FAILED');
    const failed = await box.run(['wait']);
    expect(failed.stdout).toContain(`${failsOnB} PENDING → FAILED`);
    expect(failed.stdout).toMatch(/All 3 final: .*1 FAILED/);
    expect(failed.code).toBe(1);
    expect(a.stats.idsRequested.has(failsOnB)).toBe(false);
  });

  it('a job of a platform without a token here is not polled, is named, and makes the exit 1', async () => {
    const onA = jobId('onA', 2);
    const onEu = jobId('onEu', 1);
    const a = await sim(BDC_TOKEN, [{ job: makeJob(onA, 'COMPLETED') }]);
    const b = await sim(CGC_TOKEN, []);
    box = twoPlatformBox(a, b);
    const euHref = `https://eu-api.sbgenomics.com/v2/storage/exports/${onEu}`;
    const eu: Snapshot = {
      status: 'ok',
      job: { ...makeJob(onEu, 'RUNNING'), href: euHref },
      fetchedAt: '2026-01-01T00:00:00.000Z',
    };
    box.seed([onA], new Map(), normalizeEndpoint(a.url));
    box.seed([onEu], new Map([[onEu, eu]]), 'https://eu-api.sbgenomics.com/v2');
    const r = await box.run(['wait']);
    expect(r.stderr).toContain(`wait: no token for sbg-eu: not polling 1: ${onEu}`);
    expect(r.stdout).toContain('Not polled: no token for sbg-eu: 1 COMPLETED · 1 RUNNING');
    expect(r.stdout).toContain(`  ${onEu} RUNNING (no token for sbg-eu)`);
    expect(r.code).toBe(1);
    // Its saved state is kept as it was.
    expect(JSON.parse((await box.run(['list', '--json'])).stdout)[1]).toMatchObject({
      id: onEu,
      state: 'RUNNING',
    });
    // Narrowed to the platform that has a token, the other job is not this run's: exit 0.
    const narrowed = await box.run(['wait', '--endpoint', a.url]);
    expect(narrowed.stderr).toBe('');
    expect(narrowed.code).toBe(0);
  });

  it('ends at once when every open job is on a platform without a token (exit 1, nothing asked)', async () => {
    const onEu = jobId('onEu', 2);
    const a = await sim(BDC_TOKEN, []);
    const b = await sim(CGC_TOKEN, []);
    box = twoPlatformBox(a, b);
    const eu = 'https://eu-api.sbgenomics.com/v2';
    const snap: Snapshot = {
      status: 'ok',
      job: { ...makeJob(onEu, 'PENDING'), href: `${eu}/storage/exports/${onEu}` },
      fetchedAt: '2026-01-01T00:00:00.000Z',
    };
    box.seed([onEu], new Map([[onEu, snap]]), eu);
    const r = await box.run(['wait']);
    expect(r.stderr).toContain(`wait: no token for sbg-eu: not polling 1: ${onEu}`);
    expect(r.stdout).not.toContain('Waiting for');
    expect(r.stdout).toContain('Not polled: no token for sbg-eu: 1 PENDING');
    expect(r.code).toBe(1);
    expect(a.stats.requests + b.stats.requests).toBe(0);
  });

  it("a rejected token stops only that platform's jobs; the other platform finishes (exit 1)", async () => {
    const onA = jobId('onA', 3);
    const onB = jobId('onB', 3);
    const a = await sim(BDC_TOKEN, [{ job: makeJob(onA, 'PENDING') }]);
    const b = await sim(CGC_TOKEN, [{ job: makeJob(onB, 'COMPLETED') }]);
    box = twoPlatformBox(a, b, 'throwaway-but-wrong');
    seedOn(a, [onA]);
    seedOn(b, [onB]);
    a.setJobState(onA, 'COMPLETED');
    const session = await openSession(
      { configDir: box.configDir },
      { env: box.env, home: box.home, warn: () => {} },
    );
    const c = captureIo(box.env, box.home);
    const code = await waitCommand(session, [], { interval: 0.05 }, c.io).finally(() => session.close());
    expect(c.err()).toMatch(/^wait: Token rejected by .*127\.0\.0\.1:\d+/m);
    expect(c.err()).not.toContain('throwaway-but-wrong');
    expect(c.out()).toContain(`${onA} PENDING → COMPLETED`);
    expect(c.out()).toContain('Stopped: the token was rejected on cgc: 1 COMPLETED · 1 PENDING');
    expect(code).toBe(1);
    expect(b.stats.requests).toBe(1);
  });

  it('list shows a PLATFORM column when the list spans platforms, and --platform / --profile filter it', async () => {
    const onA = jobId('onA', 4);
    const onB = jobId('onB', 4);
    const a = await sim(BDC_TOKEN, []);
    const b = await sim(CGC_TOKEN, []);
    box = twoPlatformBox(a, b);
    seedOn(a, [onA]);
    seedOn(b, [onB]);
    const r = await box.run(['list']);
    expect(r.stdout.split('\n')[0]).toMatch(/^ID\s+STATE\s+DESTINATION\s+FINISHED\s+PLATFORM$/);
    expect(r.stdout).toMatch(new RegExp(`${onB}\\s+PENDING.*\\s+cgc$`, 'm'));
    const ids = async (argv: string[]) =>
      (JSON.parse((await box!.run([...argv, 'list', '--json'])).stdout) as { id: string }[]).map((j) => j.id);
    expect(await ids(['--profile', 'cgc'])).toEqual([onB]);
    expect(await ids(['--endpoint', a.url])).toEqual([onA]);
    expect(
      (JSON.parse((await box.run(['list', '--json', '--platform', 'cgc'])).stdout) as { id: string }[]).map(
        (j) => j.id,
      ),
    ).toEqual([onB]);
    const json = JSON.parse((await box.run(['list', '--json'])).stdout) as { watch: { endpoint: string } }[];
    expect(json.map((j) => j.watch.endpoint)).toEqual([normalizeEndpoint(a.url), normalizeEndpoint(b.url)]);
  });

  it('remove works across platforms, whatever the narrowing', async () => {
    const onA = jobId('onA', 5);
    const onB = jobId('onB', 5);
    const a = await sim(BDC_TOKEN, []);
    const b = await sim(CGC_TOKEN, []);
    box = twoPlatformBox(a, b);
    box.seed([onA], new Map(), normalizeEndpoint(a.url));
    seedOn(b, [onB]);
    const r = await box.run(['remove', onA, onB]);
    expect(r.code).toBe(0);
    expect(box.storeIds()).toEqual([]);
  });

  // Needs the store to save each entry's endpoint (the store's half of issue 12): runs once it does.
  it.runIf(KEEPS_ENDPOINT)(
    'add --profile puts bare IDs on that platform, an export URL on its own host',
    async () => {
      const bare = jobId('bare', 1);
      const byUrl = jobId('url', 1);
      const plain = jobId('plain', 1);
      const a = await sim(BDC_TOKEN, [
        { job: makeJob(byUrl, 'COMPLETED') },
        { job: makeJob(plain, 'COMPLETED') },
      ]);
      const b = await sim(CGC_TOKEN, [{ job: makeJob(bare, 'COMPLETED') }]);
      box = twoPlatformBox(a, b);
      const added = await box.run(['add', '--profile', 'cgc', bare, `${a.url}/storage/exports/${byUrl}`]);
      expect(added.code).toBe(0);
      expect((await box.run(['add', plain])).code).toBe(0);
      const json = JSON.parse((await box.run(['list', '--json'])).stdout) as {
        id: string;
        watch: { endpoint: string };
      }[];
      expect(json.map((j) => [j.id, j.watch.endpoint])).toEqual([
        [bare, normalizeEndpoint(b.url)],
        [byUrl, normalizeEndpoint(a.url)],
        [plain, normalizeEndpoint(a.url)],
      ]);
      const r = await box.run(['wait']);
      expect(r.code).toBe(0);
      expect([...b.stats.idsRequested.keys()]).toEqual([bare]);
      expect([...a.stats.idsRequested.keys()].sort()).toEqual([byUrl, plain].sort());
    },
  );

  it.runIf(KEEPS_ENDPOINT)('import records the platform it imported from', async () => {
    const listed = jobId('listed', 1);
    const a = await sim(BDC_TOKEN, []);
    const b = await sim(CGC_TOKEN, [{ job: makeJob(listed, 'COMPLETED') }]);
    box = twoPlatformBox(a, b);
    expect((await box.run(['--profile', 'cgc', 'import'])).code).toBe(0);
    const json = JSON.parse((await box.run(['list', '--json'])).stdout) as {
      id: string;
      watch: { endpoint: string };
    }[];
    expect(json).toMatchObject([{ id: listed, watch: { endpoint: normalizeEndpoint(b.url) } }]);
  });
});

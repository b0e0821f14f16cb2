// `export` over real HTTP against the simulator and its demo catalog, with a real watch list in a temporary
// config folder.
import { afterEach, describe, expect, it } from 'vitest';
import { type ExportContext, type ExportOptions, exportCommand } from '../../src/commands/export.js';
import type { CommandStore } from '../../src/commands/retry-select.js';
import { DEMO_PROJECT, READ_ONLY_VOLUME } from '../../src/demo/seed-catalog.js';
import { COHORT, OUTPUT } from '../../src/demo/seed-jobs.js';
import type { WatchStore } from '../../src/store/watch-store.js';
import { FakeClock } from '../transfer/fakes.js';
import { openSimStore, runTransferCli, type SimStore } from '../transfer/sim-store.js';
import { captureIo, Sandbox } from './helpers.js';

let open: SimStore[] = [];
afterEach(async () => {
  await Promise.all(open.map((o) => o.close()));
  open = [];
});

const BATCH_3 = { project: DEMO_PROJECT, folder: 'cohort/batch_03', include: ['*.cram'], volume: OUTPUT };

async function setup() {
  let simNow = Date.parse('2026-03-01T10:00:00Z');
  const opened = await openSimStore({ now: () => simNow });
  open.push(opened);
  const { sim, client, store, endpoint, dir } = opened;
  const waited: string[][] = [];
  // Stands in for `wait`: lets the simulator's jobs run to their end, then says whether all COMPLETED.
  const wait = async (ids: string[]) => {
    waited.push(ids);
    simNow += 60_000;
    return ids.every((id) => sim.job(id)?.state === 'COMPLETED') ? 0 : 1;
  };
  const run = async (o: ExportOptions, extra: Partial<ExportContext> & { store?: CommandStore } = {}) => {
    const c = captureIo({}, dir);
    const ctx: ExportContext = { client, store, endpoint, io: c.io, clock: new FakeClock(), wait, ...extra };
    const code = await exportCommand(ctx, o);
    return { code, stdout: c.out(), stderr: c.err() };
  };
  return { sim, store, run, waited, client };
}

/** The real store, with a hook after each save: how a test stops a run between two batches. */
function hooked(store: WatchStore, afterAdd: (n: number) => void): CommandStore {
  let n = 0;
  return {
    ids: () => store.ids(),
    snapshot: (id) => store.snapshot(id),
    entry: (id) => store.entry(id),
    add: (ids, opts) => {
      const out = store.add(ids, opts);
      afterAdd(++n);
      return out;
    },
  };
}

describe('export --dry-run', () => {
  it('prints the preview with skip reasons and sends nothing', async () => {
    const { sim, store, run } = await setup();
    sim.resetStats();
    const r = await run({ ...BATCH_3, dryRun: true });
    expect(r.code).toBe(0);
    expect(sim.stats.bulkCreates).toBe(0);
    expect(sim.stats.starts).toBe(0);
    expect(store.ids()).toEqual([]);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^Export 99 files \(2\.0 TB\) to rfranklin\/output:cohort\/batch_03\/ \(1 skipped: aliases of volume files; 100 not matching the filter\) — copy \(files stay in the project\)\.$/,
    );
    expect(lines[1]).toBe(
      '  skipped, aliases of volume files (cannot be exported): 1 file — sample_0250.cram',
    );
    expect(r.stderr).toContain('Dry run: nothing was sent.');
  });

  it('--json prints every item it would send and every skip, with its reason', async () => {
    const { run } = await setup();
    const r = await run({
      project: DEMO_PROJECT,
      include: ['*.fasta', '*.ped', '*.tsv'],
      recursive: true,
      volume: OUTPUT,
      prefix: 'x',
      dryRun: true,
      json: true,
    });
    const preview = JSON.parse(r.stdout);
    expect(preview).toMatchObject({ volume: OUTPUT, prefix: 'x', copy_only: true, overwrite: false });
    expect(preview.items).toEqual([
      {
        file: expect.any(String),
        path: 'manifest.tsv',
        request: {
          source: { file: expect.any(String) },
          destination: { volume: OUTPUT, location: 'x/manifest.tsv' },
          overwrite: false,
        },
      },
    ]);
    expect(preview.skipped.map((s: { reason: string; path: string }) => `${s.reason} ${s.path}`)).toEqual([
      'public reference/Homo_sapiens_assembly38.fasta',
      'alias imported/pedigree.ped',
    ]);
  });
});

describe('export', () => {
  it('starts the exports in one bulk call, copy_only, watches them at once, and prints path → new ID', async () => {
    const { sim, store, run } = await setup();
    sim.resetStats();
    const r = await run(BATCH_3);
    expect(r.code).toBe(0);
    expect(sim.stats.bulkCreateSizes).toEqual([99]);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(99);
    const [, id] = /^sample_0201\.cram → ([A-Za-z0-9]{32})$/.exec(lines[0]!)!;
    expect(store.ids()).toHaveLength(99);
    expect(store.ids()[0]).toBe(id);
    expect(store.snapshot(id!)?.job?.destination).toEqual({
      volume: OUTPUT,
      location: 'cohort/batch_03/sample_0201.cram',
    });
    expect(sim.started(id!)).toEqual({ copyOnly: true, via: 'bulk' });
    expect(r.stderr).toContain('submitted 99/99');
  });

  it('a second run says what is already being exported and sends nothing', async () => {
    const { sim, run } = await setup();
    await run(BATCH_3);
    sim.resetStats();
    const again = await run({ ...BATCH_3, json: true });
    expect(again.code).toBe(0);
    expect(sim.stats.bulkCreates).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual([]);
    expect(again.stderr).toMatch(
      /skipped, already being exported there .*: 99 files — sample_0201\.cram, sample_0202\.cram, sample_0203\.cram, … \+96 more/,
    );
    expect(again.stderr).toContain('Nothing to send.');
  });

  it('--json: a refused item has its error, exit 1; --move is recorded', async () => {
    const { sim, run } = await setup();
    // Two of these were copied to the cohort volume by hand: a 9107 for those two only.
    const r = await run({
      project: DEMO_PROJECT,
      folder: 'cohort/batch_01',
      include: ['sample_000[4-7].cram'],
      volume: COHORT,
      move: true,
      json: true,
    });
    expect(r.code).toBe(1);
    const rows = JSON.parse(r.stdout) as { path: string; new_id?: string; error?: { code?: number } }[];
    expect(rows.map((row) => `${row.path} ${row.new_id ? 'ok' : row.error?.code}`)).toEqual([
      'sample_0004.cram ok',
      'sample_0005.cram 9107',
      'sample_0006.cram 9107',
      'sample_0007.cram ok',
    ]);
    expect(sim.started(rows[0]!.new_id!)).toEqual({ copyOnly: false, via: 'bulk' });
    expect(r.stderr).toMatch(/MOVE \(project files become aliases/);
  });

  it('usage errors exit 2 and send nothing', async () => {
    const { sim, run } = await setup();
    sim.resetStats();
    const ro = await run({ ...BATCH_3, volume: READ_ONLY_VOLUME });
    expect(ro.code).toBe(2);
    expect(ro.stderr).toContain(`volume ${READ_ONLY_VOLUME} is not writable (access mode RO)`);
    const folder = await run({ ...BATCH_3, folder: 'cohort/batch_3' });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('No folder "cohort/batch_3"');
    expect((await run({ ...BATCH_3, project: 'nobody/nothing' })).code).toBe(2);
    expect((await run({ ...BATCH_3, project: 'no-slash' })).code).toBe(2);
    expect((await run({ ...BATCH_3, volume: 'no-slash' })).code).toBe(2);
    expect((await run({ ...BATCH_3, timeout: 5 })).code).toBe(2);
    expect((await run({ ...BATCH_3, wait: true, dryRun: true })).code).toBe(2);
    expect(sim.stats.bulkCreates).toBe(0);
  });
});

describe('export: resume', () => {
  const TWO_BATCHES = {
    project: DEMO_PROJECT,
    folder: 'cohort',
    include: ['batch_0[12]/*.cram'],
    recursive: true,
    volume: OUTPUT,
  };

  it('after a 401 mid-way, the next run sends only the rest; every file once', async () => {
    const { sim, store, run } = await setup();
    const first = await run(TWO_BATCHES, {
      store: hooked(store, () => {
        sim.faults.auth = true;
      }),
    });
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/submitted 100\/200/);
    expect(first.stderr).toMatch(/stopped: .*; 100 not sent/);
    expect(store.ids()).toHaveLength(100);
    sim.faults.auth = false;
    sim.resetStats();
    const second = await run(TWO_BATCHES);
    expect(second.code).toBe(0);
    expect(sim.stats.bulkCreateSizes).toEqual([100]);
    expect(second.stderr).toMatch(/already being exported there .*: 100 files/);
    const files = store.ids().map((id) => store.snapshot(id)?.job?.source?.file);
    expect(files).toHaveLength(200);
    expect(new Set(files).size).toBe(200);
  });

  it('after Ctrl-C or a rate limit mid-way, likewise', async () => {
    const { sim, store, run } = await setup();
    const controller = new AbortController();
    const first = await run(TWO_BATCHES, {
      signal: controller.signal,
      store: hooked(store, () => controller.abort()),
    });
    expect(first.code).toBe(1);
    expect(store.ids()).toHaveLength(100);
    sim.faults.rateLimited = true;
    expect((await run(TWO_BATCHES)).code).toBe(1);
    sim.faults.rateLimited = false;
    sim.resetStats();
    expect((await run(TWO_BATCHES)).code).toBe(0);
    expect(sim.stats.bulkCreateSizes).toEqual([100]);
    expect(new Set(store.ids().map((id) => store.snapshot(id)?.job?.source?.file)).size).toBe(200);
  });
});

describe('export --wait', () => {
  it('waits on this export’s jobs, earlier ones included, and exits with the wait’s code', async () => {
    const { run, waited } = await setup();
    const first = await run({ ...BATCH_3, include: ['sample_020[1-3].cram'], wait: true, timeout: 30 });
    expect(first.code).toBe(0);
    expect(waited).toHaveLength(1);
    expect(waited[0]).toHaveLength(3);
    const second = await run({ ...BATCH_3, include: ['sample_020[1-5].cram'], wait: true });
    expect(second.code).toBe(0);
    expect(waited[1]).toHaveLength(5);
    expect(waited[1]).toEqual(expect.arrayContaining(waited[0]!));
  });
});

describe('export: a reply lost after the platform acted', () => {
  it('looks on the platform for the jobs of the call whose reply was unreadable, watches them, sends none twice', async () => {
    const { sim, store, run, client } = await setup();
    // Reads the simulator's fault switches after each bulk create: the broken reply is that one call's.
    const flaky = Object.create(client) as typeof client;
    flaky.request = async (method, path, opts) => {
      try {
        return await client.request(method, path, opts);
      } finally {
        if (path.endsWith('/bulk/storage/exports/create')) sim.faults.truncatedJson = false;
      }
    };
    const TWO = {
      project: DEMO_PROJECT,
      folder: 'cohort',
      include: ['batch_0[12]/*.cram'],
      recursive: true,
      volume: OUTPUT,
    };
    const first = await run(TWO, {
      client: flaky,
      store: hooked(store, (n) => {
        if (n === 1) sim.faults.truncatedJson = true;
      }),
    });
    expect(first.code).toBe(1);
    expect(first.stderr).toContain("the last call's 100 exports may have started");
    expect(first.stderr).toContain('found 100 of them on the platform; now watched');
    expect(first.stderr).toMatch(/stopped: .*; 0 not sent/);
    expect(store.ids()).toHaveLength(200);
    sim.resetStats();
    const second = await run(TWO);
    expect(second.code).toBe(0);
    expect(sim.stats.bulkCreates).toBe(0);
  });
});

describe('export as a subcommand', () => {
  it('parses its options, runs on the session, and --wait waits like `wait` until COMPLETED', async () => {
    const opened = await openSimStore({ startedJobTimeline: { runningAfterMs: 0, finishAfterMs: 1 } });
    open.push(opened);
    const sb = new Sandbox(opened.sim.url);
    try {
      const argv = [
        'export',
        '--project',
        DEMO_PROJECT,
        '--folder',
        'cohort/batch_03',
        '--include',
        'sample_020?.cram',
        '--volume',
        OUTPUT,
      ];
      const dry = await runTransferCli(sb, [...argv, '--dry-run']);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/^Export 9 files/);
      const r = await runTransferCli(sb, [...argv, '--prefix', 'p', '--wait', '--timeout', '60']);
      expect(r.stderr).toContain('submitted 9/9');
      expect(r.stdout).toContain('All 9 final: 9 COMPLETED');
      expect(r.stdout).not.toContain('already final');
      expect(r.code).toBe(0);
      expect(sb.storeIds()).toHaveLength(9);
      expect(opened.sim.job(sb.storeIds()[0]!)?.destination?.location).toBe('p/sample_0201.cram');
      expect((await runTransferCli(sb, ['export', '--project', DEMO_PROJECT])).code).toBe(2);
      expect((await runTransferCli(sb, [...argv, '--wait', '--timeout', 'soon'])).code).toBe(2);
      expect((await runTransferCli(sb, argv, true)).code).toBe(2);
    } finally {
      sb.cleanup();
    }
  });
});

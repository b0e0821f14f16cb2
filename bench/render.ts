// In-process figures: the real <App> on the real store, drawn through the real frame writer into a fake
// 120×40 TTY whose every byte is counted. Import this only after CI variables are gone (Ink reads them once).
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { render } from 'ink';
import { createElement } from 'react';
import { isoSeconds } from '../src/demo/simulator.js';
import { SbClient } from '../src/platform/client.js';
import type { Snapshot } from '../src/store/types.js';
import { WatchStore } from '../src/store/watch-store.js';
import { App } from '../src/ui/App.js';
import { createFrameWriter } from '../src/ui/frame-writer.js';
import { Poller, type PollSource, sourceFromClient } from '../src/watch/poller.js';
import { ACTIVE, CALLS_PER_CYCLE, type Fixture, TOKEN } from './fixture.js';
import { median, sleep, until } from './report.js';

class FakeTty extends EventEmitter {
  readonly isTTY = true;
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write(): boolean {
    return true;
  }
}

class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  setEncoding(): this {
    return this;
  }
  setRawMode(): this {
    return this;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  read(): null {
    return null;
  }
}

interface Written {
  at: number;
  bytes: number;
  text: string;
}

export interface RenderFigures {
  fullFrameBytes: number;
  noChange: RefreshBytes;
  oneRowChanged: RefreshBytes;
  /** CPU ms from putSnapshots of 300 changed rows until the frame (counts and flash) was written. */
  cpu300Ms: number[];
  /** The same, until the first frame with the new counts only. */
  cpu300FirstFrameMs: number[];
  wall300Ms: number[];
  warmupCpu300Ms: number[];
  /** Ink renders (each a full-screen render, whatever changed) within each measured 300-row refresh. */
  inkRendersPer300: number[];
  /** Ink's own render time (its onRender metric) summed over each measured 300-row refresh. */
  inkMsPer300: number[];
  /** Median of Ink's render time per frame while the spinner turns, and how many frames a second. */
  inkMsPerFrameIdle: number;
  inkFramesPerSecondIdle: number;
  saveCpuMs: number;
  saveWallMs: number;
  saveFileBytes: number;
}

export interface RefreshBytes {
  bytes: number;
  /** Screen lines rewritten (1-based), in order of appearance. */
  lines: number[];
  /** Writes to the terminal that make up the refresh (frames and Ink's sync markers). */
  writes: number;
}

interface InkRender {
  at: number;
  ms: number;
}

/** Absolute line positions the frame writer emitted (`ESC[row;1H`). */
function linesOf(text: string): number[] {
  const rows = new Set<number>();
  for (const m of text.matchAll(/\u001B\[(\d+);1H/g)) rows.add(Number(m[1]));
  return [...rows];
}

/** The spinner's frames rewrite only the first line; a refresh is whatever else it draws. */
const SPINNER_LINE = 1;
/** Long enough for the frames a refresh causes (the change, then the highlight and flash its effects set). */
const REFRESH_WINDOW_MS = 1000;
const IDLE_SAMPLE_MS = 2000;

export async function renderFigures(fix: Fixture, cols: number, rows: number): Promise<RenderFigures> {
  const { sim } = fix;
  const dir = fix.copyConfig('config-render');
  const store = WatchStore.open({ cwd: dir });
  const client = new SbClient({ endpoint: sim.url, token: TOKEN });
  const callsPerCycle = CALLS_PER_CYCLE;

  // The moment each cycle's last reply is in, before the poller hands anything to the store or the UI.
  const marks: { index: number; at: number }[] = [];
  const written: Written[] = [];
  const real = sourceFromClient(client);
  let calls = 0;
  const source: PollSource = {
    fetchBulk: async (ids, signal) => {
      const items = await real.fetchBulk(ids, signal);
      if (++calls % callsPerCycle === 0) marks.push({ index: written.length, at: performance.now() });
      return items;
    },
    rateLimit: real.rateLimit,
  };
  const poller = new Poller({ target: store, source, intervalMs: 250 });

  let onWrite: ((text: string) => void) | undefined;
  const tty = new FakeTty(cols, rows);
  const frames = createFrameWriter(tty as unknown as NodeJS.WriteStream, (text) => {
    written.push({ at: performance.now(), bytes: Buffer.byteLength(text), text });
    onWrite?.(text);
  });
  const inkRenders: InkRender[] = [];
  const host = new URL(sim.url).host;
  const instance = render(
    createElement(App, {
      store,
      poller,
      services: { copy: () => {}, bell: () => {} },
      platform: `bench simulator (${host})`,
      allowedHosts: new Set([host]),
      onQuit: () => {},
    }),
    {
      stdout: frames.stream,
      stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
      exitOnCtrlC: false,
      patchConsole: false,
      onRender: ({ renderTime }) => inkRenders.push({ at: performance.now(), ms: renderTime }),
    },
  );

  try {
    if (!(await until(() => frames.stats.frames > 0, 5000))) throw new Error('render: no first frame');
    const fullFrameBytes = written.reduce((n, w) => n + w.bytes, 0);

    // What one refresh writes: from its last reply, every frame that draws more than the spinner's line,
    // up to the frame that completes it (`complete`); the first frame always counts (the header's refresh
    // time and API budget change on every refresh). A frame that only turns the spinner would have come
    // anyway. Ink's sync markers around a counted frame are counted with it.
    const refreshBytes = async (
      mark: { index: number; at: number },
      complete: (lines: ReadonlySet<number>) => boolean,
    ): Promise<RefreshBytes> => {
      const deadline = mark.at + REFRESH_WINDOW_MS;
      let text = '';
      let writes = 0;
      let pending = '';
      let pendingWrites = 0;
      let first = true;
      const seen = new Set<number>();
      for (let i = mark.index; ; i++) {
        if (!(await until(() => written.length > i || performance.now() > deadline, REFRESH_WINDOW_MS)))
          break;
        const part = written[i];
        if (!part) break;
        pending += part.text;
        pendingWrites++;
        const lines = linesOf(part.text);
        if (lines.length === 0) continue;
        if (first || lines.some((line) => line !== SPINNER_LINE)) {
          text += pending;
          writes += pendingWrites;
          for (const line of lines) seen.add(line);
        }
        first = false;
        pending = '';
        pendingWrites = 0;
        if (complete(seen)) {
          // The end-of-frame sync marker Ink writes right after.
          const next = written[i + 1];
          if (next && linesOf(next.text).length === 0) {
            text += next.text;
            writes++;
          }
          break;
        }
      }
      return { bytes: Buffer.byteLength(text), lines: linesOf(text), writes };
    };
    const nextMark = async () => {
      const seen = marks.length;
      if (!(await until(() => marks.length > seen, 5000))) throw new Error('render: no refresh cycle');
      return marks[marks.length - 1]!;
    };

    poller.start();
    if (!(await until(() => poller.status().cycles >= 2, 10_000)))
      throw new Error('render: poller not cycling');
    // Nothing changes for a while: what Ink draws anyway (the spinner, the clock of running rows).
    const idleFrom = performance.now();
    await sleep(IDLE_SAMPLE_MS);
    const idleRenders = inkRenders.filter((r) => r.at >= idleFrom);
    const inkMsPerFrameIdle = median(idleRenders.map((r) => r.ms));
    const inkFramesPerSecondIdle = idleRenders.length / ((performance.now() - idleFrom) / 1000);
    const noChange = await refreshBytes(await nextMark(), () => true);

    // One visible RUNNING job finishes on the platform; the next refresh brings it.
    const target = fix.activeIds[0]!;
    if (store.snapshot(target)?.job?.state !== 'RUNNING' || fix.ids.indexOf(target) > rows - 8) {
      throw new Error('render: the first active job should be RUNNING and on the first screen');
    }
    await nextMark();
    sim.setJobState(target, 'COMPLETED');
    const brought = await until(() => store.snapshot(target)?.job?.state === 'COMPLETED', 5000, 1);
    if (!brought) throw new Error('render: the change never reached the store');
    // Complete once the flash line at the bottom says what changed.
    const oneRowChanged = await refreshBytes(marks[marks.length - 1]!, (lines) => lines.has(rows - 1));
    await poller.stop();
    await sleep(300);

    // 300 rows change at once (every active job flips between PENDING and RUNNING), put straight into the
    // store as the poller would; measured until both the counts line and the change flash are on screen.
    const cpu300Ms: number[] = [];
    const cpu300FirstFrameMs: number[] = [];
    const wall300Ms: number[] = [];
    const warmupCpu300Ms: number[] = [];
    const inkRendersPer300: number[] = [];
    const inkMsPer300: number[] = [];
    const warmup = 2;
    const rounds = 7;
    for (let r = 0; r < warmup + rounds; r++) {
      const state = r % 2 === 0 ? 'PENDING' : 'RUNNING';
      const fetchedAt = new Date().toISOString();
      const changes = new Map<string, Snapshot>();
      for (const id of fix.activeIds) {
        const job = { ...store.snapshot(id)!.job!, state };
        delete job.finished_on;
        delete job.error;
        if (state === 'RUNNING') job.started_on = isoSeconds(Date.now() - r * 1000);
        else delete job.started_on;
        changes.set(id, { status: 'ok', job, fetchedAt });
      }
      // The flash names how many jobs changed state (a warm-up round may change fewer than all 300).
      let stateChanges = 0;
      for (const [id, snap] of changes)
        if (store.snapshot(id)?.job?.state !== snap.job?.state) stateChanges++;
      const countsMarker = `${ACTIVE} ${state.toLowerCase()}`;
      const flashMarker = `${stateChanges} jobs changed`;
      let firstFrameCpu = Number.NaN;
      let cpu0 = process.cpuUsage();
      let t0 = performance.now();
      const done = new Promise<{ cpu: number; wall: number } | undefined>((resolve) => {
        let counts = false;
        let flash = false;
        const timer = setTimeout(() => resolve(undefined), 5000);
        onWrite = (text) => {
          counts ||= text.includes(countsMarker);
          flash ||= text.includes(flashMarker);
          if (counts && Number.isNaN(firstFrameCpu)) firstFrameCpu = cpuMs(process.cpuUsage(cpu0));
          if (counts && flash) {
            clearTimeout(timer);
            onWrite = undefined;
            resolve({ cpu: cpuMs(process.cpuUsage(cpu0)), wall: performance.now() - t0 });
          }
        };
      });
      cpu0 = process.cpuUsage();
      t0 = performance.now();
      store.putSnapshots(changes);
      const result = await done;
      if (!result) throw new Error(`render: round ${r}: the frame with "${countsMarker}" never came`);
      if (r < warmup) warmupCpu300Ms.push(result.cpu);
      else {
        cpu300Ms.push(result.cpu);
        cpu300FirstFrameMs.push(firstFrameCpu);
        wall300Ms.push(result.wall);
        const during = inkRenders.filter((x) => x.at >= t0 && x.at <= t0 + result.wall);
        inkRendersPer300.push(during.length);
        inkMsPer300.push(during.reduce((n, x) => n + x.ms, 0));
      }
      await sleep(150);
    }

    // The debounced save that follows every refresh with changes: the whole list, once. One more change,
    // saved at once instead of after the debounce, so that only the save is measured.
    await sleep(400);
    const one = fix.activeIds[1]!;
    const before = store.snapshot(one)!;
    store.putSnapshots(
      new Map([
        [one, { ...before, job: { ...before.job!, state: 'RUNNING', started_on: isoSeconds(Date.now()) } }],
      ]),
    );
    const save0 = process.cpuUsage();
    const saveAt = performance.now();
    store.flush();
    const saveCpuMs = cpuMs(process.cpuUsage(save0));
    const saveWallMs = performance.now() - saveAt;
    const { size } = fs.statSync(store.path);

    return {
      fullFrameBytes,
      noChange,
      oneRowChanged,
      cpu300Ms,
      cpu300FirstFrameMs,
      wall300Ms,
      warmupCpu300Ms,
      inkRendersPer300,
      inkMsPer300,
      inkMsPerFrameIdle,
      inkFramesPerSecondIdle,
      saveCpuMs,
      saveWallMs,
      saveFileBytes: size,
    };
  } finally {
    onWrite = undefined;
    await poller.stop();
    instance.unmount();
    store.close();
    await client.close();
  }
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

// Mounts the export flow alone, wired to the real platform functions over HTTP against the simulator's demo
// catalog, and reads the screen as a person would (after test/ui/harness.tsx, which mounts the whole App).
import { render } from 'ink-testing-library';
import { demoCatalog } from '../../../src/demo/seed-catalog.js';
import { type Simulator, startSimulator } from '../../../src/demo/simulator.js';
import { SbClient } from '../../../src/platform/client.js';
import type { ExportJob } from '../../../src/platform/types.js';
import type { Clock } from '../../../src/transfer/ports.js';
import {
  ExportFlow,
  type ExportFlowPorts,
  type ExportFlowProps,
  exportFlowPorts,
} from '../../../src/ui/export-flow/ExportFlow.js';

export const KEY = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  home: '\u001B[H',
  pageDown: '\u001B[6~',
  end: '\u001B[F',
  enter: '\r',
  esc: '\u001B',
  backspace: '\u007F',
  tab: '\t',
} as const;

export const TOKEN = 'test-token-not-secret';

/** Time for the rate budget's waits: never the wall clock. */
export function fakeClock(start = Date.parse('2026-03-01T12:00:00Z')): Clock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

export interface Flow {
  sim: Simulator;
  client: SbClient;
  /** Every onSubmitted call's jobs, in order. */
  batches: ExportJob[][];
  closed: number;
  frame(): string;
  /** Writes one key (or a string typed at once) and waits for a frame that passes `test`. */
  press(key: string, test: (f: string) => boolean, what: string): Promise<string>;
  waitFor(test: (f: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  /** Renders the flow again with new (equal) props, as a re-rendering App does. */
  rerender(): void;
  unmount(): Promise<void>;
}

export interface FlowOptions {
  props?: Partial<ExportFlowProps>;
  /** Runs on every onSubmitted, before it returns (the flow awaits it before the next bulk call). */
  onSubmitted?: (jobs: ExportJob[], endpoint: string) => void | Promise<void>;
  sim?: Simulator;
  /** Stands between the flow and the real ports, e.g. to lose one real call's answer. */
  wrapPorts?: (ports: ExportFlowPorts) => ExportFlowPorts;
}

const mounted: Flow[] = [];

export async function unmountAll(): Promise<void> {
  for (const f of mounted.splice(0)) await f.unmount();
}

export async function mountFlow(opts: FlowOptions = {}): Promise<Flow> {
  const sim =
    opts.sim ??
    (await startSimulator({
      catalog: demoCatalog(),
      token: TOKEN,
      rateLimit: { limit: 1_000_000, windowMs: 300_000 },
    }));
  const client = new SbClient({ endpoint: sim.url, token: TOKEN, timeoutMs: 10_000 });
  const batches: ExportJob[][] = [];
  const flow = { closed: 0 } as Flow;
  // A new ports object on every call, as an App that does not memoise them would pass on each render.
  const tree = () => (
    <ExportFlow
      ports={(opts.wrapPorts ?? ((p) => p))(exportFlowPorts(client, fakeClock()))}
      width={100}
      height={30}
      onSubmitted={async (jobs, endpoint) => {
        batches.push(jobs);
        await opts.onSubmitted?.(jobs, endpoint);
      }}
      onClose={() => {
        flow.closed++;
      }}
      {...opts.props}
    />
  );
  const r = render(tree());
  const frame = () => r.lastFrame() ?? '';
  const waitFor = async (test: (f: string) => boolean, what: string, timeoutMs = 30_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const f = frame();
      if (test(f)) return f;
      if (Date.now() > until) throw new Error(`Timed out waiting for ${what}. Last frame:\n${f}`);
      await new Promise((res) => setTimeout(res, 10));
    }
  };
  Object.assign(flow, {
    sim,
    client,
    batches,
    frame,
    waitFor,
    press: async (key: string, test: (f: string) => boolean, what: string) => {
      r.stdin.write(key);
      return waitFor(test, what);
    },
    rerender: () => r.rerender(tree()),
    async unmount() {
      r.unmount();
      await client.close();
      if (!opts.sim) await sim.close();
    },
  });
  mounted.push(flow);
  return flow;
}

/** The line with the selection marker. */
export function selectedLine(frame: string): string {
  return frame.split('\n').find((l) => l.startsWith('›')) ?? '';
}

export const has = (text: string) => (f: string) => f.includes(text);

/** From the project list into the demo project's root folder. */
export async function openDemoProject(flow: Flow): Promise<void> {
  await flow.waitFor(has('rfranklin/cohort-2026'), 'the project list');
  await flow.press('cohort', has('1 matching'), 'the filtered list');
  await flow.press(KEY.enter, has('manifest.tsv'), "the project's root folder");
}

/** Root → cohort → batch_01, waiting for each listing. */
export async function openBatch01(flow: Flow): Promise<void> {
  await openDemoProject(flow);
  await flow.press(KEY.enter, has('batch_20/'), 'the cohort folder');
  await flow.press(KEY.enter, has('sample_0001.cram'), 'batch_01');
  await flow.waitFor(has('200 items'), 'the whole listing of batch_01');
}

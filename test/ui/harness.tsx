// Mounts the real App on the real store and poller, talking HTTP to the
// simulator, and reads the screen as a person would see it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useStdin } from 'ink';
import { render } from 'ink-testing-library';
import { useEffect } from 'react';
import { type SimJob, type Simulator, startSimulator } from '../../src/demo/simulator.js';
import type { SimCatalog } from '../../src/demo/types.js';
import { SbClient } from '../../src/platform/client.js';
import { createServices } from '../../src/services.js';
import { WatchStore } from '../../src/store/watch-store.js';
import { App, type AppProps } from '../../src/ui/App.js';
import { BELL } from '../../src/ui/terminal.js';
import { Poller } from '../../src/watch/poller.js';

export const KEY = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
  enter: '\r',
  esc: '\u001B',
  backspace: '\u007F',
  delete: '\u001B[3~',
  ctrlC: '\u0003',
  /** What a terminal sends around pasted text once the app turned bracketed paste on. */
  pasteStart: '\u001B[200~',
  pasteEnd: '\u001B[201~',
} as const;

export const TOKEN = 'test-token-not-secret';

export interface Mounted {
  sim: Simulator;
  store: WatchStore;
  poller: Poller;
  client: SbClient;
  frame(): string;
  /** Each key as its own read of the terminal, as a person typing delivers them. */
  press(...keys: string[]): Promise<void>;
  /** Several reads of the terminal back to back, before React draws any of them (a fast typist). */
  sendTogether(...chunks: string[]): void;
  /**
   * Waits until `test` passes, re-checked on every frame Ink draws (and now and then for state that is
   * not on screen); fails with the last frame when it never does.
   */
  waitFor(test: (frame: string) => boolean, what?: string, timeoutMs?: number): Promise<string>;
  effects: { copied: string[]; bells: number; quits: number };
  unmount(): Promise<void>;
}

const mounted: Mounted[] = [];

/**
 * Rendered after the App, so its listener on Ink's input events comes after the App's: when it hears a key,
 * the App has handled it (and, Ink rendering synchronously here, drawn the frame it led to).
 */
function InputProbe({ onInput }: { onInput: () => void }) {
  const { internal_eventEmitter: events } = useStdin();
  useEffect(() => {
    events?.on('input', onInput);
    return () => {
      events?.off('input', onInput);
    };
  }, [events, onInput]);
  return null;
}

export async function unmountAll(): Promise<void> {
  for (const m of mounted.splice(0)) await m.unmount();
}

export async function mountApp(opts: {
  jobs: SimJob[];
  watch: readonly string[];
  /** A function: props made from the mounted store and simulator (e.g. pollers of several platforms). */
  props?: Partial<AppProps> | ((base: { store: WatchStore; sim: Simulator }) => Partial<AppProps>);
  /** false: the harness's own one-platform poller is not started (the props bring pollers). */
  poll?: boolean;
  intervalMs?: number;
  /** Pick up other processes' changes to the file, as the real TUI does. */
  watchExternal?: boolean;
  /** Projects, files and volumes (e.g. the demo's, with its read-only volume). */
  catalog?: SimCatalog;
}): Promise<Mounted> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-ui-'));
  const sim = await startSimulator({
    jobs: opts.jobs,
    catalog: opts.catalog,
    rateLimit: { limit: 1_000_000, windowMs: 300_000 },
  });
  const store = WatchStore.open({ cwd: dir, debounceMs: 5, watchExternal: opts.watchExternal });
  store.add([...opts.watch]);
  const client = new SbClient({ endpoint: sim.url, token: TOKEN, timeoutMs: 2000 });
  const poller = new Poller({ target: store, client, intervalMs: opts.intervalMs ?? 100 });
  const effects = { copied: [] as string[], bells: 0, quits: 0 };
  // The app's own services over a recording terminal: what the clipboard sequence and the bell would write.
  const services = createServices(client, {
    write(text: string) {
      const copied = /^\u001B\]52;c;([A-Za-z0-9+/=]*)\u0007$/.exec(text);
      if (copied) effects.copied.push(Buffer.from(copied[1]!, 'base64').toString('utf8'));
      else if (text === BELL) effects.bells++;
      else throw new Error(`unexpected terminal write: ${JSON.stringify(text)}`);
    },
  });
  const host = new URL(sim.url).host;
  let handled = 0;
  const keyWaiters = new Set<() => void>();
  const onInput = () => {
    handled++;
    for (const wake of [...keyWaiters]) wake();
  };
  const extra = typeof opts.props === 'function' ? opts.props({ store, sim }) : opts.props;
  const r = render(
    <>
      <App
        store={store}
        poller={poller}
        services={services}
        platform={`simulator (${host})`}
        allowedHosts={new Set([host])}
        onQuit={() => {
          effects.quits++;
        }}
        {...extra}
      />
      <InputProbe onInput={onInput} />
    </>,
  );
  if (opts.poll !== false) poller.start();

  const frame = () => r.lastFrame() ?? '';
  // Told of every frame Ink writes (ink-testing-library renders in debug mode: one write per frame).
  const drawn = new Set<() => void>();
  const write = r.stdout.write;
  r.stdout.write = (f: string) => {
    write(f);
    for (const wake of [...drawn]) wake();
  };
  const waitFor = async (test: (f: string) => boolean, what = 'the expected screen', timeoutMs = 8000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const f = frame();
      if (test(f)) return f;
      if (Date.now() > until) throw new Error(`Timed out waiting for ${what}. Last frame:\n${f}`);
      await new Promise<void>((wake) => {
        const done = () => {
          drawn.delete(done);
          clearTimeout(poll);
          wake();
        };
        // Not a wait for time to pass: a re-check for conditions off screen (the store, the simulator).
        const poll = setTimeout(done, 25);
        drawn.add(done);
      });
    }
  };
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      if (!k) continue; // a terminal sends nothing for nothing
      const before = handled;
      r.stdin.write(k);
      // Ink hands most keys on at once, but holds a lone Esc (it may start a sequence) until setImmediate:
      // the next key goes only once the App has handled this one, so two keys never merge into one.
      if (handled === before) await new Promise<void>((wake) => keyWaiters.add(wake));
      keyWaiters.clear();
      // React commits the update a key set off on its scheduler's next turn (setImmediate, first in line).
      await new Promise((wake) => setImmediate(wake));
    }
  };
  const sendTogether = (...chunks: string[]) => {
    for (const c of chunks) r.stdin.write(c);
  };
  const m: Mounted = {
    sim,
    store,
    poller,
    client,
    frame,
    press,
    sendTogether,
    waitFor,
    effects,
    async unmount() {
      r.unmount();
      await poller.stop();
      store.close();
      await client.close();
      await sim.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  mounted.push(m);
  return m;
}

/** The line of the table that shows this job. */
export function rowOf(frame: string, id: string): string {
  return frame.split('\n').find((l) => l.includes(id)) ?? '';
}

/** The line with the selection marker. */
export function selectedLine(frame: string): string {
  return frame.split('\n').find((l) => l.startsWith('›')) ?? '';
}

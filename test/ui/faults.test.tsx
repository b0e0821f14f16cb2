// The API misbehaves: the screen says so, keys stay live, the list stays whole.
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_COMPLETED, SEED_FAILED } from '../../src/demo/seed.js';
import type { SimJob } from '../../src/demo/simulator.js';
import { KEY, mountApp, rowOf, selectedLine, TOKEN, unmountAll } from './harness.js';

afterEach(unmountAll);

const RUNNING_ID = 'Runn1ngJob00000000000000000000aa';
const jobs: SimJob[] = [
  { job: SEED_COMPLETED },
  { job: SEED_FAILED },
  {
    job: {
      id: RUNNING_ID,
      state: 'RUNNING',
      started_on: '2026-01-01T00:00:00Z',
      source: { file: 'f' },
      destination: { volume: 'v/o', location: 'x' },
    },
  },
];
const watch = [SEED_COMPLETED.id, SEED_FAILED.id, RUNNING_ID];

describe('faults on screen', () => {
  it('401: a banner naming the problem, polling paused, keys still work, token never shown', async () => {
    const m = await mountApp({ jobs, watch });
    await m.waitFor((f) => f.includes('RUNNING'));
    m.sim.faults.auth = true;
    const f = await m.waitFor((f) => f.includes('Token rejected'), 'the auth banner');
    expect(f).not.toContain(TOKEN);
    const sent = m.sim.stats.requests;
    await m.press(KEY.down);
    await m.waitFor((f) => selectedLine(f).includes(SEED_FAILED.id), 'keys still move the cursor');
    // Paused, not retrying on the 100 ms interval: the poller says so, and has sent nothing since.
    expect(m.poller.status().paused).toBe(true);
    expect(m.sim.stats.requests - sent).toBe(0);
    expect(f).toContain('Polling paused');
    expect(m.store.ids()).toEqual(watch);
  });

  it('503 maintenance: a banner, and it clears by itself when the platform is back', async () => {
    const m = await mountApp({ jobs, watch });
    await m.waitFor((f) => f.includes('RUNNING'));
    m.sim.faults.maintenance = true;
    await m.waitFor((f) => f.includes('Platform under maintenance'), 'the maintenance banner');
    expect(m.store.ids()).toEqual(watch);
  });

  it('connection refused: an offline banner, cached rows still browsable', async () => {
    const m = await mountApp({ jobs, watch });
    await m.waitFor((f) => f.includes('RUNNING'));
    await m.sim.close();
    await m.waitFor((f) => f.includes('Offline'), 'the offline banner');
    await m.press(KEY.end, KEY.enter);
    const f = await m.waitFor((f) => f.includes('DETAILS'), 'the detail pane from the cache');
    expect(f).toContain(RUNNING_ID);
    expect(m.store.ids()).toEqual(watch);
  });

  it('garbage bodies: the error is flashed with its status, rows marked stale, nothing lost', async () => {
    const m = await mountApp({ jobs, watch });
    await m.waitFor((f) => f.includes('RUNNING'));
    m.sim.faults.htmlBody = true;
    await m.waitFor((f) => /502/.test(f), 'the flashed status');
    await m.waitFor((f) => /\(stale: \d+s old\)/.test(f), 'the stale mark with its age');
    expect(rowOf(m.frame(), RUNNING_ID)).toContain('RUNNING');
    expect(m.store.ids()).toEqual(watch);
  });
});

describe('server strings cannot drive the terminal', () => {
  it('escape sequences in locations, messages and unknown fields are neutralised on screen', async () => {
    const evilId = 'Ev1lJob0000000000000000000000000';
    const evil: SimJob = {
      job: {
        id: evilId,
        state: 'FAILED',
        source: { file: 'f\u001b[2J' },
        destination: { volume: 'v/o', location: 'a\u001b]2;title\u0007b' },
        error: { status: 409, code: 9107, message: 'copy \u001b]52;c;ZXZpbA==\u0007 me \u001b[1A' },
        weird_field: '\u009b31m\u202ereversed',
      },
    };
    const m = await mountApp({ jobs: [evil], watch: [evilId] });
    await m.waitFor((f) => f.includes('FAILED'));
    await m.press(KEY.enter);
    await m.press(KEY.end);
    const f = await m.waitFor((f) => f.includes('weird_field'), 'the unknown field');
    // Only colour (SGR) sequences may remain in what Ink draws; no OSC, no cursor moves, no C1, no bidi.
    const withoutSgr = f.replace(/\u001b\[[0-9;]*m/g, '');
    expect(withoutSgr).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    expect(f).toContain('copy');
  });
});

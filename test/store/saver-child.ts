// Run by journal.test.ts in a child process: saves the watch list in a loop, telling the parent on stdout
// what is on disk (`added <ids>` once add() returned, `saved <round>` once flush() returned), until killed
// or `rounds` saves are done. argv: <config dir> <id prefix (3 letters)> <rounds> <compactMinBytes>
import fs from 'node:fs';
import type { Snapshot } from '../../src/store/types.js';
import { WatchStore } from '../../src/store/watch-store.js';

const [dir, prefix, roundsArg, compactArg] = process.argv.slice(2);
if (!dir || !prefix || !roundsArg || !compactArg)
  throw new Error('usage: saver-child.ts dir prefix rounds compact');
const rounds = Number(roundsArg);
const say = (line: string) => fs.writeSync(1, `${line}\n`);
const idOf = (n: number) => `${prefix}${String(n).padStart(29, '0')}`;
const base = Date.parse('2026-12-01T00:00:00.000Z');

const store = WatchStore.open({ cwd: dir, debounceMs: 1e9, compactMinBytes: Number(compactArg) });
const mine = store.ids().filter((id) => id.startsWith(prefix));
let next = mine.length;
// Start after whatever an earlier (killed) run saved, so the rounds keep increasing.
let round = Math.max(0, ...mine.map((id) => Number(store.snapshot(id)?.job?.state.slice(1) ?? 0)));
say('ready');
for (let i = 0; i < rounds; i++) {
  round++;
  const fresh = [idOf(next++), idOf(next++), idOf(next++)];
  store.add(fresh, { endpoint: 'https://cgc-api.sbgenomics.com/v2' });
  say(`added ${fresh.join(' ')}`);
  mine.push(...fresh);
  const fetchedAt = new Date(base + round * 1000).toISOString();
  const snaps = new Map<string, Snapshot>();
  for (const id of mine) {
    const job = { id, state: `S${round}`, destination: { volume: 'me/v', location: `out/${id}.cram` } };
    snaps.set(id, { status: 'ok', fetchedAt, job: { ...job, padding: 'x'.repeat(200) } });
  }
  store.putSnapshots(snaps);
  store.flush();
  say(`saved ${round}`);
}
store.close();
say('done');

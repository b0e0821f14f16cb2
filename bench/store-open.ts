// Run by launch-parts.ts in a fresh process: how long the app's first WatchStore.open of the saved list
// takes, cold, as at launch. Prints milliseconds.
import { WatchStore } from '../src/store/watch-store.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: store-open.ts <config dir>');
const t = performance.now();
const store = WatchStore.open({ cwd: dir });
const ms = performance.now() - t;
store.close();
process.stdout.write(`${ms}\n`);

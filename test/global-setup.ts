// Some tests run the built command (dist/cli.js) in a real pseudo-terminal:
// build it once, from the sources under test, before any of them starts.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}

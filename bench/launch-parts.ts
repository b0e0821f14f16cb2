// Where the launch budget goes, measured apart: node itself, loading the bundle (compile + module
// initialisation, with `--version` so no app code runs), and reading the saved 10,000-job list.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Fixture } from './fixture.js';

export interface LaunchParts {
  /** `node -e ''`: the floor of any launch. */
  nodeMs: number;
  /** `node dist/cli.js --version`: node plus the bundle's compile and module initialisation. */
  bundleMs: number;
  /** WatchStore.open of the saved list, cold in a fresh process: fastest of a few. */
  storeOpenMs: number;
}

function fastest(args: string[], runs: number, env: NodeJS.ProcessEnv): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    execFileSync(process.execPath, args, { stdio: 'ignore', env });
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

export function launchParts(cliPath: string, fix: Fixture, runs = 5): LaunchParts {
  // The fixture's home, whose code cache the terminal launches left: the bundle as a user's launch loads it.
  const env = { ...process.env, HOME: fix.root, XDG_CACHE_HOME: path.join(fix.root, '.cache') };
  const nodeMs = fastest(['-e', ''], runs, env);
  const bundleMs = fastest([cliPath, '--version'], runs, env);
  let storeOpenMs = Number.POSITIVE_INFINITY;
  const script = path.join(import.meta.dirname, 'store-open.ts');
  for (let i = 0; i < 3; i++) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', script, fix.configDir], {
      encoding: 'utf8',
    });
    storeOpenMs = Math.min(storeOpenMs, Number(out.trim()));
  }
  return { nodeMs, bundleMs, storeOpenMs };
}

// How the app runs once it has started (called by the launcher, and by the benchmark's in-process harness
// so that it measures the same thing).
import v8 from 'node:v8';

/**
 * Once the first frame is drawn and the first refresh done, the app redraws a line or two a second and
 * polls every few seconds. V8's optimizing compiler kept re-optimizing React's and Ink's functions for that
 * (their optimized code depends on objects every frame replaces): about a third of the CPU the app used
 * while nothing changed, measured, for no gain at this load. V8's baseline code answers every key and
 * refresh well within the goals (npm run bench), and takes less memory.
 */
export function settleRuntime(): void {
  v8.setFlagsFromString('--no-opt');
}

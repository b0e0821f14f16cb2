/**
 * Exponential back-off with "equal jitter": the n-th consecutive failure waits between half and all of
 * base·2ⁿ (capped). The lower half keeps the wait from collapsing to nothing; the random half keeps many
 * watchers that failed together (a platform outage) from all coming back in the same second.
 */
export function backoffDelay(failures: number, baseMs: number, capMs: number, random: () => number): number {
  const n = Math.max(1, Math.floor(failures));
  // 2^n overflows to Infinity long before the cap matters; Math.min handles it.
  const full = Math.min(capMs, baseMs * 2 ** n);
  const r = Math.min(1, Math.max(0, random()));
  return Math.max(baseMs, Math.round(full / 2 + (r * full) / 2));
}

/**
 * Maintenance is announced and lasts minutes to hours: 1, 2, 4 … minutes (base configurable), capped.
 * No jitter needed: the SDKs wait a fixed 300 s, and a few minutes' wait already spreads the load.
 */
export function maintenanceDelay(failures: number, baseMs: number, capMs: number): number {
  const n = Math.max(1, Math.floor(failures));
  return Math.min(capMs, baseMs * 2 ** (n - 1));
}

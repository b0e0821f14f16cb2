import { isoSeconds } from './reply.js';
import { ARCHIVE, COHORT, OUTPUT } from './seed-jobs.js';
import { done, ERROR_9107, HOUR, job, MINUTE, SECOND } from './seed-time.js';
import type { SimJob } from './types.js';

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Deterministic 32-char ID: 26 pseudo-random characters, then the index in base 36 (so IDs never collide). */
export function syntheticId(index: number): string {
  let state = (index + 1) * 2654435761;
  let id = '';
  for (let i = 0; i < 26; i++) {
    // xorshift32: cheap, deterministic, good enough to look like real IDs.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    id += ALNUM[(state >>> 0) % ALNUM.length];
  }
  return id + index.toString(36).padStart(6, '0');
}

const MANY_VOLUMES = [COHORT, OUTPUT, ARCHIVE, 'bdc-shared/topmed-freeze9'];

/**
 * `n` deterministic jobs, `activeCount` of them spread evenly through the list and staying PENDING/RUNNING
 * for hours (half running from the start, half pending for 30 minutes); the rest finished before `nowMs`,
 * every 40th of them FAILED.
 */
export function manyJobs(n: number, activeCount: number, nowMs: number): SimJob[] {
  const active = Math.max(0, Math.min(n, activeCount));
  const jobs: SimJob[] = [];
  let activeIndex = 0;
  for (let i = 0; i < n; i++) {
    const id = syntheticId(i);
    const sample = String(i).padStart(5, '0');
    const volume = MANY_VOLUMES[i % MANY_VOLUMES.length]!;
    const base = job(
      id,
      `65f1c0a2e4b0${i.toString(16).padStart(12, '0')}`,
      volume,
      `run-07/sample_${sample}.cram`,
    );
    // Exactly `active` indices satisfy this, evenly spaced.
    if (n > 0 && (i * active) % n < active) {
      const pendingLong = activeIndex % 2 === 1;
      activeIndex++;
      jobs.push({ job: base, runningAfterMs: pendingLong ? 30 * MINUTE : 0, finishAfterMs: 6 * HOUR });
      continue;
    }
    const finishedAt = nowMs - (n - i) * 30 * SECOND;
    if (i % 40 === 7) {
      jobs.push({
        job: {
          ...base,
          state: 'FAILED',
          started_on: isoSeconds(finishedAt - 5 * SECOND),
          finished_on: isoSeconds(finishedAt),
          error: ERROR_9107,
        },
      });
    } else {
      jobs.push({ job: { ...base, ...done(finishedAt, 90 * SECOND) } });
    }
  }
  return jobs;
}

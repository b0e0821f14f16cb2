import type { SimJob } from '../../src/demo/simulator.js';
import { SbClient } from '../../src/platform/client.js';
import type { BulkItem, ExportJob } from '../../src/platform/types.js';
import type { Snapshot } from '../../src/store/types.js';
import type { PollTarget } from '../../src/watch/due.js';
import { type PollSource, sourceFromClient } from '../../src/watch/poller.js';

export const TOKEN = 'test-token-not-secret';

/** The watch list as the poller sees it, in memory, recording every write. */
export class MemoryTarget implements PollTarget {
  readonly list: string[];
  readonly snaps = new Map<string, Snapshot>();
  readonly writes: ReadonlyMap<string, Snapshot>[] = [];

  constructor(ids: readonly string[], snapshots: Iterable<[string, Snapshot]> = []) {
    this.list = [...ids];
    for (const [id, snap] of snapshots) this.snaps.set(id, snap);
  }

  ids(): readonly string[] {
    return this.list;
  }

  snapshot(id: string): Snapshot | undefined {
    return this.snaps.get(id);
  }

  putSnapshots(snapshots: ReadonlyMap<string, Snapshot>): void {
    this.writes.push(new Map(snapshots));
    for (const [id, snap] of snapshots) this.snaps.set(id, snap);
  }

  state(id: string): string | undefined {
    return this.snaps.get(id)?.job?.state;
  }
}

/** 32 characters like a real export ID, unique per prefix and number. */
export function jobId(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(6, '0')}`.padEnd(32, 'x');
}

export function job(id: string, state: string): ExportJob {
  return {
    id,
    state,
    source: { file: `file-${id.slice(0, 8)}` },
    destination: { volume: 'lab/exports', location: `out/${id.slice(0, 8)}.bam` },
    properties: { sse_algorithm: 'AES256' },
    overwrite: false,
  };
}

export function simJobs(ids: readonly string[], state: string): SimJob[] {
  return ids.map((id) => ({ job: job(id, state) }));
}

export function ids(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => jobId(prefix, i));
}

export function snapshotOf(j: ExportJob): Snapshot {
  return { status: 'ok', job: j, fetchedAt: '2024-01-01T00:00:00.000Z' };
}

export function client(url: string, timeoutMs?: number, now?: () => number): SbClient {
  return new SbClient({ endpoint: url, token: TOKEN, timeoutMs, now });
}

export type TimedSource = PollSource & {
  /** When each bulk call left, on the poller's clock. */
  calls: number[];
  /** How each call ended: 'ok', or the error's name (AbortError, ApiError). */
  outcomes: string[];
};

/** The real client's source, noting when each bulk call left (to check "nothing before X") and how it ended. */
export function timedSource(c: SbClient, now: () => number): TimedSource {
  const inner = sourceFromClient(c);
  const calls: number[] = [];
  const outcomes: string[] = [];
  return {
    calls,
    outcomes,
    async fetchBulk(batch: string[], signal: AbortSignal): Promise<BulkItem[]> {
      calls.push(now());
      try {
        const items = await inner.fetchBulk(batch, signal);
        outcomes.push('ok');
        return items;
      } catch (err) {
        outcomes.push(err instanceof Error ? err.name : typeof err);
        throw err;
      }
    },
    rateLimit: () => inner.rateLimit(),
  };
}

/** Gaps between consecutive entries. */
export function gaps(times: readonly number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]!);
}

/**
 * Waits for an event that real I/O brings (a reply, a client-side timeout). The limit is only a hang guard,
 * generous for a busy machine: what a test asserts never depends on how long this took.
 */
export async function waitFor(check: () => boolean, what: string, guardMs = 30_000): Promise<void> {
  const deadline = Date.now() + guardMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

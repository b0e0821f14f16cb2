// Small in-memory stand-ins for the transfer ports: the thing under test is the planning and submission logic.

import type { CreateResult } from '../../src/platform/bulk-create.js';
import type { ApiErrorBody, ExportJob, RateLimitInfo, StartExportBody } from '../../src/platform/types.js';
import { abortError } from '../../src/transfer/budget-wait.js';
import type { BulkCreatePort, Clock, FolderItem, FolderPort, FolderRef } from '../../src/transfer/ports.js';

export const T0 = 1_700_000_000_000;

/** Time moves only when someone sleeps; every sleep is recorded. */
export class FakeClock implements Clock {
  current = T0;
  sleeps: number[] = [];
  now(): number {
    return this.current;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw abortError(signal);
    this.sleeps.push(ms);
    this.current += ms;
  }
}

export interface FakeBulkOptions {
  /** A per-item refusal, decided by the request item. */
  refuse?: (item: StartExportBody) => ApiErrorBody | undefined;
  /** Throw this instead of answering call number `n` (1-based), once. */
  failCall?: { n: number; error: unknown };
  /** Before each call: lets a test abort or move the clock mid-run. */
  beforeCall?: (n: number) => void;
}

/** Bulk create on a job book: one job per accepted item, IDs in creation order; the reply is already matched. */
export class FakeBulk implements BulkCreatePort {
  calls: { items: StartExportBody[]; copyOnly: boolean }[] = [];
  created: ExportJob[] = [];
  private failed = false;
  constructor(private readonly opts: FakeBulkOptions = {}) {}

  async bulkCreate(
    items: StartExportBody[],
    opts: { copyOnly: boolean; signal?: AbortSignal },
  ): Promise<CreateResult[]> {
    const n = this.calls.length + 1;
    this.opts.beforeCall?.(n);
    if (opts.signal?.aborted) throw abortError(opts.signal);
    this.calls.push({ items: structuredClone(items), copyOnly: opts.copyOnly });
    if (this.opts.failCall?.n === n && !this.failed) {
      this.failed = true;
      throw this.opts.failCall.error;
    }
    return items.map((request, index): CreateResult => {
      const error = this.opts.refuse?.(request);
      if (error) return { index, request, error };
      const job: ExportJob = {
        id: `new-${this.created.length + 1}`,
        state: 'PENDING',
        source: { ...request.source },
        destination: { ...request.destination },
        overwrite: request.overwrite ?? false,
      };
      this.created.push(job);
      return { index, request, job };
    });
  }
}

/** A project tree: `children[parentKey]`, where the root's key is `project:<id>`. */
export class FakeFolders implements FolderPort {
  listed: string[] = [];
  constructor(
    private readonly children: Record<string, FolderItem[]>,
    private readonly onList?: (key: string) => void,
  ) {}

  async *listFolder(where: FolderRef, signal?: AbortSignal): AsyncIterable<FolderItem> {
    const key = where.project !== undefined ? `project:${where.project}` : where.parent;
    this.listed.push(key);
    this.onList?.(key);
    for (const item of this.children[key] ?? []) {
      if (signal?.aborted) throw abortError(signal);
      yield item;
    }
  }
}

export const file = (id: string, name: string, extra: Partial<FolderItem> = {}): FolderItem => ({
  id,
  name,
  type: 'file',
  size: 1000,
  storage: { type: 'PLATFORM' },
  ...extra,
});

export const folder = (id: string, name: string): FolderItem => ({ id, name, type: 'folder' });

export function failedJob(id: string, extra: Partial<ExportJob> = {}): ExportJob {
  return {
    id,
    state: 'FAILED',
    source: { file: `file-${id}` },
    destination: { volume: 'lab/vol', location: `runs/${id}.bam` },
    error: { status: 409, code: 9107, message: 'Location on volume already contains a file' },
    ...extra,
  };
}

export function body(i: number): StartExportBody {
  return { source: { file: `f${i}` }, destination: { volume: 'lab/vol', location: `out/f${i}` } };
}

export const rateLimit = (limit: number, remaining: number, resetAt: number): RateLimitInfo => ({
  limit,
  remaining,
  resetAt,
});

import { sanitizeSnippet } from '../platform/errors.js';
import { BULK_LIMIT } from '../platform/exports.js';
import type { ApiErrorBody, BulkItem } from '../platform/types.js';
import type { Snapshot } from '../store/types.js';
import { errorText } from '../values.js';
import { budgetLeft } from './budget.js';
import type { PollTarget } from './due.js';
import { sameSnapshot, snapshotFromItem } from './snapshots.js';
import type { PollSource } from './types.js';

export type ItemError = { id: string; error: ApiErrorBody };

/** What one cycle's bulk calls brought. */
export interface Fetched {
  changes: Map<string, Snapshot>;
  itemErrors: ItemError[];
  /** The error that ended the cycle early, if one did. */
  failure: unknown;
  /** Calls sent. */
  sent: number;
  /** Every due ID was asked (neither the budget nor a failure cut the cycle short). */
  complete: boolean;
  /** Jobs that had no snapshot and now have one. */
  learned: number;
}

export interface FetchContext {
  source: PollSource;
  target: PollTarget;
  now(): number;
  share: number;
  /** Called just before each call leaves, with its IDs. */
  sending(ids: readonly string[]): void;
  /** Called after each call, whatever its outcome. */
  replied(): void;
  /** A fetched ID is no longer an explicit extra. */
  fetched(id: string): void;
}

/**
 * Up to `allowed` bulk calls over `due` in order. Each reply brings fresh rate figures, and the cycle stops as
 * soon as they say the share is spent (other clients of this user may have used the window meanwhile).
 */
export async function fetchDue(
  ctx: FetchContext,
  due: readonly string[],
  allowed: number,
  signal: AbortSignal,
): Promise<Fetched> {
  const got: Fetched = {
    changes: new Map(),
    itemErrors: [],
    failure: undefined,
    sent: 0,
    complete: false,
    learned: 0,
  };
  let next = 0;
  while (next < due.length && got.sent < allowed) {
    if (got.sent > 0 && budgetLeft(ctx.source.rateLimit(), ctx.now(), ctx.share) < 1) break;
    const ids = due.slice(next, next + BULK_LIMIT);
    next += ids.length;
    ctx.sending(ids);
    got.sent++;
    let items: BulkItem[];
    try {
      items = await ctx.source.fetchBulk(ids, signal);
    } catch (err) {
      got.failure = err;
      break;
    } finally {
      ctx.replied();
    }
    if (signal.aborted) break;
    got.learned += collect(ctx, items, got);
  }
  got.complete = next >= due.length && got.failure === undefined && !signal.aborted;
  return got;
}

/** Returns how many jobs without a snapshot got one. */
function collect(ctx: FetchContext, items: BulkItem[], got: Fetched): number {
  const fetchedAt = new Date(ctx.now()).toISOString();
  let learned = 0;
  for (const item of items) {
    ctx.fetched(item.id);
    const previous = ctx.target.snapshot(item.id);
    const next = snapshotFromItem(item, fetchedAt, previous);
    if ('itemError' in next) {
      got.itemErrors.push({ id: item.id, error: next.itemError });
      continue;
    }
    if (previous === undefined) learned++;
    if (!sameSnapshot(previous, next)) got.changes.set(item.id, next);
  }
  return learned;
}

/** The flash for a cycle's item errors: the first one, and how many more. */
export function itemErrorFlash(itemErrors: readonly ItemError[]): string | undefined {
  const [first] = itemErrors;
  if (!first) return undefined;
  const more = itemErrors.length > 1 ? ` (+${itemErrors.length - 1} more)` : '';
  const status = first.error.status !== undefined ? `HTTP ${first.error.status}: ` : '';
  const message = `${first.id}: ${status}${errorText(first.error.message ?? 'error item')}`;
  return sanitizeSnippet(message, 80) + more;
}

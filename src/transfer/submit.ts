import type { CreateResult } from '../platform/bulk-create.js';
import { ApiError, isApiError } from '../platform/errors.js';
import { BULK_LIMIT, chunk } from '../platform/exports.js';
import type { StartExportBody } from '../platform/types.js';
import { errorText } from '../values.js';
import type { BudgetWait } from './budget-wait.js';
import type { BulkCreatePort } from './ports.js';

/** What became of one requested export: `index` is its place in the whole list given to submitInBatches. */
export type ItemResult = CreateResult;

export type StopReason = 'aborted' | 'auth' | 'maintenance' | 'rate-limited' | 'failed' | 'save-failed';

export interface SubmitStop {
  reason: StopReason;
  message: string;
  /**
   * The call that failed may have created jobs we never heard of (a timeout, a cut connection, a 5xx): the
   * caller should say so, because a re-run cannot know about those jobs from the watch list.
   */
  uncertain: boolean;
}

export interface SubmitProgress {
  submitted: number;
  total: number;
  calls: number;
}

export interface SubmitOptions {
  /** `copy_only=true` on every call; a move must be asked for explicitly. Default true. */
  copyOnly?: boolean;
  /** Waits until the next call fits the rate budget (budgetWaiter); none = no waiting. */
  budget?: BudgetWait;
  signal?: AbortSignal;
  /**
   * Called after each call with that call's results, and awaited before the next call: the caller saves the
   * new jobs to the watch list here, so a crash never loses a job that was created. A throw stops the run.
   */
  onBatch?: (results: ItemResult[], progress: SubmitProgress) => void | Promise<void>;
  /** How many 429s in a row one batch may meet before the run stops. Default 3. */
  maxRateLimited?: number;
  batchSize?: number;
}

export interface SubmitResult {
  /** Every item sent, in input order, with its job or its error. */
  results: ItemResult[];
  /** Items not sent (or whose call failed), in input order: start again with these. */
  remaining: StartExportBody[];
  calls: number;
  stopped?: SubmitStop;
  /** With an uncertain stop: the items of the call that failed (the head of `remaining`); see findCreated. */
  uncertainItems: StartExportBody[];
}

function isAbort(err: unknown, signal?: AbortSignal): boolean {
  return signal?.aborted === true || (err instanceof Error && err.name === 'AbortError');
}

/** `sent`: the failed call had left, so the platform may have acted on it before we stopped listening. */
function stopFor(err: unknown, signal: AbortSignal | undefined, sent: boolean): SubmitStop {
  if (isAbort(err, signal)) return { reason: 'aborted', message: 'Stopped', uncertain: sent };
  if (!isApiError(err)) return { reason: 'failed', message: errorText(err), uncertain: sent };
  const certain = err.kind === 'auth' || err.kind === 'forbidden' || err.kind === 'client';
  const reason: StopReason =
    err.kind === 'auth'
      ? 'auth'
      : err.kind === 'maintenance'
        ? 'maintenance'
        : err.kind === 'rate-limited'
          ? 'rate-limited'
          : 'failed';
  const refusedWhole = certain || reason === 'maintenance' || reason === 'rate-limited';
  return { reason, message: err.message, uncertain: !refusedWhole };
}

type CallOutcome = { ok: true; results: ItemResult[] } | { ok: false; stop: SubmitStop };

/** One batch, retried after a 429 (the platform refused it whole, so nothing was created). */
async function sendBatch(
  batch: StartExportBody[],
  firstIndex: number,
  port: BulkCreatePort,
  opts: SubmitOptions,
  countCall: () => void,
): Promise<CallOutcome> {
  const { budget, signal } = opts;
  let notBefore: number | undefined;
  for (let attempt = 0; ; attempt++) {
    let sent = false;
    try {
      await budget?.(1, { signal, notBefore });
      if (signal?.aborted) return { ok: false, stop: stopFor(undefined, signal, false) };
      countCall();
      sent = true;
      const reply = await port.bulkCreate(batch, { copyOnly: opts.copyOnly ?? true, signal });
      return { ok: true, results: reply.map((r) => ({ ...r, index: firstIndex + r.index })) };
    } catch (err) {
      const limited = err instanceof ApiError && err.kind === 'rate-limited';
      if (!limited || attempt + 1 >= (opts.maxRateLimited ?? 3) || budget === undefined) {
        return { ok: false, stop: stopFor(err, signal, sent) };
      }
      notBefore = err.retryAt;
    }
  }
}

/**
 * Starts exports with bulk create, BULK_LIMIT items a call, one call after another within the rate budget.
 * Never throws for the platform's sake: an abort, a 401, maintenance or any failed call ends the run cleanly
 * with what was done (`results`) and what was not (`remaining`); per-item refusals are results, not stops.
 */
export async function submitInBatches(
  items: readonly StartExportBody[],
  port: BulkCreatePort,
  opts: SubmitOptions = {},
): Promise<SubmitResult> {
  const size = Math.min(BULK_LIMIT, opts.batchSize ?? BULK_LIMIT);
  const batches = chunk(items, size);
  const results: ItemResult[] = [];
  let calls = 0;
  for (const [n, batch] of batches.entries()) {
    const firstIndex = n * size;
    const outcome = await sendBatch(batch, firstIndex, port, opts, () => calls++);
    const remaining = () => items.slice(results.length);
    if (!outcome.ok) {
      const uncertainItems = outcome.stop.uncertain ? batch : [];
      return { results, remaining: remaining(), calls, stopped: outcome.stop, uncertainItems };
    }
    results.push(...outcome.results);
    try {
      await opts.onBatch?.(outcome.results, { submitted: results.length, total: items.length, calls });
    } catch (err) {
      const stop: SubmitStop = { reason: 'save-failed', message: errorText(err), uncertain: false };
      return { results, remaining: remaining(), calls, stopped: stop, uncertainItems: [] };
    }
  }
  return { results, remaining: [], calls, uncertainItems: [] };
}

// What Enter or y in a prompt sets off: adding IDs, importing from the platform, starting a job again.
import { EXPORT_ID_PATTERN, parseIdInput, summarizeParse } from '../../ids.js';
import { EXPORT_STATES, type ExportJob, VOLUME_PATTERN } from '../../platform/types.js';
import type { Snapshot } from '../../store/types.js';
import { oneLine } from '../../text.js';
import { errorText } from '../../values.js';
import type { InputContext } from './context.js';

export function errorMessage(err: unknown): string {
  return oneLine(errorText(err));
}

function snapshotsOf(jobs: readonly ExportJob[], at: number): Map<string, Snapshot> {
  const fetchedAt = new Date(at).toISOString();
  return new Map(jobs.map((job) => [job.id, { status: 'ok' as const, job, fetchedAt }]));
}

/** '' (the one platform of a single-platform app) means: let the store choose. */
const endpointOpt = (endpoint: string | undefined) => (endpoint ? { endpoint } : {});

/**
 * Adds in input order, each ID on its platform: a URL's host, else the primary platform. One store call per
 * run of IDs on the same platform, each placed after the last.
 */
function addOnPlatforms(ctx: InputContext, ids: readonly string[], endpoints?: ReadonlyMap<string, string>) {
  const added: string[] = [];
  let after: string | undefined;
  for (let i = 0; i < ids.length; ) {
    const endpoint = endpoints?.get(ids[i]!) ?? ctx.primaryEndpoint;
    let j = i + 1;
    while (j < ids.length && (endpoints?.get(ids[j]!) ?? ctx.primaryEndpoint) === endpoint) j++;
    const run = ids.slice(i, j);
    const got = ctx.store.add(run, { ...(after ? { after } : {}), ...endpointOpt(endpoint) });
    added.push(...got.added);
    after = got.added.at(-1) ?? after;
    i = j;
  }
  return added;
}

export function addIds(ctx: InputContext, text: string): void {
  const parsed = parseIdInput(text, { watched: ctx.store, allowedHosts: ctx.allowedHosts });
  if (parsed.ids.length) {
    let added: string[];
    try {
      added = addOnPlatforms(ctx, parsed.ids, parsed.endpoints);
    } catch (err) {
      ctx.flash(`Could not save the watch list: ${errorMessage(err)}`, 'error');
      return;
    }
    ctx.poller.refreshNow(added);
    if (added[0]) ctx.dispatch({ type: 'select', id: added[0] });
  }
  ctx.flash(summarizeParse(parsed), parsed.invalid.length || !parsed.ids.length ? 'error' : 'info');
}

/** The import prompt's words: states, and at most one owner/volume. */
function importQuery(text: string): { states: string[]; volume?: string } {
  const states: string[] = [];
  let volume: string | undefined;
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const upper = word.toUpperCase();
    if ((EXPORT_STATES as readonly string[]).includes(upper)) states.push(upper);
    else volume = word;
  }
  return { states, volume };
}

export async function submitImport(ctx: InputContext, text: string): Promise<void> {
  const { states, volume } = importQuery(text);
  if (volume !== undefined && !VOLUME_PATTERN.test(volume)) {
    ctx.flash(
      `Not a volume: ${oneLine(volume)} (expected owner/volume, or a state: ${EXPORT_STATES.join(', ')})`,
      'error',
    );
    return;
  }
  const listJobs = ctx.services.listJobs;
  if (!listJobs) return;
  // Reading every page of a long list can take a while: Esc cancels it (nothing is changed then).
  const abort = new AbortController();
  ctx.busy.abort = abort;
  ctx.dispatch({
    type: 'modal',
    modal: { kind: 'busy', message: 'Importing from the platform…', cancellable: true },
  });
  try {
    const query = { volume, states: states.length ? states : undefined };
    const jobs = await listJobs(query, abort.signal, ctx.primaryEndpoint || undefined);
    if (abort.signal.aborted) return;
    // An ID this app cannot watch (not 32 letters and digits) is skipped, not fatal.
    const fresh = jobs.filter((j) => EXPORT_ID_PATTERN.test(j.id) && !ctx.store.has(j.id));
    const { added } = ctx.store.add(
      fresh.map((j) => j.id),
      { snapshots: snapshotsOf(fresh, ctx.now()), ...endpointOpt(ctx.primaryEndpoint) },
    );
    ctx.flash(
      `Found ${jobs.length} job${jobs.length === 1 ? '' : 's'} · added ${added.length} not yet watched`,
    );
  } catch (err) {
    if (abort.signal.aborted) return;
    ctx.flash(`Import failed: ${errorMessage(err)}`, 'error');
  } finally {
    ctx.busy.abort = undefined;
  }
  ctx.dispatch({ type: 'modal', modal: null });
}

export function removeJob(ctx: InputContext, id: string): void {
  const i = ctx.list.indexOf.get(id) ?? -1;
  const neighbour = ctx.list.ids[i + 1] ?? ctx.list.ids[i - 1];
  try {
    ctx.store.remove([id]);
  } catch (err) {
    ctx.flash(`Could not save the watch list: ${errorMessage(err)}`, 'error');
    return;
  }
  ctx.dispatch({ type: 'select', id: neighbour });
  ctx.dispatch({ type: 'unmark', ids: [id] });
  if (ctx.ui().view === 'detail') ctx.dispatch({ type: 'view', view: 'table' });
  ctx.flash(`Stopped watching ${id} (the job itself is untouched)`);
}

// Which jobs `wait` waits for, and on which platform each is asked about.
import { parseIdInput } from '../ids.js';
import type { Session } from '../session.js';
import { endpointsOf, gatherIdText, sessionHosts, someIds } from './id-args.js';
import { type CommandIo, EXIT, line } from './io.js';
import type { PollGroup } from './wait-poll.js';

export interface WaitPlan {
  /** In the order given (or the watch list's). */
  selected: string[];
  /** IDs given that are not watched yet, by the endpoint they will be watched on. */
  unwatched: Map<string, string[]>;
  /** Every selected job's endpoint. */
  endpoints: Map<string, string>;
}

function fromArguments(session: Session, text: string, io: CommandIo): WaitPlan | number {
  const { store, platforms } = session;
  const parsed = parseIdInput(text, { watched: store, allowedHosts: sessionHosts(session) });
  for (const bad of parsed.invalid) line(io.stderr, `invalid: ${bad.input}: ${bad.reason}`);
  if (parsed.invalid.length > 0) {
    line(io.stderr, 'wait: not started; fix the invalid IDs above.');
    return EXIT.usage;
  }
  const endpoints = new Map<string, string>();
  for (const id of parsed.alreadyWatched) endpoints.set(id, platforms.endpointOf(store.entry(id) ?? {}));
  const unwatched = endpointsOf(session, parsed);
  for (const [endpoint, ids] of unwatched) for (const id of ids) endpoints.set(id, endpoint);
  const given = [...parsed.alreadyWatched, ...parsed.ids];
  if (given.length === 0) {
    line(io.stderr, 'wait: no export job IDs in the input (it was empty).');
    return EXIT.usage;
  }
  // Under --profile / --endpoint, a job of another platform is not this run's to ask about.
  const only = platforms.narrowedEndpoint();
  const away = new Set(given.filter((id) => only !== undefined && endpoints.get(id) !== only));
  if (away.size > 0) {
    const on = platforms.shortName(only!);
    line(io.stderr, `wait: not on ${on}, left out: ${someIds([...away])}`);
  }
  const selected = given.filter((id) => !away.has(id));
  for (const [endpoint, ids] of unwatched) {
    const kept = ids.filter((id) => !away.has(id));
    if (kept.length > 0) unwatched.set(endpoint, kept);
    else unwatched.delete(endpoint);
  }
  return { selected, unwatched, endpoints };
}

/** The plan, or the exit code when there is nothing to do. */
export async function selectJobs(session: Session, ids: string[], io: CommandIo): Promise<WaitPlan | number> {
  const { store, platforms } = session;
  let plan: WaitPlan | number;
  if (ids.length > 0) {
    plan = fromArguments(session, await gatherIdText(ids, io), io);
  } else {
    const entries = store.entries().filter((e) => platforms.inScope(e));
    plan = {
      selected: entries.map((e) => e.id),
      unwatched: new Map(),
      endpoints: new Map(entries.map((e) => [e.id, platforms.endpointOf(e)])),
    };
  }
  if (typeof plan === 'number' || plan.selected.length > 0) return plan;
  const only = platforms.narrowedEndpoint();
  const where = only !== undefined && store.size > 0 ? ` on ${platforms.shortName(only)}` : '';
  line(io.stdout, `No jobs watched${where}: nothing to wait for.`);
  return EXIT.ok;
}

/**
 * The open jobs by platform; those of a platform without credentials here apart (job → its short name).
 * Throws CredentialsError (with help) when there are no credentials at all.
 */
export function groupByPlatform(
  session: Session,
  plan: WaitPlan,
  isOpen: (id: string) => boolean,
): { groups: PollGroup[]; noToken: Map<string, string> } {
  const { platforms } = session;
  if (platforms.all().length === 0) platforms.primary();
  const byEndpoint = new Map<string, PollGroup>();
  const noToken = new Map<string, string>();
  for (const id of plan.selected) {
    if (!isOpen(id)) continue;
    const endpoint = plan.endpoints.get(id) ?? platforms.defaultEndpoint;
    const platform = platforms.get(endpoint);
    if (!platform) {
      noToken.set(id, platforms.shortName(endpoint));
      continue;
    }
    const group = byEndpoint.get(endpoint);
    if (group) (group.ids as string[]).push(id);
    else byEndpoint.set(endpoint, { platform, ids: [id] });
  }
  return { groups: [...byEndpoint.values()], noToken };
}

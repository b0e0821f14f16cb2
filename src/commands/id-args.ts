// The ID arguments of add / remove / wait: words on the command line, plus standard input when one of
// them is `-`. Both end up as one text for parseIdInput, which splits on any separator.
import { StringDecoder } from 'node:string_decoder';
import type { IdParseResult } from '../ids.js';
import type { Session } from '../session.js';
import type { Snapshot } from '../store/types.js';
import type { CommandIo } from './io.js';

export const STDIN_ARG = '-';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const decoder = new StringDecoder('utf8');
  let text = '';
  for await (const chunk of stream)
    text += typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
  return text + decoder.end();
}

/** The arguments as one text, standard input included when `-` is among them (read once, to its end). */
export async function gatherIdText(args: readonly string[], io: CommandIo): Promise<string> {
  const words = args.filter((a) => a !== STDIN_ARG);
  if (words.length === args.length) return words.join('\n');
  return [...words, await readAll(io.stdin)].join('\n');
}

/**
 * Hosts whose export URLs are accepted besides the public platforms': those of every platform with credentials
 * here, narrowed or not (the demo simulators, a private deployment). Without credentials there is none, and adding must still
 * work offline.
 */
export function sessionHosts(session: Session): ReadonlySet<string> | undefined {
  const hosts = session.platforms.known().map((p) => new URL(p.endpoint).host);
  return hosts.length > 0 ? new Set(hosts) : undefined;
}

/** Each new ID's platform: an export URL's own, else where this command puts bare IDs (--profile P: P's). */
export function endpointsOf(session: Session, parsed: IdParseResult): Map<string, string[]> {
  const bare = session.platforms.addEndpoint();
  const by = new Map<string, string[]>();
  for (const id of parsed.ids) {
    const endpoint = parsed.endpoints?.get(id) ?? bare;
    const ids = by.get(endpoint);
    if (ids) ids.push(id);
    else by.set(endpoint, [id]);
  }
  return by;
}

/** Start watching, one store call (one write) per platform; snapshots (an import) go with their IDs. */
export function addOnPlatforms(
  session: Session,
  byEndpoint: ReadonlyMap<string, readonly string[]>,
  snapshots?: ReadonlyMap<string, Snapshot>,
): string[] {
  const added: string[] = [];
  for (const [endpoint, ids] of byEndpoint)
    added.push(...session.store.add(ids, { endpoint, snapshots }).added);
  return added;
}

/** `a b c … +N more`: a list short enough for one line of output. */
export function someIds(ids: readonly string[], max = 10): string {
  const shown = ids.slice(0, max).join(' ');
  return ids.length > max ? `${shown} … +${ids.length - max} more` : shown;
}

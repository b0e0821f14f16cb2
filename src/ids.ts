// Parsing what a user types or pastes into the add prompt or gives to `sbexport-tui add`: bare export job
// IDs and full export hrefs, many at once. Nothing malformed may reach the watch list, and every rejected
// token gets a reason precise enough to fix it.

import { isLoopbackHost, resolveEndpoint } from './platform/endpoints.js';
import { safeText } from './text.js';

/** Seven Bridges export job IDs: 32 ASCII letters and digits. */
export const EXPORT_ID_PATTERN = /^[A-Za-z0-9]{32}$/;

const PLATFORM_SHORT_NAMES = ['bdc', 'sbg-us', 'sbg-eu', 'sbg-cn', 'cgc', 'cavatica'] as const;

let knownHosts: ReadonlySet<string> | undefined;

/** API hosts of the public platforms, taken from the endpoint table so the two never disagree. */
export function knownApiHosts(): ReadonlySet<string> {
  knownHosts ??= new Set(PLATFORM_SHORT_NAMES.map((name) => new URL(resolveEndpoint(name)).host));
  return knownHosts;
}

export interface InvalidInput {
  /** The offending token, safe to print and cut to about 40 characters. */
  input: string;
  reason: string;
}

export interface IdParseResult {
  /** New, valid IDs, each once, in input order. */
  ids: string[];
  alreadyWatched: string[];
  /** IDs given more than once in this input (each listed once). */
  repeated: string[];
  invalid: InvalidInput[];
  /**
   * The platform of each ID given as an export URL (its API base: `https://host/v2`, normalised); absent when
   * none was. A bare ID's platform is the command's to choose. The first URL of an ID given twice wins.
   */
  endpoints?: Map<string, string>;
}

export interface IdParseOptions {
  /** IDs already watched: a Set, or the WatchStore itself (anything with an O(1) `has`). */
  watched: { has(id: string): boolean };
  /** Extra hosts whose export hrefs are accepted (`host` or `host:port`): the current endpoint's, the demo's. */
  allowedHosts?: ReadonlySet<string>;
}

// Paste separators. \s covers tabs, CR/LF and Unicode spaces (a no-break space from a web page).
const SEPARATORS = /[\s,;]+/u;
const URL_LIKE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const EXPORT_PATH = /^\/v2\/storage\/exports\/([^/]*)\/?$/;
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;
const ALNUM = /^[A-Za-z0-9]*$/;
const SHOWN_CHARS = 40;

/** Cut for display without splitting a surrogate pair, then neutralise. */
function shown(token: string): string {
  // Enough code units for SHOWN_CHARS + 1 characters even if every one is a surrogate pair.
  const head = Array.from(token.slice(0, SHOWN_CHARS * 2 + 2));
  const cut = head.length > SHOWN_CHARS ? `${head.slice(0, SHOWN_CHARS - 1).join('')}…` : head.join('');
  return safeText(cut);
}

function bareIdProblem(token: string): string | undefined {
  if (EXPORT_ID_PATTERN.test(token)) return undefined;
  if (CONTROL.test(token)) return 'control characters';
  if (!ALNUM.test(token)) return 'invalid characters (only letters A–Z, a–z and digits 0–9)';
  return `wrong length (${token.length} chars, expected 32)`;
}

type TokenResult = { id: string; endpoint?: string } | { reason: string };

function parseUrl(token: string, allowedHosts: ReadonlySet<string> | undefined): TokenResult {
  if (CONTROL.test(token)) return { reason: 'control characters' };
  let url: URL;
  try {
    url = new URL(token);
  } catch {
    return { reason: 'not a valid URL' };
  }
  const allowed =
    allowedHosts !== undefined && (allowedHosts.has(url.host) || allowedHosts.has(url.hostname));
  // Plain http only where the app itself talks plain http: the demo simulator on loopback.
  const httpOk = allowed && isLoopbackHost(url.hostname);
  if (!allowed && !knownApiHosts().has(url.host)) return { reason: `unknown host ${shown(url.host)}` };
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && httpOk)) {
    return { reason: `not an export job URL (${shown(url.protocol)} is not https)` };
  }
  const match = EXPORT_PATH.exec(url.pathname);
  if (!match) return { reason: 'not an export job URL (expected …/v2/storage/exports/<id>)' };
  const id = match[1] ?? '';
  const problem = bareIdProblem(id);
  // EXPORT_PATH pins the API base to /v2; URL has already lower-cased the scheme and host, dropped a default port.
  return problem ? { reason: `ID in URL: ${problem}` } : { id, endpoint: `${url.protocol}//${url.host}/v2` };
}

/**
 * Split input into export job IDs. Linear in the input size (a paste of 10,000 IDs is one call).
 * Empty or whitespace-only input gives an all-empty result.
 */
export function parseIdInput(text: string, opts: IdParseOptions): IdParseResult {
  const result: IdParseResult = { ids: [], alreadyWatched: [], repeated: [], invalid: [] };
  const seen = new Set<string>();
  const repeated = new Set<string>();
  const seenInvalid = new Set<string>();
  for (const token of text.split(SEPARATORS)) {
    if (token === '') continue;
    let parsed: TokenResult;
    if (URL_LIKE.test(token)) {
      parsed = parseUrl(token, opts.allowedHosts);
    } else {
      const problem = bareIdProblem(token);
      parsed = problem ? { reason: problem } : { id: token };
    }
    if ('reason' in parsed) {
      if (seenInvalid.has(token)) continue;
      seenInvalid.add(token);
      result.invalid.push({ input: shown(token), reason: parsed.reason });
      continue;
    }
    const { id } = parsed;
    if (parsed.endpoint !== undefined && !result.endpoints?.has(id)) {
      result.endpoints ??= new Map();
      result.endpoints.set(id, parsed.endpoint);
    }
    if (seen.has(id)) {
      if (!repeated.has(id)) {
        repeated.add(id);
        result.repeated.push(id);
      }
      continue;
    }
    seen.add(id);
    if (opts.watched.has(id)) result.alreadyWatched.push(id);
    else result.ids.push(id);
  }
  return result;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * One line for the flash line or the CLI, e.g. `Added 3 · 1 already watched · 2 invalid: abc: wrong length…`.
 * `preview`: said before anything is saved (the add prompt's live count), so `3 new`, not `Added 3`.
 */
export function summarizeParse(result: IdParseResult, opts: { preview?: boolean } = {}): string {
  const { ids, alreadyWatched, repeated, invalid } = result;
  if (ids.length + alreadyWatched.length + repeated.length + invalid.length === 0) return 'Nothing to add';
  const head = opts.preview ? `${ids.length} new` : ids.length > 0 ? `Added ${ids.length}` : 'Nothing added';
  const parts = [head];
  if (alreadyWatched.length > 0) parts.push(`${alreadyWatched.length} already watched`);
  if (repeated.length > 0) parts.push(`${plural(repeated.length, 'ID', 'IDs')} given twice`);
  const [first] = invalid;
  if (first) {
    const more = invalid.length > 1 ? `, +${invalid.length - 1} more` : '';
    parts.push(`${invalid.length} invalid: ${first.input}: ${first.reason}${more}`);
  }
  return parts.join(' · ');
}

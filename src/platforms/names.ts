// A stand-in for src/platform/endpoints.ts's normalizeEndpoint and platformShortName (being written there in
// parallel, to the shared data model): once they land, this file re-exports them and goes.
import { PLATFORMS } from '../platform/endpoints.js';

/** `https://CGC-API.sbgenomics.com:443/v2/` → `https://cgc-api.sbgenomics.com/v2`: one spelling per platform. */
export function normalizeEndpoint(url: string): string {
  const u = new URL(url.trim());
  // URL already lower-cases scheme and host and drops a default port.
  const path = u.pathname.replace(/\/+$/, '') || '/v2';
  return `${u.protocol}//${u.host}${path}`;
}

// The canonical short name of each public platform (the first alias of its URL in PLATFORMS is not always it).
const SHORT_NAMES = ['bdc', 'cgc', 'cavatica', 'sbg-us', 'sbg-eu', 'sbg-cn'] as const;
const BY_ENDPOINT: ReadonlyMap<string, string> = new Map(
  SHORT_NAMES.map((name) => [PLATFORMS[name] as string, name]),
);

/**
 * `bdc`, `cgc`, … for the public platforms; else the name of a profile with that endpoint; else host:port.
 * `profiles`: profile name → its (normalised) endpoint.
 */
export function platformShortName(endpoint: string, profiles?: ReadonlyMap<string, string>): string {
  const normal = safeNormal(endpoint);
  const known = BY_ENDPOINT.get(normal);
  if (known) return known;
  for (const [name, ep] of profiles ?? []) if (ep === normal) return name;
  try {
    return new URL(normal).host;
  } catch {
    return normal;
  }
}

// A watch list names a handful of endpoints, asked about once per job (the poller's views, the platform
// column): parse each once. Bounded, since anything a user types passes through here too.
const normals = new Map<string, string>();
const MAX_NORMALS = 256;

/** normalizeEndpoint, or the text itself when it is not a URL. */
export function safeNormal(endpoint: string): string {
  const known = normals.get(endpoint);
  if (known !== undefined) return known;
  let normal: string;
  try {
    normal = normalizeEndpoint(endpoint);
  } catch {
    normal = endpoint;
  }
  if (normals.size < MAX_NORMALS) normals.set(endpoint, normal);
  return normal;
}

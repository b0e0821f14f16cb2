export const BDC_URL = 'https://api.sb.biodatacatalyst.nhlbi.nih.gov/v2';
const SBG_US_URL = 'https://api.sbgenomics.com/v2';
const SBG_EU_URL = 'https://eu-api.sbgenomics.com/v2';
const SBG_CN_URL = 'https://api.sevenbridges.cn/v2';
const CGC_URL = 'https://cgc-api.sbgenomics.com/v2';
const CAVATICA_URL = 'https://cavatica-api.sbgenomics.com/v2';

export const DEFAULT_ENDPOINT = BDC_URL;

/** Short names the SB SDKs and tools use, mapped to base URLs. */
export const PLATFORMS: Readonly<Record<string, string>> = {
  bdc: BDC_URL,
  f4c: BDC_URL,
  nhlbi: BDC_URL,
  'sbg-us': SBG_US_URL,
  'aws-us': SBG_US_URL,
  'sbg-eu': SBG_EU_URL,
  'aws-eu': SBG_EU_URL,
  'sbg-cn': SBG_CN_URL,
  'sbg-china': SBG_CN_URL,
  'ali-cn': SBG_CN_URL,
  cgc: CGC_URL,
  cavatica: CAVATICA_URL,
};

const LABELS: Readonly<Record<string, string>> = {
  [BDC_URL]: 'BioData Catalyst',
  [SBG_US_URL]: 'Seven Bridges US',
  [SBG_EU_URL]: 'Seven Bridges EU',
  [SBG_CN_URL]: 'Seven Bridges China',
  [CGC_URL]: 'CGC',
  [CAVATICA_URL]: 'CAVATICA',
};

/** A bad --endpoint / SB_API_ENDPOINT / api_endpoint value: a usage error (exit 2), not an API failure. */
export class EndpointError extends Error {
  override readonly name = 'EndpointError';
}

const SHORT_NAMES_HINT = `one of ${Object.keys(PLATFORMS).join(', ')} or an https:// URL`;

/** Short name or URL → base URL without a trailing slash (/v2 added to a bare host). Throws EndpointError. */
export function resolveEndpoint(input: string): string {
  const trimmed = input.trim();
  if (trimmed === '') throw new EndpointError(`The endpoint is empty: use ${SHORT_NAMES_HINT}`);
  const short = PLATFORMS[trimmed.toLowerCase()];
  if (short) return short;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new EndpointError(`Unknown endpoint "${printable(trimmed)}": use ${SHORT_NAMES_HINT}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new EndpointError(
      `Unsupported endpoint scheme "${printable(url.protocol)}": use ${SHORT_NAMES_HINT}`,
    );
  }
  if (url.username || url.password) {
    throw new EndpointError('The endpoint URL must not contain a user name or password');
  }
  if (url.search || url.hash) {
    throw new EndpointError('The endpoint URL must not contain a query (?…) or fragment (#…)');
  }
  // A bare host ("https://api.sbgenomics.com") means the API root, which lives under /v2 on every platform.
  const path = url.pathname.replace(/\/+$/, '') || '/v2';
  return `${url.protocol}//${url.host}${path}`;
}

/**
 * The platform's API base URL in the one form every stored entry uses: lower-case scheme and host, the port only
 * when not the default, the path up to and including `/v2`, no trailing slash, no query. Takes a short name
 * (`cgc`), a base URL, a bare host (`/v2` is added) or any API URL under it, e.g. a job's
 * `https://api.sb.biodatacatalyst.nhlbi.nih.gov/v2/storage/exports/<id>`. Throws EndpointError.
 */
export function normalizeEndpoint(input: string): string {
  const trimmed = input.trim();
  let withoutQuery = trimmed;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    try {
      const url = new URL(trimmed);
      url.search = '';
      url.hash = '';
      withoutQuery = url.href;
    } catch {
      // resolveEndpoint below says what is wrong with it.
    }
  }
  const resolved = resolveEndpoint(withoutQuery);
  const url = new URL(resolved);
  const v2 = /^(.*?\/v2)(?:\/|$)/i.exec(url.pathname);
  const path = v2 ? `${v2[1]!.slice(0, -3)}/v2` : url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

const SHORT_NAMES: Readonly<Record<string, string>> = {
  [BDC_URL]: 'bdc',
  [SBG_US_URL]: 'sbg-us',
  [SBG_EU_URL]: 'sbg-eu',
  [SBG_CN_URL]: 'sbg-cn',
  [CGC_URL]: 'cgc',
  [CAVATICA_URL]: 'cavatica',
};

/** Profiles as a list of {name, endpoint} or a name → endpoint record. */
export type ProfileEndpoints =
  | Iterable<{ name: string; endpoint: string }>
  | Readonly<Record<string, string | undefined>>;

function profileEntries(profiles: ProfileEndpoints): [string, string][] {
  if (Symbol.iterator in profiles) {
    return [...(profiles as Iterable<{ name: string; endpoint: string }>)].map((p) => [p.name, p.endpoint]);
  }
  return Object.entries(profiles).filter((e): e is [string, string] => typeof e[1] === 'string');
}

function tryNormalize(endpoint: string): string | undefined {
  try {
    return normalizeEndpoint(endpoint);
  } catch {
    return undefined;
  }
}

/**
 * The PLATFORM column's name: `bdc`, `cgc`, `cavatica`, `sbg-us`, `sbg-eu`, `sbg-cn` for the known platforms,
 * else the name of the first profile with that endpoint, else host[:port].
 */
export function platformShortName(endpoint: string, profiles?: ProfileEndpoints): string {
  const normal = tryNormalize(endpoint);
  if (normal === undefined) return printable(endpoint).slice(0, 40);
  const known = SHORT_NAMES[normal];
  if (known) return known;
  for (const [name, profileEndpoint] of profileEntries(profiles ?? [])) {
    if (tryNormalize(profileEndpoint) === normal) return printable(name);
  }
  return new URL(normal).host;
}

/** True for 127.0.0.0/8, ::1 and localhost: the only hosts plain http is allowed to (tests, --demo). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The SB SDKs refuse plain http: so do we, except for loopback. Throws EndpointError. */
export function assertSafeEndpoint(endpoint: string): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new EndpointError(`Not a URL: "${printable(endpoint)}"`);
  }
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
  if (url.protocol === 'http:') {
    throw new EndpointError(
      `Refusing plain http:// endpoint ${url.host}: the token would travel unencrypted. Use https:// (http is only allowed for 127.0.0.1, ::1 and localhost).`,
    );
  }
  throw new EndpointError(`Unsupported endpoint scheme "${printable(url.protocol)}": use https://`);
}

/** Human name for the header: "BioData Catalyst", "CGC", … or host[:port] for anything else. */
export function platformLabel(endpoint: string): string {
  const known = LABELS[endpoint.replace(/\/+$/, '')];
  if (known) return known;
  try {
    return new URL(endpoint).host;
  } catch {
    return printable(endpoint).slice(0, 60);
  }
}

function printable(text: string): string {
  return text.replace(/[\x00-\x1f\x7f-\x9f]/g, '?').slice(0, 100);
}

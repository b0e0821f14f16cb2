// Turning credentials into platforms: endpoints normalised, short names, first source per endpoint, narrowing.
import { type Credentials, CredentialsError, resolveCredentials } from '../credentials.js';
import { assertSafeEndpoint, DEFAULT_ENDPOINT, resolveEndpoint } from '../platform/endpoints.js';
import { errorText } from '../values.js';
import { normalizeEndpoint, platformShortName } from './names.js';
import type { PlatformCredentials, PlatformsOptions, Source } from './types.js';

const EXPORT_HREF = /\/storage\/exports\/[^/]*\/?$/;

/** The platform of an export href: `https://host/v2/storage/exports/<id>` → `https://host/v2`. */
export function endpointOfHref(href: string): string | undefined {
  try {
    const url = new URL(href);
    if (!EXPORT_HREF.test(url.pathname)) return undefined;
    return normalizeEndpoint(`${url.protocol}//${url.host}${url.pathname.replace(EXPORT_HREF, '')}`);
  } catch {
    return undefined;
  }
}

/** What a run without --profile / --endpoint resolves to (the environment, else [default]); never throws. */
export function defaultEndpointOf(opts: Pick<PlatformsOptions, 'env' | 'home'>): string {
  try {
    return normalizeEndpoint(resolveCredentials({ env: opts.env, home: opts.home }).endpoint);
  } catch {
    // No usable credentials: the SDKs' own default, or the environment's endpoint without its token.
    try {
      const raw = opts.env.SB_API_ENDPOINT?.trim();
      return normalizeEndpoint(resolveEndpoint(raw ? raw : DEFAULT_ENDPOINT));
    } catch {
      return normalizeEndpoint(DEFAULT_ENDPOINT);
    }
  }
}

export function checkedEndpoint(value: string): string {
  try {
    const endpoint = resolveEndpoint(value);
    assertSafeEndpoint(endpoint);
    return normalizeEndpoint(endpoint);
  } catch (err) {
    throw new CredentialsError(`--endpoint: ${errorText(err)}`);
  }
}

/** First source wins per endpoint: the order is the SDK's. */
export function dedupe(list: readonly PlatformCredentials[]): PlatformCredentials[] {
  const seen = new Set<string>();
  return list.filter((p) => !seen.has(p.endpoint) && seen.add(p.endpoint) !== undefined);
}

export function named(creds: readonly Credentials[]): PlatformCredentials[] {
  const normal = creds.map((c) => ({ ...c, endpoint: normalizeEndpoint(c.endpoint) }));
  const profiles = new Map<string, string>();
  for (const c of normal) if (c.profile !== undefined) profiles.set(c.profile, c.endpoint);
  return normal.map((c) => ({ ...c, shortName: platformShortName(c.endpoint, profiles) }));
}

/**
 * --profile resolves as it always has (that profile's token, --endpoint overriding its URL). --endpoint alone
 * takes the token of the first source on that platform, else today's resolution (SB_AUTH_TOKEN or [default]).
 */
export function narrowTo(opts: PlatformsOptions, enumerate: Source): PlatformCredentials {
  if (opts.profile === undefined && opts.endpoint !== undefined) {
    let wanted: string | undefined;
    try {
      wanted = normalizeEndpoint(resolveEndpoint(opts.endpoint));
    } catch {
      // resolveCredentials below reports the bad value the way it always has.
    }
    const hit = safeList(enumerate).find((p) => p.endpoint === wanted);
    if (hit) return hit;
  }
  const [resolved] = named([resolveCredentials(opts)]);
  return resolved!;
}

function safeList(enumerate: Source): PlatformCredentials[] {
  try {
    return enumerate();
  } catch {
    return [];
  }
}

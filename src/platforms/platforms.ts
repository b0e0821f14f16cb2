// The platforms in use: every endpoint this machine has credentials for (or the one a --profile / --endpoint
// narrows to), one SbClient each, and which of them a watched job belongs to. A job is only ever asked about
// on its own platform: forJob() never hands out another platform's client.
import { allCredentials, type Credentials, CredentialsError, resolveCredentials } from '../credentials.js';
import { SbClient } from '../platform/client.js';
import { DEFAULT_ENDPOINT, platformLabel, resolveEndpoint } from '../platform/endpoints.js';
import { normalizeEndpoint, platformShortName } from './names.js';

export interface PlatformCredentials {
  /** Normalised API base URL: `https://cgc-api.sbgenomics.com/v2`. */
  endpoint: string;
  token: string;
  /** For people: `SB_AUTH_TOKEN`, `profile "cgc" (~/.sevenbridges/credentials)`, `demo`. Never the token. */
  source: string;
  profile?: string;
  /** `bdc`, `cgc`, …, else a profile name, else host:port. */
  shortName: string;
}

export interface Platform extends PlatformCredentials {
  /** `CGC (cgc-api.sbgenomics.com)`. */
  readonly label: string;
  /** Made on first use, closed by Platforms.close(). */
  readonly client: SbClient;
}

/** What a job needs to say where it lives: a WatchEntry (its `endpoint`, else its snapshot's href). */
export interface JobRef {
  readonly endpoint?: string;
  readonly snapshot?: { readonly job?: { readonly href?: string } };
}

export interface PlatformsOptions {
  /** --profile NAME */
  profile?: string;
  /** --endpoint URL|name */
  endpoint?: string;
  env: NodeJS.ProcessEnv;
  home?: string;
  warn?: (message: string) => void;
}

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

type Source = () => PlatformCredentials[];

export class Platforms {
  readonly defaultEndpoint: string;
  readonly #source: Source;
  readonly #narrow: (() => PlatformCredentials) | undefined;
  #all: Platform[] | undefined;
  #narrowed: Platform | undefined;
  readonly #clients = new Map<string, SbClient>();

  private constructor(defaultEndpoint: string, source: Source, narrow?: () => PlatformCredentials) {
    this.defaultEndpoint = normalizeEndpoint(defaultEndpoint);
    this.#source = source;
    this.#narrow = narrow;
  }

  /** The credentials of this machine (nothing is read until a platform is asked for). */
  static fromCredentials(opts: PlatformsOptions): Platforms {
    const enumerate = (): PlatformCredentials[] => named(allCredentials(opts));
    const narrowing = opts.profile !== undefined || opts.endpoint !== undefined;
    return new Platforms(
      defaultEndpointOf(opts),
      enumerate,
      narrowing ? () => narrowTo(opts, enumerate) : undefined,
    );
  }

  /** Given platforms (the demo, tests); `narrowTo`: the endpoint or short name of one of them. */
  static fromList(list: readonly PlatformCredentials[], opts: { narrowTo?: string } = {}): Platforms {
    const copy = list.map((p) => ({ ...p, endpoint: normalizeEndpoint(p.endpoint) }));
    const first = copy[0]?.endpoint ?? DEFAULT_ENDPOINT;
    const pick = opts.narrowTo;
    const narrow =
      pick === undefined
        ? undefined
        : () => {
            const hit = copy.find((p) => p.shortName === pick || p.endpoint === safeNormal(pick));
            if (!hit)
              throw new CredentialsError(
                `No platform "${pick}" here: ${copy.map((p) => p.shortName).join(', ')}.`,
              );
            return hit;
          };
    return new Platforms(first, () => copy, narrow);
  }

  /** Under --profile / --endpoint: the one platform every command is limited to. Throws CredentialsError. */
  get narrowed(): Platform | undefined {
    if (!this.#narrow) return undefined;
    this.#narrowed ??= this.#platform(this.#narrow());
    return this.#narrowed;
  }

  /** Every platform with credentials here, first source first; just the narrowed one under narrowing. */
  all(): readonly Platform[] {
    if (this.#narrow) return [this.narrowed!];
    this.#all ??= dedupe(this.#source()).map((p) => this.#platform(p));
    return this.#all;
  }

  get(endpoint: string): Platform | undefined {
    const normal = safeNormal(endpoint);
    return this.all().find((p) => p.endpoint === normal);
  }

  /** The endpoint a job lives on: its own, else its snapshot's href host, else the default platform. */
  endpointOf(job: JobRef): string {
    if (job.endpoint) return safeNormal(job.endpoint);
    const href = job.snapshot?.job?.href;
    return (href && endpointOfHref(href)) || this.defaultEndpoint;
  }

  /** False for a job of another platform than the narrowed one. */
  inScope(job: JobRef): boolean {
    const only = this.narrowed;
    return !only || only.endpoint === this.endpointOf(job);
  }

  /** The platform to ask about this job; undefined when there is no token for it here (or it is out of scope). */
  forJob(job: JobRef): Platform | undefined {
    return this.inScope(job) ? this.get(this.endpointOf(job)) : undefined;
  }

  /** Where bare IDs go: the narrowed platform, else the default one. */
  addEndpoint(): string {
    return this.narrowed?.endpoint ?? this.defaultEndpoint;
  }

  shortName(endpoint: string): string {
    const normal = safeNormal(endpoint);
    const known = this.#knownPlatforms().find((p) => p.endpoint === normal);
    return known?.shortName ?? platformShortName(normal);
  }

  /** True if `name` (short name or URL) names this endpoint. */
  matches(endpoint: string, name: string): boolean {
    if (this.shortName(endpoint).toLowerCase() === name.trim().toLowerCase()) return true;
    try {
      return normalizeEndpoint(resolveEndpoint(name)) === safeNormal(endpoint);
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    const clients = [...this.#clients.values()];
    this.#clients.clear();
    await Promise.allSettled(clients.map((c) => c.close()));
  }

  // Known without throwing: what was already resolved, else nothing (a short name never needs a token).
  #knownPlatforms(): readonly Platform[] {
    try {
      return this.all();
    } catch {
      return [];
    }
  }

  #platform(p: PlatformCredentials): Platform {
    const clients = this.#clients;
    return {
      ...p,
      label: `${platformLabel(p.endpoint)} (${new URL(p.endpoint).host})`,
      get client(): SbClient {
        let client = clients.get(p.endpoint);
        if (!client) {
          client = new SbClient({ endpoint: p.endpoint, token: p.token });
          clients.set(p.endpoint, client);
        }
        return client;
      },
    };
  }
}

function safeNormal(endpoint: string): string {
  try {
    return normalizeEndpoint(endpoint);
  } catch {
    return endpoint;
  }
}

/** First source wins per endpoint: the order is the SDK's. */
function dedupe(list: readonly PlatformCredentials[]): PlatformCredentials[] {
  const seen = new Set<string>();
  return list.filter((p) => !seen.has(p.endpoint) && seen.add(p.endpoint) !== undefined);
}

function named(creds: readonly Credentials[]): PlatformCredentials[] {
  const normal = creds.map((c) => ({ ...c, endpoint: normalizeEndpoint(c.endpoint) }));
  const profiles = new Map<string, string>();
  for (const c of normal) if (c.profile !== undefined) profiles.set(c.profile, c.endpoint);
  return normal.map((c) => ({ ...c, shortName: platformShortName(c.endpoint, profiles) }));
}

/**
 * --profile resolves as it always has (that profile's token, --endpoint overriding its URL). --endpoint alone
 * takes the token of the first source on that platform, else today's resolution (SB_AUTH_TOKEN or [default]).
 */
function narrowTo(opts: PlatformsOptions, enumerate: Source): PlatformCredentials {
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

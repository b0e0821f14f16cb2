// The platforms in use: every endpoint this machine has credentials for (or the one a --profile / --endpoint
// narrows to), one SbClient each, and which of them a watched job belongs to. A job is only ever asked about
// on its own platform: forJob() never hands out another platform's client.
import { allCredentials, CredentialsError, profileEndpoint, resolveCredentials } from '../credentials.js';
import { SbClient } from '../platform/client.js';
import { DEFAULT_ENDPOINT, platformLabel, resolveEndpoint } from '../platform/endpoints.js';
import { normalizeEndpoint, platformShortName, safeNormal } from './names.js';
import { checkedEndpoint, dedupe, defaultEndpointOf, endpointOfHref, named, narrowTo } from './resolve.js';
import type { JobRef, Platform, PlatformCredentials, PlatformsOptions, Source } from './types.js';

export { defaultEndpointOf, endpointOfHref } from './resolve.js';
export type { JobRef, Platform, PlatformCredentials, PlatformsOptions } from './types.js';

interface Parts {
  defaultEndpoint: string;
  source: Source;
  /** Under narrowing: the one platform's credentials. Throws CredentialsError. */
  narrow?: () => PlatformCredentials;
  /** Under narrowing: its endpoint, known without a token (offline commands filter by it). */
  narrowEndpoint?: () => string;
  /** The default platform's endpoint; throws the CredentialsError (with help) of a run without credentials. */
  primaryEndpoint: () => string;
}

export class Platforms {
  readonly defaultEndpoint: string;
  readonly #parts: Parts;
  #all: Platform[] | undefined;
  #narrowed: Platform | undefined;
  #known: Omit<PlatformCredentials, 'token'>[] | undefined;
  readonly #clients = new Map<string, SbClient>();

  private constructor(parts: Parts) {
    this.defaultEndpoint = normalizeEndpoint(parts.defaultEndpoint);
    this.#parts = parts;
  }

  /** The credentials of this machine (nothing is read until a platform is asked for). */
  static fromCredentials(opts: PlatformsOptions): Platforms {
    // Read once: each reading of the file would repeat its warnings (loose permissions, a skipped profile).
    let found: PlatformCredentials[] | undefined;
    const source = (): PlatformCredentials[] => {
      found ??= named(allCredentials(opts));
      return found;
    };
    const narrowing = opts.profile !== undefined || opts.endpoint !== undefined;
    const given = opts.endpoint;
    return new Platforms({
      defaultEndpoint: defaultEndpointOf(opts),
      source,
      narrow: narrowing ? () => narrowTo(opts, source) : undefined,
      narrowEndpoint:
        given !== undefined
          ? () => checkedEndpoint(given)
          : opts.profile !== undefined
            ? () => normalizeEndpoint(profileEndpoint(opts.profile!, opts))
            : undefined,
      primaryEndpoint: () =>
        normalizeEndpoint(resolveCredentials({ env: opts.env, home: opts.home }).endpoint),
    });
  }

  /** Given platforms (the demo, tests); `narrowTo`: the endpoint or short name of one of them. */
  static fromList(list: readonly PlatformCredentials[], opts: { narrowTo?: string } = {}): Platforms {
    const copy = list.map((p) => ({ ...p, endpoint: normalizeEndpoint(p.endpoint) }));
    const pick = opts.narrowTo;
    const find = (): PlatformCredentials => {
      const hit = copy.find((p) => p.shortName === pick || p.endpoint === safeNormal(pick ?? ''));
      if (!hit) {
        throw new CredentialsError(`No platform "${pick}" here: ${copy.map((p) => p.shortName).join(', ')}.`);
      }
      return hit;
    };
    return new Platforms({
      defaultEndpoint: copy[0]?.endpoint ?? DEFAULT_ENDPOINT,
      source: () => copy,
      narrow: pick === undefined ? undefined : find,
      narrowEndpoint: pick === undefined ? undefined : () => find().endpoint,
      primaryEndpoint: () => {
        if (!copy[0]) throw new CredentialsError('No platforms given.');
        return copy[0].endpoint;
      },
    });
  }

  /** True under --profile / --endpoint. */
  get isNarrowed(): boolean {
    return this.#parts.narrow !== undefined;
  }

  /** Under narrowing, the one endpoint in scope; needs no token. Throws CredentialsError (no such profile). */
  narrowedEndpoint(): string | undefined {
    return this.#parts.narrowEndpoint?.();
  }

  /** The platform a one-platform command uses (import): the narrowed one, else the default one. */
  primary(): Platform {
    const narrowed = this.narrowed;
    if (narrowed) return narrowed;
    const endpoint = this.#parts.primaryEndpoint();
    const platform = this.get(endpoint);
    if (!platform) throw new CredentialsError(`No usable credentials for ${platformLabel(endpoint)}.`);
    return platform;
  }

  /** Under --profile / --endpoint: the one platform every command is limited to. Throws CredentialsError. */
  get narrowed(): Platform | undefined {
    const narrow = this.#parts.narrow;
    if (!narrow) return undefined;
    this.#narrowed ??= this.#platform(narrow());
    return this.#narrowed;
  }

  /** Every platform with credentials here, first source first; just the narrowed one under narrowing. */
  all(): readonly Platform[] {
    const narrowed = this.narrowed;
    if (narrowed) return [narrowed];
    this.#all ??= dedupe(this.#parts.source()).map((p) => this.#platform(p));
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
    const only = this.narrowedEndpoint();
    return only === undefined || only === this.endpointOf(job);
  }

  /** The platform to ask about this job; undefined when there is no token for it here (or it is out of scope). */
  forJob(job: JobRef): Platform | undefined {
    return this.inScope(job) ? this.get(this.endpointOf(job)) : undefined;
  }

  /** Where bare IDs go: the narrowed platform, else the default one. */
  addEndpoint(): string {
    return this.narrowedEndpoint() ?? this.defaultEndpoint;
  }

  shortName(endpoint: string): string {
    const normal = safeNormal(endpoint);
    const known = this.known().find((p) => p.endpoint === normal);
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

  /**
   * Every platform with credentials here, narrowing or not, without tokens and without throwing (a broken
   * credentials file gives none): for naming endpoints and accepting their export URLs.
   */
  known(): readonly Omit<PlatformCredentials, 'token'>[] {
    if (this.#known === undefined) {
      let list: PlatformCredentials[] = [];
      try {
        list = dedupe(this.#parts.source());
      } catch {
        // Unreadable file: nothing known from it; a command that needs it reports why.
      }
      this.#known = list.map(({ token: _token, ...rest }) => rest);
    }
    return this.#known;
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

// The shapes of the platforms layer, apart from its logic so that callers can name them cheaply.
import type { SbClient } from '../platform/client.js';

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

export type Source = () => PlatformCredentials[];

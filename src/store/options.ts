// What WatchStore.open and WatchStore.add take.

import type { Snapshot } from './types.js';

export interface WatchStoreOptions {
  /** File name without extension: 'watchlist' (default); the demo uses 'demo-watchlist'. */
  configName?: string;
  /** Directory of the file. Default: $XDG_CONFIG_HOME/sbexport-tui, else the platform's config dir. */
  cwd?: string;
  /** Delay before snapshots are written: a refresh of many jobs is one write. Default 250 ms. */
  debounceMs?: number;
  /** Pick up changes other processes make to the file (the TUI turns this on). */
  watchExternal?: boolean;
  /**
   * The default platform (what a run without --profile/--endpoint resolves to), normalised. Used only to
   * upgrade entries of a 0.1.0 file that have no endpoint and no snapshot href, and for add() without an
   * endpoint. Default: DEFAULT_ENDPOINT (BDC).
   */
  defaultEndpoint?: string;
  /** The journal is compacted once over twice the live records and this size. Default 8 MB (tests: less). */
  compactMinBytes?: number;
}

export interface AddOptions {
  /**
   * The platform of the new IDs (normalised base URL). Should always be given; without it a job takes the
   * host of its snapshot's href, else the store's defaultEndpoint (kept so callers of 0.1.0's add(ids) work).
   */
  endpoint?: string;
  /** Insert right after this watched ID instead of at the end. */
  after?: string;
  /** Per new ID, the watched ID to insert it right after (a bulk restart: each new job under its original). */
  placements?: ReadonlyMap<string, string>;
  /** What is already known of the new jobs (an import, a restart), saved in the same write. */
  snapshots?: ReadonlyMap<string, Snapshot>;
}

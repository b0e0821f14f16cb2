// `sbexport-tui import [--volume V] [--state S...]`: watch jobs from the platform's own list of exports,
// keeping what the list said about them as their snapshots (no second fetch).
import { EXPORT_ID_PATTERN } from '../ids.js';
import { isApiError } from '../platform/errors.js';
import { listExports } from '../platform/exports.js';
import { type ExportJob, VOLUME_PATTERN as VOLUME } from '../platform/types.js';
import type { Session } from '../session.js';
import type { Snapshot } from '../store/types.js';
import { safeText } from '../text.js';
import { errorText } from '../values.js';
import { type CommandIo, EXIT, line, refuseInReadOnly } from './io.js';
import { NOT_FOUND } from './job-state.js';

export interface ImportOptions {
  /** owner/volume */
  volume?: string;
  state?: string[];
}

export async function importCommand(
  session: Session,
  o: ImportOptions,
  io: CommandIo,
  readOnly: boolean,
): Promise<number> {
  if (readOnly) return refuseInReadOnly('import', io);
  if (o.volume !== undefined && !VOLUME.test(o.volume)) {
    line(io.stderr, `import: --volume must look like owner/volume, not "${safeText(o.volume)}".`);
    return EXIT.usage;
  }
  // The platform's list knows only real states; a NOT_FOUND filter can match nothing there.
  const states = o.state?.filter((s) => s !== NOT_FOUND);
  if (o.state && o.state.length > 0 && states?.length === 0) {
    line(
      io.stderr,
      'import: NOT_FOUND is not a state the platform lists; use PENDING, RUNNING, COMPLETED or FAILED.',
    );
    return EXIT.usage;
  }
  // The narrowed platform, else the default one. Throws CredentialsError without a token: runCli prints it
  // (with how to set one) and exits 2.
  const { client, label, endpoint } = session.platforms.primary();

  const found = new Map<string, ExportJob>();
  try {
    for await (const job of listExports(client, { volume: o.volume, states })) found.set(job.id, job);
  } catch (err) {
    const why = isApiError(err) ? err.message : errorText(err);
    line(io.stderr, `import: listing exports on ${label} failed: ${safeText(why)}`);
    return EXIT.failed;
  }

  const malformed = [...found.keys()].filter((id) => !EXPORT_ID_PATTERN.test(id));
  const candidates = [...found.keys()].filter((id) => EXPORT_ID_PATTERN.test(id));
  const already = candidates.filter((id) => session.store.has(id));
  const fresh = candidates.filter((id) => !session.store.has(id));
  if (fresh.length > 0) {
    const fetchedAt = new Date().toISOString();
    const snaps = new Map<string, Snapshot>(
      fresh.map((id) => [id, { status: 'ok', job: found.get(id)!, fetchedAt } satisfies Snapshot]),
    );
    try {
      // Recorded on the platform they were listed by: that is where they will be asked about.
      session.store.add(fresh, { snapshots: snaps, endpoint });
      session.store.flush();
    } catch (err) {
      line(io.stderr, `import: ${safeText(errorText(err))}`);
      return EXIT.failed;
    }
  }
  line(io.stdout, `Found ${found.size} · added ${fresh.length} · ${already.length} already watched`);
  if (malformed.length > 0) {
    line(
      io.stderr,
      `Skipped ${malformed.length} with an ID this app does not recognise (not 32 letters/digits).`,
    );
  }
  return EXIT.ok;
}

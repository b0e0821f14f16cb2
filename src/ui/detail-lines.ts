// The detail pane's content as plain lines, so the pane can scroll by line
// and a test can read every field without rendering.
import wrapAnsi from 'wrap-ansi';
import type { Snapshot } from '../store/types.js';
import { safeText } from '../text.js';
import { jobDuration } from './format.js';
import type { Tone } from './theme.js';

export interface DetailLine {
  label: string;
  value: string;
  tone?: Tone;
  /** A URL to make clickable (OSC 8) where the terminal supports it. */
  link?: string;
  /** Indent level: section members sit under their heading. */
  indent?: 0 | 1;
  heading?: boolean;
}

// Fields that get their own lines; anything else the API sends is listed under "Other fields".
const KNOWN_FIELDS = new Set([
  'id',
  'href',
  'state',
  'source',
  'destination',
  'started_on',
  'finished_on',
  'properties',
  'overwrite',
  'error',
]);

function show(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return safeText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return safeText(JSON.stringify(value));
}

function localTime(iso: string | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return safeText(iso);
  return `${safeText(iso)}  (${new Date(t).toLocaleString('en-GB')} local)`;
}

/** Where the job lives: its platform's short name, and whether this machine has no token for it. */
export interface JobPlace {
  platform?: string;
  noToken?: boolean;
}

function placeLines(place: JobPlace, snap: Snapshot | undefined): DetailLine[] {
  const lines: DetailLine[] = [];
  if (place.platform) lines.push({ label: 'Platform', value: place.platform });
  if (place.noToken)
    lines.push({
      label: 'Note',
      value: `no token for ${place.platform || 'its platform'} — not polled; the last known state is shown`,
      tone: 'warn',
    });
  if (snap?.goneAt)
    lines.push({
      label: 'Gone',
      value: `gone from the platform since ${localTime(snap.goneAt)} — the last known state is shown`,
      tone: 'warn',
    });
  return lines;
}

export function detailLines(
  id: string,
  snap: Snapshot | undefined,
  now: number,
  place: JobPlace = {},
): DetailLine[] {
  const lines: DetailLine[] = [{ label: 'ID', value: id }, ...placeLines(place, snap)];
  if (!snap) {
    lines.push({ label: 'State', value: 'not fetched yet — press r to refresh', tone: 'muted' });
    return lines;
  }
  if (snap.status !== 'ok') {
    const what = snap.status === 'not-found' ? 'NOT FOUND' : 'NO ACCESS';
    lines.push({ label: 'State', value: what, tone: 'missing' });
    lines.push(...errorBlock(snap.error, 'API error'));
    lines.push({ label: 'Checked', value: localTime(snap.fetchedAt), tone: 'muted' });
    return lines;
  }
  const job = snap.job;
  if (!job) return lines;
  const href = typeof job.href === 'string' ? safeText(job.href) : undefined;
  lines.push({ label: 'Href', value: href ?? '—', link: href });
  lines.push({ label: 'State', value: show(job.state), tone: toneOfState(job.state) });
  lines.push({ label: 'Source file', value: show(job.source?.file) });
  lines.push({ label: 'Volume', value: show(job.destination?.volume) });
  lines.push({ label: 'Location', value: show(job.destination?.location) });
  lines.push({ label: 'Started', value: localTime(job.started_on) });
  lines.push({ label: 'Finished', value: localTime(job.finished_on) });
  const running = !job.finished_on && job.state === 'RUNNING';
  lines.push({
    label: running ? 'Elapsed' : 'Duration',
    value: jobDuration(job.started_on, job.finished_on, now),
  });
  lines.push({ label: 'Overwrite', value: job.overwrite === undefined ? '—' : job.overwrite ? 'yes' : 'no' });

  const props = job.properties && typeof job.properties === 'object' ? Object.entries(job.properties) : [];
  lines.push({ label: 'Properties', value: props.length ? '' : 'none', heading: true });
  for (const [k, v] of props) lines.push({ label: safeText(k), value: show(v), indent: 1 });

  if (job.error) lines.push(...errorBlock(job.error, 'Error'));

  const other = Object.entries(job).filter(([k]) => !KNOWN_FIELDS.has(k));
  if (other.length) {
    lines.push({ label: 'Other fields', value: '', heading: true });
    for (const [k, v] of other) lines.push({ label: safeText(k), value: show(v), indent: 1 });
  }
  lines.push({ label: 'Checked', value: localTime(snap.fetchedAt), tone: 'muted' });
  return lines;
}

function errorBlock(error: Snapshot['error'], title: string): DetailLine[] {
  if (!error) return [];
  const out: DetailLine[] = [{ label: title, value: '', heading: true, tone: 'error' }];
  for (const key of ['status', 'code', 'message', 'more_info'] as const) {
    const v = error[key];
    const text = show(v);
    out.push({
      label: key,
      value: text,
      tone: 'error',
      indent: 1,
      link: key === 'more_info' && typeof v === 'string' ? text : undefined,
    });
  }
  for (const [k, v] of Object.entries(error)) {
    if (!['status', 'code', 'message', 'more_info'].includes(k)) {
      out.push({ label: safeText(k), value: show(v), tone: 'error', indent: 1 });
    }
  }
  return out;
}

function toneOfState(state: string): Tone | undefined {
  switch (state) {
    case 'PENDING':
      return 'pending';
    case 'RUNNING':
      return 'running';
    case 'COMPLETED':
      return 'completed';
    case 'FAILED':
      return 'failed';
    default:
      return undefined;
  }
}

export const LABEL_WIDTH = 22;

/** Splits long values over several screen lines so the pane scrolls by screen line. */
export function wrapDetail(lines: readonly DetailLine[], width: number): DetailLine[] {
  const valueWidth = Math.max(10, width - LABEL_WIDTH - 2);
  const out: DetailLine[] = [];
  for (const line of lines) {
    const parts = line.value
      ? wrapAnsi(line.value, valueWidth, { hard: true, trim: false }).split('\n')
      : [''];
    parts.forEach((part, i) => {
      out.push({
        ...line,
        label: i === 0 ? line.label : '',
        value: part,
        link: line.link ? line.link : undefined,
      });
    });
  }
  return out;
}

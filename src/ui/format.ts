// Times and durations as the table and the detail pane print them.

const pad2 = (n: number): string => String(n).padStart(2, '0');
// English short month names, as toLocaleString('en-US', {month: 'short'}) gives them: that call builds an
// ICU date formatter each time (~9 ms the first time in a process, 0.2 ms each after: per drawn row).
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parseTime(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

/** Local wall-clock time: `19:17:39` when today, `Jun 15 19:17` this year, else `2016-06-15`. */
export function shortTime(iso: string | undefined, now: number): string {
  const t = parseTime(iso);
  if (t === undefined) return iso ? '?' : '—';
  const d = new Date(t);
  const today = new Date(now);
  if (d.toDateString() === today.toDateString()) {
    return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
  }
  if (d.getFullYear() !== today.getFullYear()) {
    return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
  }
  return `${MONTHS[d.getMonth()]} ${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** `hh:mm:ss` of an epoch-ms instant, for the header. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

/** `2s`, `3m 05s`, `2h 07m`, `3d 04h`. */
export function duration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${pad2(s % 60)}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${pad2(m % 60)}m`;
  return `${Math.floor(h / 24)}d ${pad2(h % 24)}h`;
}

/** Duration between started_on and finished_on (or now, while running). */
export function jobDuration(started: string | undefined, finished: string | undefined, now: number): string {
  const s = parseTime(started);
  if (s === undefined) return '—';
  const f = parseTime(finished) ?? now;
  return duration(f - s);
}

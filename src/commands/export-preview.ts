// What `export` says before it sends anything (and all that `--dry-run` says): how many files, where, and what
// is left out with the reason, as lines for people or one JSON object for scripts.
import { safeText } from '../text.js';
import type { ExportPlan, ExportSkip, ExportSkipReason } from '../transfer/export-plan.js';
import { countText } from '../transfer/skips.js';
import { line } from './io.js';

const REASON_TEXT: Record<ExportSkipReason, string> = {
  folder: 'folders (not included: add --recursive)',
  alias: 'aliases of volume files (cannot be exported)',
  public: 'public reference files (cannot be exported)',
  'already-exported': 'already exported there (a job in the watch list)',
  'already-running': 'already being exported there (a job in the watch list)',
};

const SHOWN = 3;

/** `  already exported there …: 97 files — cohort/a.cram, cohort/b.cram, … +94 more` */
export function skipLines(skipped: readonly ExportSkip[]): string[] {
  const by = new Map<ExportSkipReason, ExportSkip[]>();
  for (const s of skipped) by.set(s.reason, [...(by.get(s.reason) ?? []), s]);
  return [...by].map(([reason, list]) => {
    const some = list.slice(0, SHOWN).map((s) => safeText(s.path));
    const more = list.length > SHOWN ? `, … +${(list.length - SHOWN).toLocaleString('en-US')} more` : '';
    const noun = reason === 'folder' ? 'folder' : 'file';
    return `  skipped, ${REASON_TEXT[reason]}: ${countText(list.length, noun)} — ${some.join(', ')}${more}`;
  });
}

/** The preview as people read it: the summary (no question: a script is not asked), then the skips. */
export function printPreview(plan: ExportPlan, to: NodeJS.WritableStream): void {
  line(to, safeText(plan.summary.replace(/\?$/, '.')));
  for (const text of skipLines(plan.skipped)) line(to, text);
  if (plan.items.length === 0) line(to, 'Nothing to send.');
}

/** `export --dry-run --json`: everything the run would send, and everything it would leave out. */
export function previewJson(plan: ExportPlan): unknown {
  return {
    volume: plan.volume,
    prefix: plan.prefix,
    copy_only: plan.copy,
    overwrite: plan.overwrite,
    bytes: plan.bytes,
    summary: plan.summary,
    items: plan.items.map((i) => ({ file: i.file.id, path: i.path, request: i.body })),
    skipped: plan.skipped.map((s) => ({
      file: s.id,
      path: s.path,
      reason: s.reason,
      detail: s.detail,
      ...(s.jobId ? { job: s.jobId } : {}),
    })),
  };
}

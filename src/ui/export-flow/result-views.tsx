// Steps 3 and 4: the preview (what is sent, what is skipped and why), then the submission and its summary.
import { Text } from 'ink';
import { useMemo } from 'react';
import { bytesText, countText } from '../../transfer/skips.js';
import { toneColor } from '../theme.js';
import { ListWindow, rangeText } from './list-window.js';
import type { StepProps } from './source-views.js';
import { type ItemError, previewLines, type SubmitState } from './state.js';

export function PreviewStep({ state, rows, width }: StepProps) {
  const plan = state.plan;
  const lines = useMemo(() => (plan ? previewLines(plan) : []), [plan]);
  if (!plan) return null;
  // The summary wraps (it holds the whole question); the list gets what is left. One spare line for word wrap.
  const summaryRows = Math.ceil(plan.summary.length / Math.max(20, width)) + 1;
  const list = Math.max(1, rows - 1 - summaryRows);
  return (
    <>
      <Text wrap="wrap">{plan.summary}</Text>
      <Text wrap="truncate-end" color={toneColor('muted')}>
        {countText(plan.items.length, 'file')} to send, {plan.skipped.length.toLocaleString('en-US')} skipped{' '}
        {rangeText(state.previewCursor, lines.length, list)}
      </Text>
      <ListWindow
        items={lines}
        cursor={state.previewCursor}
        rows={list}
        line={(l) => (l.skip ? `✗ skip ${l.path}: ${l.skip}` : `✓ send ${l.path}  ${bytesText(l.size)}`)}
        empty={<Text>Nothing found to export</Text>}
      />
    </>
  );
}

const n = (v: number) => v.toLocaleString('en-US');

function ErrorList({ errors, rows }: { errors: readonly ItemError[]; rows: number }) {
  if (errors.length === 0 || rows <= 0) return null;
  const shown = Math.min(rows, errors.length);
  const more = errors.length - shown;
  const indices = Array.from({ length: shown }, (_, k) => k);
  return (
    <>
      {indices.map((at) => (
        <Text key={at} wrap="truncate-end" color={toneColor('error')}>
          ✗ {errors[at]!.path}: {errors[at]!.message}
        </Text>
      ))}
      {more > 0 ? <Text color={toneColor('muted')}>… and {n(more)} more refused</Text> : null}
    </>
  );
}

/** Refusals grouped by message, most frequent first: the summary's first lines. */
export function errorSummary(errors: readonly ItemError[]): string[] {
  const counts = new Map<string, number>();
  for (const e of errors) counts.set(e.message, (counts.get(e.message) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([message, count]) => `${n(count)} × ${message}`);
}

function uncertainText(s: SubmitState): string {
  if (!s.stopped?.uncertain) return '';
  if (s.recovered === undefined)
    return ' The last call may have started jobs: check the table before sending again.';
  return ` The last call's answer was lost: ${countText(s.recovered, 'job')} of it found on the volume and watched.`;
}

export function SubmitStep({ state, rows }: StepProps) {
  const s = state.submit;
  if (!s) return null;
  const done = state.step === 'done';
  const refused = s.errors.length;
  const summary = done ? errorSummary(s.errors).slice(0, 3) : [];
  return (
    <>
      <Text wrap="truncate-end">
        submitted {n(s.submitted)}/{n(s.total)} · {n(s.created)} started · {n(refused)} refused
      </Text>
      {s.stopped ? (
        <Text wrap="wrap" color={toneColor('error')}>
          Stopped ({s.stopped.reason}): {s.stopped.message}. {n(s.total - s.submitted)} not sent: start the
          same export again to send only those.
          {uncertainText(s)}
        </Text>
      ) : null}
      {done ? (
        <Text wrap="truncate-end" color={refused > 0 ? toneColor('warn') : toneColor('completed')}>
          {refused > 0 ? `Done with ${countText(refused, 'refusal')}:` : 'Done: every export was accepted.'}{' '}
          The started jobs are in the watch list.
        </Text>
      ) : null}
      {summary.map((line) => (
        <Text key={line} wrap="truncate-end" color={toneColor('warn')}>
          {line}
        </Text>
      ))}
      <ErrorList errors={s.errors} rows={rows - 3 - summary.length} />
    </>
  );
}

// The step views alone, rendered once: figures as people read them.
import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import { initialState } from '../../../src/ui/export-flow/reducer.js';
import { SubmitStep } from '../../../src/ui/export-flow/result-views.js';
import type { FlowState } from '../../../src/ui/export-flow/state.js';

const submitting = (over: Partial<FlowState['submit']> = {}): FlowState => ({
  ...initialState(),
  step: 'submitting',
  submit: { submitted: 2300, total: 4120, created: 2298, errors: [], ...over },
});

describe('export flow views', () => {
  it('shows progress with thousands separators and each refusal by file', () => {
    const errors = [
      { path: 'b1/sample_0005.cram', message: '9107 Location on volume already contains a file.' },
      { path: 'b1/sample_0006.cram', message: '9107 Location on volume already contains a file.' },
    ];
    const out = renderToString(<SubmitStep state={submitting({ errors })} rows={10} width={100} />, {
      columns: 100,
    });
    expect(out).toContain('submitted 2,300/4,120 · 2,298 started · 2 refused');
    expect(out).toContain('✗ b1/sample_0005.cram: 9107 Location on volume already contains a file.');
  });

  it('lists only as many refusals as fit, then how many more', () => {
    const errors = Array.from({ length: 50 }, (_, i) => ({ path: `f${i}`, message: 'refused' }));
    const state: FlowState = { ...submitting({ errors }), step: 'done' };
    const out = renderToString(<SubmitStep state={state} rows={10} width={100} />, { columns: 100 });
    expect(out).toContain('50 × refused');
    expect(out).toMatch(/… and 4[0-9] more refused/);
    expect(out.split('\n').length).toBeLessThanOrEqual(10);
  });
});

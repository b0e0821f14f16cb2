// NO_COLOR: the flow's selection and refusals still read by symbol and word, with no colour at all.
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowState } from '../../../src/ui/export-flow/state.js';

// Colour must be forced on for this file: chalk decides at import time.
process.env.FORCE_COLOR = '3';
const FG_COLOUR = /\u001b\[(?:3[0-79]|9[0-7]|38;)[0-9;]*m/;

const theme = await import('../../../src/ui/theme.js');
const { renderToString } = await import('ink');
const { VolumeStep } = await import('../../../src/ui/export-flow/destination-views.js');
const { initialState } = await import('../../../src/ui/export-flow/reducer.js');

afterEach(() => theme.setColorEnabled(true));

const state: FlowState = {
  ...initialState(),
  step: 'volume',
  volumeCursor: 1,
  volumes: {
    loading: false,
    items: [
      { id: 'me/rw', writable: true },
      { id: 'them/ro', writable: false, accessMode: 'RO' },
    ],
  },
};
const draw = () => renderToString(<VolumeStep state={state} rows={6} width={80} />, { columns: 80 });

describe('export flow without colour', () => {
  it('colours the selection when colour is on', () => {
    expect(draw()).toMatch(FG_COLOUR);
  });

  it('marks the selection and read-only volumes with symbols when it is off', () => {
    theme.setColorEnabled(false);
    const out = draw();
    expect(out).not.toMatch(FG_COLOUR);
    expect(out).toContain('› ✗ them/ro  read-only (RO): cannot be chosen');
    expect(out).toContain('    me/rw');
  });
});

// Which screenshots there are and how to reach each screen: keys sent to a freshly started demo, each
// followed by what must be on screen before the next.
import { DEMO_MISSING_ID, SEED_FAILED } from '../../src/demo/seed.js';

export interface Step {
  /** tmux key names, sent one by one. */
  keys?: string[];
  /** Typed literally, one burst. */
  type?: string;
  /** Pasted (newlines kept). */
  paste?: string;
  until: RegExp;
  what: string;
}

export interface Shot {
  name: string;
  cols: number;
  rows: number;
  description: string;
  steps: Step[];
}

const selected = (id: string) => new RegExp(`› ${id.slice(0, 6)}`);

/** A paste as it comes from a spreadsheet or a chat: IDs on lines, an export URL, one typo. */
export function pastedList(port: number): string {
  return [
    'k2Mn5Bv8Cx1Za4Sd7Fg0Hj3Kl6Qw9Er2',
    'n7Ty4Ui1Op8As5Df2Gh9Jk6Lz3Xc0Vb5',
    `p3Qw6Er9Ty2Ui5Op8As1Df4Gh7Jk0Lz3 http://127.0.0.1:${port}/v2/storage/exports/t5Rw8Qz1Xv4Nc7Bm0Lk3Jh6Gf9Ds2Ap1`,
    'q9Wm2Lp',
  ].join('\n');
}

export function shots(port: number): Shot[] {
  return [
    {
      name: 'table',
      cols: 120,
      rows: 32,
      description: 'the live table: pending, running, completed and failed jobs and a NOT FOUND row',
      steps: [],
    },
    {
      name: 'detail-failed',
      cols: 120,
      rows: 32,
      description: 'the detail pane of the FAILED 9107 job: properties, overwrite, the error block',
      steps: [
        { keys: ['j'], until: selected(SEED_FAILED.id), what: 'the FAILED job selected' },
        { keys: ['Enter'], until: /9107/, what: 'the detail pane with error 9107' },
      ],
    },
    {
      name: 'add-prompt',
      cols: 120,
      rows: 32,
      description: 'the add prompt with a pasted list, before Enter: the live preview of what it will add',
      steps: [
        { keys: ['a'], until: /Add IDs or URLs/, what: 'the add prompt' },
        { paste: pastedList(port), until: /1 invalid/, what: 'the preview of the pasted list' },
      ],
    },
    {
      name: 'remove-confirm',
      cols: 120,
      rows: 32,
      description: 'the question before a job leaves the watch list (here the NOT FOUND one)',
      steps: [
        { keys: ['G'], until: selected(DEMO_MISSING_ID), what: 'the NOT FOUND job selected' },
        { keys: ['d'], until: /Stop watching .*\(y\/N\)/, what: 'the remove question' },
      ],
    },
    {
      name: 'help',
      cols: 120,
      rows: 32,
      description: 'the help overlay: every key of the job table',
      steps: [{ keys: ['?'], until: /KEYS/, what: 'the help overlay' }],
    },
    {
      name: 'filter',
      cols: 120,
      rows: 32,
      description: 'the table filtered to "cohort"',
      steps: [
        { keys: ['/'], until: /^\//m, what: 'the filter prompt' },
        { type: 'cohort', until: /^\/cohort/m, what: 'the typed filter' },
        { keys: ['Enter'], until: /filter "cohort"/, what: 'the kept filter' },
      ],
    },
    {
      name: 'export-folder',
      cols: 120,
      rows: 32,
      description: 'the export flow (e), step 1: browsing a project folder',
      steps: [
        { keys: ['e'], until: /rfranklin\/cohort-2026/, what: 'the project list' },
        { keys: ['Enter'], until: /manifest\.tsv/, what: "the project's root" },
        { keys: ['Enter'], until: /20 items/, what: 'the cohort folder' },
      ],
    },
    {
      name: 'export-preview',
      cols: 120,
      rows: 32,
      description: 'the export flow, step 3: what will be sent and what is skipped, with the reason',
      steps: [
        { keys: ['e'], until: /rfranklin\/cohort-2026/, what: 'the project list' },
        { keys: ['Enter'], until: /manifest\.tsv/, what: "the project's root" },
        { keys: ['.'], until: /file filter/, what: 'the filter step' },
        { type: '*.cram', until: /\*\.cram/, what: 'the glob' },
        { keys: ['Enter'], until: /3 read-write/, what: 'the volume step' },
        { keys: ['Enter'], until: /path and mode/, what: 'the options step' },
        { keys: ['Enter'], until: /3\/4 Preview/, what: 'the preview' },
      ],
    },
    {
      name: 'narrow-80x24',
      cols: 80,
      rows: 24,
      description: 'the live table in an 80×24 terminal',
      steps: [],
    },
  ];
}

/** Before the first refresh no row has a state; the demo's unknown ID shows NOT FOUND after it. */
export const READY: Step = { until: /NOT FOUND/, what: 'the first refresh' };

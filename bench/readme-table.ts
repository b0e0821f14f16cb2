// The README's performance table, made from bench/results.json: `npm run bench`
// rewrites the README block with it, and test/readme.test.ts checks they agree.
import fs from 'node:fs';

interface Results {
  machine: { cpuModel?: string; cores?: number; memoryGiB?: number; node?: string; date?: string };
  figures: Record<string, { value: number | null; unit: string; goal?: string; met?: boolean }>;
}

export const BENCH_START = '<!-- bench:start -->';
export const BENCH_END = '<!-- bench:end -->';

function show(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  return String(Number.isInteger(value) ? value : Math.round(value * 10) / 10);
}

export function benchTable(results: Results): string {
  const m = results.machine;
  const lines = [
    `Measured on ${m.cpuModel ?? '?'}, ${m.cores ?? '?'} cores, ${m.memoryGiB ?? '?'} GiB, Node ${m.node ?? '?'}, ${m.date?.slice(0, 10) ?? '?'}.`,
    '',
    '| figure | measured | goal | |',
    '|---|---|---|---|',
  ];
  for (const [name, f] of Object.entries(results.figures)) {
    const verdict = f.met === undefined ? '' : f.met ? 'met' : '**missed**';
    lines.push(`| ${name} | ${show(f.value)} ${f.unit} | ${f.goal ?? ''} | ${verdict} |`);
  }
  return lines.join('\n');
}

/** Replaces the block between the bench markers of a README text. */
export function withBenchTable(readme: string, results: Results): string {
  const start = readme.indexOf(BENCH_START);
  const end = readme.indexOf(BENCH_END);
  if (start < 0 || end < start) throw new Error('README has no bench markers');
  return `${readme.slice(0, start + BENCH_START.length)}\n${benchTable(results)}\n${readme.slice(end)}`;
}

export function readResults(file: string): Results {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Results;
}

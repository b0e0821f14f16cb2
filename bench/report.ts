// One line per figure (`name value unit`) on stdout, and everything into bench/results.json.
import fs from 'node:fs';

export interface Figure {
  value: number | null;
  unit: string;
  /** The goal in words, e.g. "<= 400". */
  goal?: string;
  met?: boolean;
  note?: string;
}

function format(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  if (Number.isInteger(value)) return String(value);
  return String(Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100);
}

export class Report {
  readonly figures: Record<string, Figure> = {};
  readonly details: Record<string, unknown> = {};

  add(name: string, figure: Figure): void {
    this.figures[name] = figure;
    process.stdout.write(`${name} ${format(figure.value)} ${figure.unit}\n`);
  }

  /** Figures with a goal they did not reach. */
  misses(): string[] {
    return Object.entries(this.figures)
      .filter(([, f]) => f.met === false)
      .map(([name]) => name);
  }

  write(file: string, machine: Record<string, unknown>): void {
    const body = { machine, figures: this.figures, details: this.details };
    fs.writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  }
}

export function atMost(value: number | null, limit: number): boolean {
  return value !== null && Number.isFinite(value) && value <= limit;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `test` every few ms until it holds; false on timeout. */
export async function until(test: () => boolean, timeoutMs: number, everyMs = 5): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) return false;
    await sleep(everyMs);
  }
  return true;
}

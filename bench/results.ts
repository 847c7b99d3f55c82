import fs from 'node:fs';
import path from 'node:path';

/** One figure, with the baseline measured in the same run and its goal; or why it could not be taken. */
export interface Figure {
  name: string;
  /** null when the figure was not measured. */
  value: number | null;
  unit: string;
  /** The baseline's value in the same unit (or null when the figure is absolute or not measured). */
  baseline: number | null;
  /** value ÷ baseline. */
  ratio: number | null;
  /** The goal in words, such as ">= 2000 appends/s". */
  goal: string;
  /** null when not measured: a figure that could not be taken neither meets its goal nor misses it. */
  pass: boolean | null;
  /** Why the figure could not be taken (a suite that failed or ran out of time). */
  notMeasured?: string;
  /** The lowest and highest value over the repetitions the value sums up (a median, say). */
  spread?: Spread;
}

/** The range of a figure over its repetitions in one run. */
export interface Spread {
  min: number;
  max: number;
  runs: number;
}

/** The spread of a figure's repetitions; undefined with fewer than two that are numbers. */
export function spreadOf(values: number[]): Spread | undefined {
  const taken = values.filter((value) => Number.isFinite(value));
  if (taken.length < 2) return undefined;
  return { min: round(Math.min(...taken)), max: round(Math.max(...taken)), runs: taken.length };
}

/** The same figure with the spread of its repetitions. */
export function withSpread(entry: Figure, spread: Spread | undefined): Figure {
  return spread ? { ...entry, spread } : entry;
}

export function figure(name: string, value: number, unit: string, baseline: number | null, goal: string, pass: boolean): Figure {
  return { name, value: round(value), unit, baseline: baseline === null ? null : round(baseline), ratio: baseline ? round(value / baseline) : null, goal, pass };
}

/** A figure that could not be taken, with the reason, in place of a number. */
export function notMeasured(name: string, reason: string, unit = '', goal = ''): Figure {
  return { name, value: null, unit, baseline: null, ratio: null, goal, pass: null, notMeasured: reason };
}

function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 1000) / 1000;
}

export function printTable(figures: Figure[]): void {
  const verdict = (f: Figure) => (f.pass === null ? 'not measured' : f.pass ? 'pass' : 'FAIL');
  const rows = figures.map((f) => [
    f.name,
    f.value === null ? 'not measured' : `${f.value} ${f.unit}${f.spread ? ` (${f.spread.min}–${f.spread.max} over ${f.spread.runs})` : ''}`,
    f.baseline === null ? '—' : `${f.baseline} ${f.unit}`,
    f.ratio === null ? '—' : `${f.ratio}×`,
    f.goal,
    verdict(f),
  ]);
  const header = ['figure', 'value', 'baseline', 'ratio', 'goal', ''];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
  const missing = figures.filter((f) => f.notMeasured !== undefined);
  if (missing.length > 0) {
    console.log(`\n${missing.length} figure(s) not measured:`);
    for (const f of missing) console.log(`  ${f.name}: ${f.notMeasured}`);
  }
}

export function writeResults(figures: Figure[], file = path.join(import.meta.dirname, 'out', 'results.json')): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
}

/** The median of a list of numbers (NaN for none). */
export function median(values: number[]): number {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 ? (sorted[Math.floor(middle)] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/** The p-th percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

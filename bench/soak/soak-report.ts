import fs from 'node:fs';
import path from 'node:path';
import type { CrashFigures } from '../../packages/server/test/support/crash-cycles.ts';
import type { RebuildCheck } from './rebuild-check.ts';
import type { SoakEngine, SoakOptions } from './soak-options.ts';

/** One engine's run: its figures, or why it could not run at all. */
export interface EngineResult {
  engine: SoakEngine;
  figures: CrashFigures | undefined;
  rebuild: RebuildCheck | undefined;
  /** Set when the run stopped on an error (the figures are those of the cycles done). */
  error: string | undefined;
  /** Where the data was kept, when the run found a problem. */
  keptData: string | undefined;
}

/** Whether an engine's run showed the record intact: nothing lost, doubled, refused or unverifiable. */
export function passed(result: EngineResult): boolean {
  const figures = result.figures;
  if (!figures || result.error) return false;
  return (
    figures.lost === 0 &&
    figures.duplicated === 0 &&
    figures.misplaced === 0 &&
    figures.stillPending === 0 &&
    figures.refusals.length === 0 &&
    figures.exportsFailed === 0 &&
    figures.acknowledged === figures.sent &&
    (result.rebuild?.ok ?? false)
  );
}

export function printSoak(results: EngineResult[], ms: number): void {
  const rows: Array<[string, (figures: CrashFigures, result: EngineResult) => string]> = [
    ['cycles (SIGKILLs)', (figures) => `${figures.cycles}`],
    ['items sent', (figures) => `${figures.sent}`],
    ['acknowledged', (figures) => `${figures.acknowledged} (${figures.acknowledgedBeforeKill} before a kill)`],
    ['resent after a restart', (figures) => `${figures.resent} (${figures.resentAlreadyAppended} already in the log)`],
    ['lost', (figures) => `${figures.lost}`],
    ['duplicated', (figures) => `${figures.duplicated}`],
    ['at another index than the receipt', (figures) => `${figures.misplaced}`],
    ['without a receipt at the end', (figures) => `${figures.stillPending}`],
    ['refused', (figures) => `${figures.refusals.length}`],
    ['exports verified', (figures) => `${figures.exportsVerified} of ${figures.exportsVerified + figures.exportsFailed}`],
    ['derived state = rebuilt from logs', (_figures, result) => (result.rebuild ? (result.rebuild.ok ? `yes (${result.rebuild.entries} entries)` : `NO: ${result.rebuild.problems.length} difference(s)`) : 'not checked')],
    ['log entries at the end', (figures) => `${figures.logEntries}`],
    ['time', (figures) => `${(figures.ms / 1000).toFixed(1)} s (starting ${(figures.phases.starting / 1000).toFixed(1)} s)`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const result of results) {
    console.log(`\n${result.engine}: ${passed(result) ? 'every acknowledged item kept exactly once' : 'FAILED'}`);
    if (result.figures) for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value(result.figures, result)}`);
    if (result.error) console.log(`  error: ${result.error}`);
    for (const example of result.figures?.examples ?? []) console.log(`  ${example}`);
    for (const refusal of result.figures?.refusals.slice(0, 5) ?? []) console.log(`  refused: ${refusal}`);
    for (const failure of result.figures?.exportFailures.slice(0, 5) ?? []) console.log(`  export: ${failure}`);
    for (const problem of result.rebuild?.problems.slice(0, 5) ?? []) console.log(`  rebuild: ${problem}`);
    if (result.keptData) console.log(`  data kept at ${result.keptData}`);
  }
  console.log(`\nsoak: ${(ms / 1000).toFixed(1)} s in all`);
}

export function writeSoak(file: string, options: SoakOptions, results: EngineResult[], ms: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const body = {
    finishedAt: new Date().toISOString(),
    ms: Math.round(ms),
    options: { ...options, out: undefined },
    ok: results.every(passed),
    engines: results.map((result) => ({ ...result, ok: passed(result), everyExportVerified: result.figures ? result.figures.exportsFailed === 0 && result.figures.exportsVerified > 0 : false })),
  };
  fs.writeFileSync(file, `${JSON.stringify(body, (_key, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Math.round(value) : value), 2)}\n`);
}

import { Command } from 'commander';
import type { RebuildReport } from '@fusion-cell/server';
import { databaseSettings, withDatabaseFlags, type DatabaseFlags } from '../database-options.ts';
import { loadOperator } from '../server-module.ts';

export function rebuildCommand(): Command {
  return withDatabaseFlags(new Command('rebuild'))
    .description("rebuild the state derived from the logs and compare it with the stored state (on the server's database)")
    .option('--check', 'only report differences; change nothing (the default)')
    .option('--repair', 'replace the stored derived state with the rebuilt one')
    .option('--json', 'print the report as JSON')
    .action(async (flags: DatabaseFlags & { check?: boolean; repair?: boolean; json?: boolean }) => {
      if (flags.check && flags.repair) throw new Error('choose --check or --repair, not both');
      const { openOperatorConsole } = await loadOperator();
      const operator = await openOperatorConsole(databaseSettings(flags));
      try {
        const report = await operator.rebuild({ repair: flags.repair ?? false });
        if (flags.json) console.log(JSON.stringify(report, null, 2));
        else printReport(report, flags.repair ?? false);
        if (report.differences.length > 0 || report.unreadable.length > 0) process.exitCode = 1;
      } finally {
        await operator.close();
      }
    });
}

function printReport(report: RebuildReport, repaired: boolean): void {
  console.log(`Replayed ${report.entries} log entries.`);
  for (const entry of report.unreadable) console.log(`UNREADABLE ${entry.compartment} #${entry.index}: ${entry.message}`);
  for (const difference of report.differences) {
    const detail = difference.problem === 'different' ? `stored ${JSON.stringify(difference.stored)}, rebuilt ${JSON.stringify(difference.rebuilt)}` : '';
    console.log(`${difference.problem.toUpperCase()} ${difference.table} ${difference.key} ${detail}`.trimEnd());
  }
  if (report.differences.length === 0 && report.unreadable.length === 0) console.log('The stored state is exactly what the logs give.');
  else if (repaired) console.log(`Repaired: ${report.differences.length} difference(s) replaced by the state the logs give.`);
  else console.log(`${report.differences.length} difference(s); run with --repair to replace the stored state by the rebuilt one.`);
}

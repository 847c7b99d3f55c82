import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const REPOSITORY = path.join(import.meta.dirname, '..', '..');

export interface RebuildCheck {
  ok: boolean;
  entries: number;
  /** Differences and unreadable entries, as the command named them. */
  problems: string[];
}

/**
 * `fusion-cell rebuild --check` on the data the crashes left: the items, acknowledgments and
 * obligations stored beside the logs must be exactly what replaying the logs gives, which
 * holds only if every crash cut between whole transactions.
 */
export async function checkRebuild(dataDir: string, databaseUrl: string | undefined): Promise<RebuildCheck> {
  const args = [path.join(REPOSITORY, 'packages/cli/bin/fusion-cell.js'), 'rebuild', '--check', '--json', '--data-dir', dataDir];
  if (databaseUrl) args.push('--database-url', databaseUrl);
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: REPOSITORY, maxBuffer: 64 * 1024 * 1024 }).catch((error: { stdout?: string; message: string }) => {
    // Exit 1 with a report is an answer; anything else is not.
    if (error.stdout?.trim().startsWith('{')) return { stdout: error.stdout };
    throw error;
  });
  const report = JSON.parse(stdout) as { entries: number; differences: Array<{ problem: string; table: string; key: string }>; unreadable: Array<{ compartment: string; index: number; message: string }> };
  const problems = [
    ...report.unreadable.map((entry) => `unreadable ${entry.compartment}#${entry.index}: ${entry.message}`),
    ...report.differences.map((difference) => `${difference.problem} ${difference.table} ${difference.key}`),
  ];
  return { ok: problems.length === 0, entries: report.entries, problems };
}

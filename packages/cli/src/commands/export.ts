import { Command } from 'commander';
import { formatReport, parseVerifierKey } from '@fusion-cell/record';
import { allStoredCheckpoints } from '../client/checkpoint-store.ts';
import { ClientError } from '../client/client-error.ts';
import { withHomeFlag } from '../client/client-home.ts';
import { writePrivateFile } from '../client/private-file.ts';
import { openSession } from '../client/session.ts';
import { checkBundle } from '../client/verify-bundle-file.ts';

interface ExportFlags {
  out: string;
  json?: boolean;
  home?: string;
}

export function exportCommand(): Command {
  return withHomeFlag(new Command('export'))
    .description("download your party's whole record as a bundle, then verify it offline")
    .requiredOption('--out <file>', 'where to write the bundle (JSON, mode 0600)')
    .option('--json', 'print the verification report as JSON')
    .action(async (flags: ExportFlags) => {
      const session = openSession(flags.home);
      const text = await session.api.getText('/api/v1/export');
      let bundle: unknown;
      try {
        bundle = JSON.parse(text);
      } catch {
        throw new ClientError('the server sent an export that is not JSON');
      }
      // Written before it is judged: a bundle that fails verification is evidence worth keeping.
      writePrivateFile(flags.out, text);
      const { state, home } = session;
      const pinned = state.logKeys[state.cell];
      const stored = allStoredCheckpoints(home, state.cell);
      const report = await checkBundle(bundle, {
        evidence: stored.map((checkpoint) => ({ source: checkpoint.file, note: checkpoint.note })),
        ...(pinned ? { expectedLogKey: parseVerifierKey(pinned) } : {}),
      });
      if (flags.json) {
        console.log(JSON.stringify({ file: flags.out, ...report }, null, 2));
      } else {
        console.log(`Exported the record of party ${state.party} to ${flags.out}.`);
        const against = stored.length ? `, and against ${stored.length} checkpoint(s) this client verified before` : '';
        console.log(`Verified offline, as fusion-cell verify does${against}:`);
        process.stdout.write(formatReport(report));
      }
      if (!report.ok) process.exitCode = 1;
    });
}

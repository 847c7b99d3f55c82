import { Command } from 'commander';
import { RegisterView } from '@fusion-cell/protocol';
import { ClientError } from '../client/client-error.ts';
import { withHomeFlag } from '../client/client-home.ts';
import { openSession } from '../client/session.ts';
import { printTable } from '../output.ts';

interface RegisterFlags {
  json?: boolean;
  csv?: boolean;
  party?: string;
  status?: string;
  from?: string;
  to?: string;
  home?: string;
}

/** `fusion-cell register`: the violation register as the member's party may see it, for a desk or a script. */
export function registerCommand(): Command {
  return withHomeFlag(new Command('register'))
    .description('the violation register: one entry per incident alleging a violation, with each party’s status')
    .option('--json', 'print the register as the API gives it')
    .option('--csv', 'print it as CSV, one column per party')
    .option('--party <id>', 'only entries alleging this party responsible')
    .option('--status <status>', 'only entries of this overall status')
    .option('--from <time>', 'only incidents that occurred at or after this RFC 3339 time')
    .option('--to <time>', 'only incidents that occurred before this RFC 3339 time')
    .action(async (flags: RegisterFlags) => {
      if (flags.json && flags.csv) throw new ClientError('choose --json or --csv, not both');
      const query = new URLSearchParams();
      for (const key of ['party', 'status', 'from', 'to'] as const) if (flags[key] !== undefined) query.set(key, flags[key]);
      const session = openSession(flags.home);
      if (flags.csv) {
        query.set('format', 'csv');
        process.stdout.write(await session.api.getText(`/api/v1/deescalation/register?${query}`));
        return;
      }
      const register = await session.api.getJson(`/api/v1/deescalation/register?${query}`, RegisterView);
      if (flags.json) {
        console.log(JSON.stringify(register, null, 2));
        return;
      }
      const rows = register.entries.map((entry) => ({
        occurred: entry.occurredAt,
        status: entry.status,
        alleged: entry.allegedParty ?? '',
        'reported by': entry.reportedBy,
        ...Object.fromEntries(register.parties.map((party) => [party, entry.parties[party]?.status ?? ''])),
        incident: entry.incident,
      }));
      printTable(rows, false);
      console.log(`${register.entries.length} entr${register.entries.length === 1 ? 'y' : 'ies'}`);
    });
}

import path from 'node:path';
import { Command } from 'commander';
import { databaseSettings, withDatabaseFlags, type DatabaseFlags } from '../database-options.ts';
import { printTable } from '../output.ts';
import { loadOperator } from '../server-module.ts';

export function initCommand(): Command {
  return withDatabaseFlags(new Command('init'))
    .description('initialise an empty database with the cell of a scenario file')
    .argument('<scenario>', 'scenario file (JSON)')
    .option('--logins <file>', 'where to write the generated logins (default DATA_DIR/logins.json, mode 0600)')
    .option('--json', 'print the logins as JSON')
    .action(async (file: string, flags: DatabaseFlags & { logins?: string; json?: boolean }) => {
      const { openOperatorConsole, readScenarioFile, writeLoginsFile } = await loadOperator();
      const scenario = await readScenarioFile(file);
      const console_ = await openOperatorConsole({ ...databaseSettings(flags), create: true });
      try {
        const logins = await console_.initialize(scenario);
        const loginsFile = path.resolve(flags.logins ?? path.join(flags.dataDir ?? process.env['DATA_DIR'] ?? './data', 'logins.json'));
        writeLoginsFile(loginsFile, logins);
        if (!flags.json) console.log(`Cell "${scenario.cell.id}" initialised on ${console_.engine}; logins written to ${loginsFile}:`);
        printTable(logins.map((login) => ({ party: login.party, username: login.username, password: login.password, roles: login.roles.join(',') })), flags.json ?? false);
      } finally {
        await console_.close();
      }
    });
}

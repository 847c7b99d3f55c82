import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import type { DemoLogin } from '@fusion-cell/server';
import { DEMO_SCENARIO_FILE } from '../demo-scenario.ts';
import { withDatabaseFlags, type DatabaseFlags } from '../database-options.ts';
import { loadServer } from '../server-module.ts';

interface ServeFlags extends DatabaseFlags {
  port?: string;
  host?: string;
  demo?: boolean;
  scenario?: string;
  logLevel?: string;
}

export function serveCommand(): Command {
  return withDatabaseFlags(new Command('serve'))
    .description('start the server; with --demo or --scenario, initialise an empty database first')
    .option('--port <port>', 'port to listen on (env PORT, default 8080)')
    .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1)')
    .option('--demo', 'initialise the demo cell (scenarios/paris-2026.json) when the database is empty')
    .option('--scenario <file>', 'initialise this scenario when the database is empty')
    .option('--log-level <level>', 'fatal, error, warn, info, debug or trace (env LOG_LEVEL)')
    .action(async (flags: ServeFlags) => {
      const { readScenarioFile, startServer } = await loadServer();
      const scenarioFile = flags.scenario ?? (flags.demo ? DEMO_SCENARIO_FILE : undefined);
      const scenario = scenarioFile ? await readScenarioFile(scenarioFile) : undefined;
      const dataDir = path.resolve(flags.dataDir ?? process.env['DATA_DIR'] ?? './data');
      const loginsFile = path.join(dataDir, 'demo-logins.json');
      // Listen for signals before anything else, so a stop requested during start-up still drains.
      const stopRequested = waitForSignal();
      const server = await startServer({
        port: flags.port,
        host: flags.host,
        dataDir,
        databaseUrl: flags.databaseUrl,
        logLevel: flags.logLevel as never,
        scenario,
        loginsFile: scenario ? loginsFile : undefined,
      });
      printBanner(server.url, server.initialized, flags.demo ? loginsFile : undefined);
      await stopRequested;
      console.log('Stopping: finishing requests in flight…');
      await server.close();
    });
}

/**
 * Passwords are printed once, when the cell is created; later starts only say where they are,
 * so a restart does not spill them into every terminal and log that captures the output.
 */
function printBanner(url: string, initialized: DemoLogin[] | undefined, loginsFile: string | undefined): void {
  console.log(`\nFusion Cell is running at ${url}`);
  console.log(`API documentation: ${url}/api/v1/docs`);
  if (initialized) {
    console.log('\nThe cell was initialised. Logins (also in %s, readable by you only):', loginsFile ?? 'no file');
    const width = Math.max(...initialized.map((login) => login.username.length));
    for (const login of initialized) {
      console.log(`  ${login.party.padEnd(4)} ${login.username.padEnd(width)}  ${login.password}  ${login.roles.join(', ')}`);
    }
  } else if (loginsFile && fs.existsSync(loginsFile)) {
    console.log('\nThe demo logins are in %s (readable by you only).', loginsFile);
  }
  console.log('\nPress Ctrl+C to stop.\n');
}

/** Resolves on SIGINT or SIGTERM, so the server drains and the process exits 0. */
function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

import type { Command } from 'commander';

export interface DatabaseFlags {
  dataDir?: string;
  databaseUrl?: string;
}

/** Adds the flags that select the database; unset flags fall back to DATA_DIR and DATABASE_URL. */
export function withDatabaseFlags(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'data directory of the embedded database (env DATA_DIR, default ./data)')
    .option('--database-url <url>', 'postgres:// URL to use PostgreSQL instead (env DATABASE_URL)');
}

/** Only the database settings of a command's flags, for the operator console. */
export function databaseSettings(flags: DatabaseFlags): DatabaseFlags {
  return { dataDir: flags.dataDir, databaseUrl: flags.databaseUrl };
}

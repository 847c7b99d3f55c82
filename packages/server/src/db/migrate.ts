import { Migrator } from 'kysely';
import type { DatabaseHandle } from './open-database.ts';
import { migrationsFor } from './migrations/index.ts';

/**
 * Brings the schema to the latest version. Safe to run at every start and from several
 * instances at once: Kysely's migrator takes a lock and skips what has already run.
 */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const migrations = migrationsFor(handle.engine);
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

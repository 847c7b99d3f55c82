import type { Kysely, Migration } from 'kysely';

/**
 * Releases tied to their originals (record SPEC R44): one row per release, derived from the
 * cell's note in the original's compartment and rebuilt from it with the rest. Only readers of
 * that compartment (`compartment_id`) are ever shown a row.
 */
export const releasesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('releases')
      .addColumn('release_id', 'text', (column) => column.primaryKey())
      .addColumn('original_id', 'text', (column) => column.notNull())
      .addColumn('note_id', 'text', (column) => column.notNull())
      .addColumn('compartment_id', 'text', (column) => column.notNull())
      .addColumn('nonce', 'text', (column) => column.notNull())
      .addColumn('released_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('releases_original').on('releases').column('original_id').execute();
  },
};

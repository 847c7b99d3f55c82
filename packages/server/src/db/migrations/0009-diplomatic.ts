import type { Kysely, Migration } from 'kysely';

/**
 * The brackets open on each joint text: one row per passage and party that holds one, from
 * the `joint.text.bracket` that raised it until the one that lifts it. Derived from the log and
 * rebuilt from it with the rest; a text with a row here cannot be initialled or signed.
 */
export const diplomaticMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('joint_text_brackets')
      .addColumn('document_id', 'text', (column) => column.notNull())
      .addColumn('passage', 'text', (column) => column.notNull())
      .addColumn('party_id', 'text', (column) => column.notNull())
      .addColumn('raised_by', 'text', (column) => column.notNull())
      .addColumn('raised_at', 'bigint', (column) => column.notNull())
      .addPrimaryKeyConstraint('joint_text_brackets_pk', ['document_id', 'passage', 'party_id'])
      .execute();
  },
};

import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../open-database.ts';

/**
 * The de-escalation track's state: the places items name, with their bounds and time windows,
 * so the automatic checks find candidates through a spatial index instead of reading every
 * item (derived from the logs, rebuilt with the rest); and the files evidence names, stored by
 * the hash of their bytes, with which items name them (derived too).
 */
export function deescalationMigration(engine: Engine): Migration {
  const bytes = engine === 'postgres' ? 'bytea' : 'blob';
  const real = engine === 'postgres' ? 'double precision' : 'real';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('geo_features')
        .addColumn('item_id', 'text', (column) => column.primaryKey())
        .addColumn('compartment_id', 'text', (column) => column.notNull())
        .addColumn('idx', 'integer', (column) => column.notNull())
        .addColumn('type', 'text', (column) => column.notNull())
        .addColumn('party_id', 'text', (column) => column.notNull())
        .addColumn('document_id', 'text')
        .addColumn('min_lon', real as 'real', (column) => column.notNull())
        .addColumn('min_lat', real as 'real', (column) => column.notNull())
        .addColumn('max_lon', real as 'real', (column) => column.notNull())
        .addColumn('max_lat', real as 'real', (column) => column.notNull())
        .addColumn('starts_at', 'bigint')
        .addColumn('ends_at', 'bigint')
        .addColumn('geometry', 'text', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('geo_features_compartment').on('geo_features').columns(['compartment_id', 'idx']).execute();

      await db.schema
        .createTable('attachments')
        .addColumn('sha256', 'text', (column) => column.primaryKey())
        .addColumn('media_type', 'text', (column) => column.notNull())
        .addColumn('size', 'integer', (column) => column.notNull())
        .addColumn('content', bytes as 'blob', (column) => column.notNull())
        .addColumn('uploaded_by', 'text', (column) => column.notNull())
        .addColumn('party_id', 'text', (column) => column.notNull())
        .addColumn('uploaded_at', 'bigint', (column) => column.notNull())
        .execute();
      // Who uploaded a file may see it before any item names it; one row per party that did.
      await db.schema
        .createTable('attachment_uploads')
        .addColumn('sha256', 'text', (column) => column.notNull())
        .addColumn('party_id', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('attachment_uploads_pk', ['sha256', 'party_id'])
        .execute();

      await db.schema
        .createTable('item_evidence')
        .addColumn('item_id', 'text', (column) => column.notNull())
        .addColumn('sha256', 'text', (column) => column.notNull())
        .addColumn('compartment_id', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('item_evidence_pk', ['item_id', 'sha256'])
        .execute();
      await db.schema.createIndex('item_evidence_sha256').on('item_evidence').columns(['sha256', 'compartment_id']).execute();
    },
  };
}

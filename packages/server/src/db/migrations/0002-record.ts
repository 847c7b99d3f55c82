import { sql, type Kysely } from 'kysely';
import { base64Encode, EMPTY_TREE_ROOT } from '@fusion-cell/record';
import type { Engine } from '../open-database.ts';

/**
 * The record: one append-only log per compartment (entries, the perfect Merkle nodes needed
 * for proofs, the head), signed checkpoints and parties' cosignatures, the cell's log key,
 * device attestations, and the state derived from the logs (items, references).
 */
export function recordMigration(engine: Engine) {
  const bytes = engine === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('log_keys')
        .addColumn('name', 'text', (column) => column.primaryKey())
        .addColumn('public_key', 'text', (column) => column.notNull())
        .addColumn('private_key', 'text', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .execute();

      await db.schema
        .createTable('log_heads')
        .addColumn('compartment_id', 'text', (column) => column.primaryKey().references('compartments.id'))
        .addColumn('size', 'bigint', (column) => column.notNull())
        .addColumn('root_hash', 'text', (column) => column.notNull())
        .execute();

      await db.schema
        .createTable('log_entries')
        .addColumn('compartment_id', 'text', (column) => column.notNull().references('compartments.id'))
        .addColumn('idx', 'bigint', (column) => column.notNull())
        .addColumn('item_id', 'text', (column) => column.notNull().unique())
        .addColumn('leaf', 'text', (column) => column.notNull())
        .addColumn('received_at', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('log_entries_pk', ['compartment_id', 'idx'])
        .execute();

      await db.schema
        .createTable('log_nodes')
        .addColumn('compartment_id', 'text', (column) => column.notNull())
        .addColumn('level', 'integer', (column) => column.notNull())
        .addColumn('idx', 'bigint', (column) => column.notNull())
        .addColumn('hash', bytes, (column) => column.notNull())
        .addPrimaryKeyConstraint('log_nodes_pk', ['compartment_id', 'level', 'idx'])
        .execute();

      await db.schema
        .createTable('checkpoints')
        .addColumn('compartment_id', 'text', (column) => column.notNull())
        .addColumn('size', 'bigint', (column) => column.notNull())
        .addColumn('root_hash', 'text', (column) => column.notNull())
        .addColumn('note', 'text', (column) => column.notNull())
        .addColumn('signed_at', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('checkpoints_pk', ['compartment_id', 'size'])
        .execute();

      await db.schema
        .createTable('cosignatures')
        .addColumn('compartment_id', 'text', (column) => column.notNull())
        .addColumn('size', 'bigint', (column) => column.notNull())
        .addColumn('device_id', 'text', (column) => column.notNull().references('devices.id'))
        .addColumn('party_id', 'text', (column) => column.notNull())
        .addColumn('line', 'text', (column) => column.notNull())
        .addColumn('received_at', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('cosignatures_pk', ['compartment_id', 'size', 'device_id'])
        .execute();

      await db.schema
        .createTable('device_attestations')
        .addColumn('device_id', 'text', (column) => column.notNull().references('devices.id'))
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('attestation', 'text', (column) => column.notNull())
        .addColumn('at', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('device_attestations_pk', ['device_id', 'kind'])
        .execute();

      await db.schema
        .createTable('items')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('compartment_id', 'text', (column) => column.notNull())
        .addColumn('idx', 'bigint', (column) => column.notNull())
        .addColumn('type', 'text', (column) => column.notNull())
        .addColumn('track', 'text', (column) => column.notNull())
        .addColumn('author_id', 'text', (column) => column.notNull())
        .addColumn('device_id', 'text', (column) => column.notNull())
        .addColumn('authored_at', 'bigint', (column) => column.notNull())
        .addColumn('received_at', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('items_by_track').on('items').columns(['compartment_id', 'track', 'idx']).execute();

      await db.schema
        .createTable('item_references')
        .addColumn('item_id', 'text', (column) => column.notNull())
        .addColumn('referenced_id', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('item_references_pk', ['item_id', 'referenced_id'])
        .execute();
      await db.schema.createIndex('item_references_by_target').on('item_references').column('referenced_id').execute();
      // Cells initialised before the record existed get their empty logs now.
      await sql`insert into log_heads (compartment_id, size, root_hash) select id, 0, ${base64Encode(EMPTY_TREE_ROOT)} from compartments`.execute(db);
    },
  };
}

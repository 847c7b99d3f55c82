import type { Kysely } from 'kysely';

/**
 * Live coordination: acknowledgments and the obligations they meet (both derived from the
 * logs), durable timers for reminders, escalations and link checks, presence of members on
 * watch, and where each party's escalations go outside the app (with a delivery outbox).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('acknowledgments')
    .addColumn('item_id', 'text', (column) => column.notNull())
    .addColumn('party_id', 'text', (column) => column.notNull())
    .addColumn('level', 'text', (column) => column.notNull())
    .addColumn('ack_item_id', 'text', (column) => column.notNull())
    .addColumn('member_id', 'text', (column) => column.notNull())
    .addColumn('at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('acknowledgments_pk', ['item_id', 'party_id'])
    .execute();

  await db.schema
    .createTable('obligations')
    .addColumn('item_id', 'text', (column) => column.notNull())
    .addColumn('party_id', 'text', (column) => column.notNull())
    .addColumn('compartment_id', 'text', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('required', 'text', (column) => column.notNull())
    .addColumn('received_at', 'bigint', (column) => column.notNull())
    .addColumn('due_at', 'bigint', (column) => column.notNull())
    .addColumn('urgent', 'integer', (column) => column.notNull())
    .addColumn('met_at', 'bigint')
    .addColumn('met_by', 'text')
    .addColumn('escalated_at', 'bigint')
    .addColumn('escalation_item_id', 'text')
    .addPrimaryKeyConstraint('obligations_pk', ['item_id', 'party_id'])
    .execute();
  await db.schema.createIndex('obligations_open').on('obligations').columns(['party_id', 'met_at', 'due_at']).execute();

  await db.schema
    .createTable('timers')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('due_at', 'bigint', (column) => column.notNull())
    .addColumn('item_id', 'text')
    .addColumn('party_id', 'text')
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('claimed_until', 'bigint')
    .addColumn('attempts', 'integer', (column) => column.notNull())
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('timers_due').on('timers').columns(['status', 'due_at']).execute();

  await db.schema
    .createTable('presence')
    .addColumn('member_id', 'text', (column) => column.notNull())
    .addColumn('instance_id', 'text', (column) => column.notNull())
    .addColumn('connections', 'integer', (column) => column.notNull())
    .addColumn('since', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('presence_pk', ['member_id', 'instance_id'])
    .execute();

  await db.schema
    .createTable('party_settings')
    .addColumn('party_id', 'text', (column) => column.primaryKey())
    .addColumn('emails', 'text', (column) => column.notNull())
    .addColumn('webhooks', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('party_id', 'text', (column) => column.notNull())
    .addColumn('channel', 'text', (column) => column.notNull())
    .addColumn('target', 'text', (column) => column.notNull())
    .addColumn('subject', 'text', (column) => column.notNull())
    .addColumn('body', 'text', (column) => column.notNull())
    .addColumn('attempts', 'integer', (column) => column.notNull())
    .addColumn('next_attempt_at', 'bigint', (column) => column.notNull())
    .addColumn('delivered_at', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('outbox_pending').on('outbox').columns(['delivered_at', 'next_attempt_at']).execute();
}

import { sql, type Kysely } from 'kysely';

/**
 * State the tracks share, derived from the logs like the rest: where each lifecycle stands
 * (the cell's channel, each request or notice that has one), the versions of co-signed
 * documents with every party's initials and signatures, and the findings of the cell's
 * automatic checks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('lifecycle_states')
    .addColumn('subject', 'text', (column) => column.primaryKey())
    .addColumn('lifecycle', 'text', (column) => column.notNull())
    .addColumn('state', 'text', (column) => column.notNull())
    .addColumn('item_id', 'text', (column) => column.notNull())
    .addColumn('since', 'bigint', (column) => column.notNull())
    .execute();
  // The channel was kept as the latest move in the record; its state carries over.
  await sql`
    insert into lifecycle_states (subject, lifecycle, state, item_id, since)
    select 'cell:channel', 'channel', case when type = 'channel.suspended' then 'suspended' else 'open' end, id, received_at
    from items where type in ('channel.suspended', 'channel.resumed')
    order by received_at desc, idx desc limit 1`.execute(db);
  // Explanation requests gained a lifecycle: a meeting convened on one, or else its first reply, moved it.
  const firstAnswer = (type: string) => sql`(
    select answer.id from item_references ref join items answer on answer.id = ref.item_id
    where ref.referenced_id = request.id and answer.type = ${type} order by answer.received_at, answer.idx limit 1)`;
  const receivedAt = (answer: ReturnType<typeof sql>) => sql`(select received_at from items where id = ${answer})`;
  await sql`
    insert into lifecycle_states (subject, lifecycle, state, item_id, since)
    select request.id, 'explanation request',
      case when ${firstAnswer('meeting.convene')} is not null then 'meeting-convened'
           when ${firstAnswer('explanation.reply')} is not null then 'replied' else 'awaiting-reply' end,
      coalesce(${firstAnswer('meeting.convene')}, ${firstAnswer('explanation.reply')}, request.id),
      coalesce(${receivedAt(firstAnswer('meeting.convene'))}, ${receivedAt(firstAnswer('explanation.reply'))}, request.received_at)
    from items request where request.type = 'explanation.request'`.execute(db);

  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('type', 'text', (column) => column.notNull())
    .addColumn('compartment_id', 'text', (column) => column.notNull())
    .addColumn('latest_version_id', 'text', (column) => column.notNull())
    .addColumn('latest_number', 'integer', (column) => column.notNull())
    .addColumn('in_force_version_id', 'text')
    .addColumn('in_force_number', 'integer')
    .execute();
  await db.schema.createIndex('documents_type').on('documents').columns(['type', 'compartment_id']).execute();

  await db.schema
    .createTable('document_versions')
    .addColumn('version_id', 'text', (column) => column.primaryKey())
    .addColumn('document_id', 'text', (column) => column.notNull())
    .addColumn('number', 'integer', (column) => column.notNull())
    .addColumn('supersedes', 'text')
    .addColumn('author_party', 'text', (column) => column.notNull())
    .addColumn('received_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('document_versions_document').on('document_versions').columns(['document_id', 'number']).unique().execute();

  await db.schema
    .createTable('document_signings')
    .addColumn('item_id', 'text', (column) => column.primaryKey())
    .addColumn('version_id', 'text', (column) => column.notNull())
    .addColumn('document_id', 'text', (column) => column.notNull())
    .addColumn('party_id', 'text', (column) => column.notNull())
    .addColumn('act', 'text', (column) => column.notNull())
    .addColumn('received_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('document_signings_version').on('document_signings').columns(['version_id', 'party_id']).execute();

  await db.schema
    .createTable('findings')
    .addColumn('item_id', 'text', (column) => column.primaryKey())
    .addColumn('subject_id', 'text', (column) => column.notNull())
    .addColumn('check_key', 'text', (column) => column.notNull())
    .addColumn('result', 'text', (column) => column.notNull())
    .addColumn('compartment_id', 'text', (column) => column.notNull())
    .addColumn('received_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('findings_subject').on('findings').columns(['subject_id', 'check_key']).execute();
}

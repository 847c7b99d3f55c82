import type { Kysely } from 'kysely';

/**
 * Browsers in which a member has logged in before. An attempt from one of them is not slowed
 * by the account-wide ceiling on failed logins, so guessing at an account from elsewhere
 * cannot keep its owner out (the "device cookie" defence).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('known_logins')
    .addColumn('token_hash', 'text', (column) => column.notNull())
    .addColumn('member_id', 'text', (column) => column.notNull())
    .addColumn('last_login_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('known_logins_pk', ['token_hash', 'member_id'])
    .execute();
  await db.schema.createIndex('known_logins_member').on('known_logins').column('member_id').execute();
}

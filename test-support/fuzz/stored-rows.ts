// Row counts read straight from the server's database, to see that a refused request stored
// nothing and an accepted one exactly what it should.

import { sql, type Kysely } from 'kysely';

/** The number of rows of a table (PostgreSQL answers counts as text; both engines give a number here). */
export async function rowCount(db: Kysely<any>, table: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select(sql<number | string>`count(*)`.as('count'))
    .executeTakeFirstOrThrow();
  return Number(row['count']);
}

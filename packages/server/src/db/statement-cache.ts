import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Enough for every query text the server builds; a text beyond it is prepared again later. */
const MAX_STATEMENTS = 500;

/**
 * The embedded database as Kysely sees it, with each query text prepared once. Kysely asks for
 * a new prepared statement on every query, and preparing (parsing and planning the SQL) cost
 * as much as running the query on the signed-append path. Kysely renders the same text for the
 * same query shape, with values as parameters, so the texts repeat and stay few.
 *
 * A cached statement is only ever run to completion (`all`, `run`); an `iterate` gets a
 * statement of its own, since a statement being iterated cannot run anything else meanwhile.
 */
export function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(sql) {
      const cached = statements.get(sql);
      if (cached) {
        // Most recently used last, so the oldest is the one evicted.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      const reusable: SqliteStatement = {
        reader: statement.reader,
        all: (parameters) => statement.all(parameters),
        run: (parameters) => statement.run(parameters),
        iterate: (parameters) => database.prepare(sql).iterate(parameters),
      };
      if (statements.size >= MAX_STATEMENTS) {
        const oldest = statements.keys().next();
        if (!oldest.done) statements.delete(oldest.value);
      }
      statements.set(sql, reusable);
      return reusable;
    },
  };
}

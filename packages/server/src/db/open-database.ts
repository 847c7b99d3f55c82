import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { withStatementCache } from './statement-cache.ts';

export type Engine = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: Engine;
  /** Where the data lives, for logs: a file path or the URL without its password. */
  location: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…` selects PostgreSQL; unset means the embedded SQLite file in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
  /** Told when an idle PostgreSQL connection fails (it is replaced on the next query). */
  onIdleError?: (error: Error) => void;
  /** How long a query waits for a PostgreSQL connection before it fails as unavailable. */
  databaseConnectTimeoutMs?: number;
}

/**
 * A request waits at most this long for a connection (to open one, or for a busy pool to
 * free one) before it is answered 503: a database that does not answer at all must not
 * leave requests hanging. Long enough that a loaded pool is not mistaken for an outage.
 */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/**
 * What every PostgreSQL connection of the server (the pool and the event listener) is opened
 * with: a bounded wait to connect, and TCP keep-alive so a connection whose peer vanished
 * without a word is found dead rather than kept.
 */
export function postgresConnectionSettings(connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS) {
  return { connectionTimeoutMillis: connectTimeoutMs, keepAlive: true, keepAliveInitialDelayMillis: 10_000 };
}

/**
 * A pooled connection whose socket fails while a query holds it emits `error` with no one
 * listening (the pool only listens to idle connections), and an unheard `error` ends the
 * process. The query in flight is told already and fails as unavailable; the pool drops the
 * connection when it comes back. Nothing more to do here than to hear it.
 */
export function keepSocketErrorsFromCrashing(pool: pg.Pool): void {
  pool.on('connect', (client) => client.on('error', () => undefined));
}

const INT8_OID = 20;

/** Opens the configured engine. Nothing is migrated here; see `migrateToLatest`. */
export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.maxConnections ?? 10, options.databaseConnectTimeoutMs, options.onIdleError);
  return openSqlite(sqliteFile(options.dataDir));
}

/** Where the embedded database of a data directory lives. */
export function sqliteFile(dataDir: string): string {
  return path.join(dataDir, 'fusion-cell.sqlite');
}

function openSqlite(file: string): DatabaseHandle {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const database = new SQLite(file);
  // WAL lets readers proceed during a write; FULL makes every acknowledged commit durable
  // across power loss, which the record's promise depends on.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return { db, engine: 'sqlite', location: file, close: () => db.destroy() };
}

function openPostgres(url: string, max: number, connectTimeoutMs: number | undefined, onIdleError?: (error: Error) => void): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    ...postgresConnectionSettings(connectTimeoutMs),
    // Timestamps are bigint milliseconds; they fit a JavaScript number for 285,000 years.
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // A connection that dies while idle (a database restart, a killed backend) must not take the
  // process down: the pool drops it and opens another on the next query.
  pool.on('error', (error) => onIdleError?.(error));
  keepSocketErrorsFromCrashing(pool);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', location: redactPassword(url), close: () => db.destroy() };
}

function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}

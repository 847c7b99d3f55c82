/**
 * Whether an error means the database cannot be reached or cannot take writes right now,
 * as opposed to a defect in a query. Such failures are answered with 503 `unavailable`:
 * nothing was committed, and the client may try again once the database is back.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth += 1) {
    if (cause instanceof DatabaseUnavailableError) return true;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLITE_CODES.has(code) || isPostgresUnavailable(code))) return true;
    if (POOL_MESSAGES.some((pattern) => pattern.test(cause instanceof Error ? cause.message : ''))) return true;
  }
  return false;
}

/** Socket errors from the driver while connecting or in the middle of a query. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** SQLite: the file is locked too long, the disk is full or failing. */
const SQLITE_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_CANTOPEN', 'SQLITE_READONLY']);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 53 (insufficient resources), and
 * 57P01–57P03 (the server is shutting down or starting).
 */
function isPostgresUnavailable(code: string): boolean {
  return /^(08|53)[0-9A-Z]{3}$/.test(code) || code === '57P01' || code === '57P02' || code === '57P03';
}

/**
 * Our own verdict that the database is away, for a check that gave up waiting for it: the
 * driver may still be trying, but the caller cannot wait any longer.
 */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

/** node-postgres reports a lost or unobtainable connection with these messages and no code. */
const POOL_MESSAGES = [/Connection terminated/i, /timeout exceeded when trying to connect/i, /^timeout expired$/, /Client has encountered a connection error/i, /Cannot use a pool after calling end/i];

/**
 * The query's answer, or a `DatabaseUnavailableError` once it has taken longer than `ms`: for
 * a caller that must answer soon whether or not the database does. The query itself goes on.
 */
export function answerWithin<T>(query: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailableError(`the database did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([query, deadline]).finally(() => clearTimeout(timer));
}

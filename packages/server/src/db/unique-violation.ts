/**
 * Whether a write failed because another write took the same unique value first: the
 * loser of a race that a look-up beforehand cannot rule out. Callers turn it into the same
 * domain error as the look-up would have given.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  // PostgreSQL's SQLSTATE, and better-sqlite3's extended result codes.
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

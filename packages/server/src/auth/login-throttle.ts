import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Failed logins slow down the next attempt, per username and per client address, with a
 * delay that doubles after each failure past the first few. The state lives in the database
 * so it holds across restarts and across server instances.
 */
export interface ThrottlePolicy {
  /** Failures allowed for a username before any delay. */
  freeAttempts: number;
  /**
   * Failures allowed from one client address before any delay: higher, because a whole
   * delegation may sit behind one address, and one officer's typos must not lock out the rest.
   */
  freeAttemptsPerAddress: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures older than this are forgotten. */
  forgetAfterMs: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  freeAttempts: 3,
  freeAttemptsPerAddress: 20,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
};

export function throttleKeys(username: string, clientAddress: string): string[] {
  return [`user:${username.toLowerCase()}`, `ip:${clientAddress}`];
}

/** Milliseconds until any of the keys may try again; 0 when none is locked. */
export async function lockedFor(db: Kysely<Database>, keys: string[], now: number): Promise<number> {
  const rows = await db.selectFrom('login_throttle').select('locked_until').where('key', 'in', keys).execute();
  return Math.max(0, ...rows.map((row) => row.locked_until - now));
}

export async function recordFailure(
  db: Kysely<Database>,
  keys: string[],
  now: number,
  policy: ThrottlePolicy,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const key of keys) {
      const row = await trx.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
      const previous = row && now - row.updated_at < policy.forgetAfterMs ? row.failures : 0;
      const failures = previous + 1;
      const excess = failures - (key.startsWith('ip:') ? policy.freeAttemptsPerAddress : policy.freeAttempts);
      const delay = excess > 0 ? Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (excess - 1)) : 0;
      const values = { failures, locked_until: now + delay, updated_at: now };
      if (row) await trx.updateTable('login_throttle').set(values).where('key', '=', key).execute();
      else await trx.insertInto('login_throttle').values({ key, ...values }).execute();
    }
  });
}

export async function clearFailures(db: Kysely<Database>, username: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', `user:${username.toLowerCase()}`).execute();
}

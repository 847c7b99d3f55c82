import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Engine } from '../db/open-database.ts';

/**
 * How failed logins slow down the next attempts (OWASP ASVS 5.0, V6.3):
 *
 * - per account **and** address: a few free attempts, then a delay that doubles after each
 *   failure. Someone guessing from elsewhere never delays the owner's own address.
 * - per address: a larger allowance (a whole delegation may sit behind one address), then
 *   the same doubling, against one address trying many accounts.
 * - per account, from every address together: a ceiling against guessing spread over many
 *   addresses. Past it, attempts are not refused but spaced out, one at a time; a browser in
 *   which the member logged in before skips this queue, so the owner is never held up by it.
 *
 * Every attempt is reserved, counted as a failure, **before** its password is checked, in one
 * transaction that locks the counters: simultaneous guesses cannot all slip through before the
 * first failure is counted. A success gives the reservation back.
 */
export interface ThrottlePolicy {
  /** Failures at one account from one address before it has to wait. */
  freeAttempts: number;
  /** Failures from one address, at any accounts, before it has to wait. */
  freeAttemptsPerAddress: number;
  /** Failures at one account, from all addresses, before its attempts are spaced out. */
  accountCeiling: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest gap between two attempts at an account over its ceiling. */
  maxAccountSpacingMs: number;
  /** Longest an attempt waits for its turn at an account over its ceiling, before it is refused. */
  maxAccountWaitMs: number;
  /** Failures older than this are forgotten. */
  forgetAfterMs: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  freeAttempts: 3,
  freeAttemptsPerAddress: 20,
  accountCeiling: 10,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  maxAccountSpacingMs: 5_000,
  maxAccountWaitMs: 30_000,
  forgetAfterMs: 60 * 60_000,
};

export interface ThrottleKeys {
  /** One account from one address: refused while delayed. */
  pair: string;
  /** One address: refused while delayed. */
  address: string;
  /** One account from everywhere: spaced out, unless the browser is known; undefined to skip. */
  account: string | undefined;
}

export function throttleKeys(username: string, clientAddress: string, knownBrowser: boolean): ThrottleKeys {
  const account = username.toLowerCase();
  return { pair: `pair:${account}@${clientAddress}`, address: `ip:${clientAddress}`, account: knownBrowser ? undefined : `user:${account}` };
}

export type Reservation = { status: 'reserved'; waitMs: number } | { status: 'refused'; retryAfterMs: number };

function doubling(step: number, policy: ThrottlePolicy, ceiling: number): number {
  return step > 0 ? Math.min(ceiling, policy.baseDelayMs * 2 ** (step - 1)) : 0;
}

interface Counter {
  failures: number;
  lockedUntil: number;
}

/**
 * Reserves one attempt under every key, or refuses it with the time to wait. A reserved
 * attempt may still have to wait `waitMs` for its turn at a busy account before its password
 * is checked.
 */
export async function reserveAttempt(db: Kysely<Database>, engine: Engine, keys: ThrottleKeys, now: number, policy: ThrottlePolicy): Promise<Reservation> {
  return db.transaction().execute(async (trx) => {
    const hard: Array<[string, number]> = [
      [keys.pair, policy.freeAttempts],
      [keys.address, policy.freeAttemptsPerAddress],
    ];
    const counters = await lockCounters(trx, engine, [...hard.map(([key]) => key), ...(keys.account ? [keys.account] : [])], now, policy);
    const refusedFor = Math.max(0, ...hard.map(([key]) => (counters.get(key)?.lockedUntil ?? 0) - now));
    if (refusedFor > 0) return { status: 'refused', retryAfterMs: refusedFor };

    let waitMs = 0;
    const updates = new Map<string, Counter>();
    for (const [key, free] of hard) {
      const failures = (counters.get(key)?.failures ?? 0) + 1;
      // The attempt that uses up the allowance makes the next one wait.
      updates.set(key, { failures, lockedUntil: now + doubling(failures - free + 1, policy, policy.maxDelayMs) });
    }
    if (keys.account) {
      const counter = counters.get(keys.account) ?? { failures: 0, lockedUntil: 0 };
      const failures = counter.failures + 1;
      const over = failures - policy.accountCeiling;
      const turn = over > 0 ? Math.max(now, counter.lockedUntil) : now;
      waitMs = turn - now;
      if (waitMs > policy.maxAccountWaitMs) return { status: 'refused', retryAfterMs: waitMs };
      updates.set(keys.account, { failures, lockedUntil: turn + doubling(over, policy, policy.maxAccountSpacingMs) });
    }
    for (const [key, counter] of updates) {
      await trx.updateTable('login_throttle').set({ failures: counter.failures, locked_until: counter.lockedUntil, updated_at: now }).where('key', '=', key).execute();
    }
    return { status: 'reserved', waitMs };
  });
}

/**
 * Reads the counters for update, creating missing ones; forgotten failures count as none.
 * Keys are locked in one order, so two attempts never wait on each other's locks.
 */
async function lockCounters(trx: Transaction<Database>, engine: Engine, keys: string[], now: number, policy: ThrottlePolicy): Promise<Map<string, Counter>> {
  const sorted = [...keys].sort();
  await trx
    .insertInto('login_throttle')
    .values(sorted.map((key) => ({ key, failures: 0, locked_until: 0, updated_at: now })))
    .onConflict((conflict) => conflict.column('key').doNothing())
    .execute();
  let query = trx.selectFrom('login_throttle').selectAll().where('key', 'in', sorted).orderBy('key');
  // SQLite runs one transaction at a time; PostgreSQL needs the rows locked.
  if (engine === 'postgres') query = query.forUpdate();
  const rows = await query.execute();
  return new Map(
    rows.map((row) => {
      const fresh = now - row.updated_at < policy.forgetAfterMs;
      return [row.key, fresh ? { failures: row.failures, lockedUntil: row.locked_until } : { failures: 0, lockedUntil: 0 }];
    }),
  );
}

/**
 * A successful login forgets its account's failures from this address, and gives back the
 * attempt it reserved at the address and the account.
 */
export async function settleSuccess(db: Kysely<Database>, engine: Engine, keys: ThrottleKeys): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const returned = [keys.address, ...(keys.account ? [keys.account] : [])];
    // The rows are locked in the order reservations lock them, so the two never deadlock.
    if (engine === 'postgres') {
      await trx.selectFrom('login_throttle').select('key').where('key', 'in', [keys.pair, ...returned].sort()).orderBy('key').forUpdate().execute();
    }
    await trx.deleteFrom('login_throttle').where('key', '=', keys.pair).execute();
    await trx
      .updateTable('login_throttle')
      .set((eb) => ({ failures: eb('failures', '-', 1) }))
      .where('key', 'in', returned)
      .where('failures', '>', 0)
      .execute();
  });
}

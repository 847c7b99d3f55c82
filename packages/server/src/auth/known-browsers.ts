import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { hashToken } from './sessions.ts';

/** The cookie that marks a browser in which members have logged in before. */
export const KNOWN_BROWSER_COOKIE = 'fc_known';
/** How long a browser stays known without a login. */
export const KNOWN_BROWSER_MAX_AGE_MS = 90 * 24 * 3_600_000;

/** Whether the member has logged in from the browser holding this cookie value. */
export async function isKnownBrowser(db: Kysely<Database>, token: string | undefined, memberId: string, now: number): Promise<boolean> {
  if (!token) return false;
  const row = await db
    .selectFrom('known_logins')
    .select('last_login_at')
    .where('token_hash', '=', hashToken(token))
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return row !== undefined && now - row.last_login_at < KNOWN_BROWSER_MAX_AGE_MS;
}

/**
 * Records a successful login in this browser. A shared watch-room machine keeps one cookie
 * for every member who logs in on it; only a hash of the cookie is stored.
 */
export async function rememberBrowser(db: Kysely<Database>, token: string, memberId: string, now: number): Promise<void> {
  await db
    .insertInto('known_logins')
    .values({ token_hash: hashToken(token), member_id: memberId, last_login_at: now })
    .onConflict((conflict) => conflict.columns(['token_hash', 'member_id']).doUpdateSet({ last_login_at: now }))
    .execute();
}

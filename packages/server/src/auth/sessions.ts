import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { chunks } from '../db/chunks.ts';

export interface SessionPolicy {
  /** A session unused for this long ends. */
  idleMs: number;
  /** No session lasts longer than this, used or not. */
  maxAgeMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 8 * 3_600_000, maxAgeMs: 24 * 3_600_000 };

/** Only a hash of the token is stored, so a copy of the database does not open sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export async function createSession(
  db: Kysely<Database>,
  memberId: string,
  token: string,
  now: number,
  policy: SessionPolicy,
): Promise<number> {
  await db
    .insertInto('sessions')
    .values({ token_hash: hashToken(token), member_id: memberId, created_at: now, last_seen_at: now, expires_at: now + policy.maxAgeMs })
    .execute();
  // The time it ends if left unused; each use pushes it back, up to the maximum age.
  return now + Math.min(policy.maxAgeMs, policy.idleMs);
}

export type SessionLookup =
  | { status: 'active'; memberId: string; expiresAt: number }
  | { status: 'expired' }
  | { status: 'unknown' };

/** Finds the session for a token and marks it used; an expired session is deleted. */
export async function touchSession(
  db: Kysely<Database>,
  token: string,
  now: number,
  policy: SessionPolicy,
): Promise<SessionLookup> {
  const tokenHash = hashToken(token);
  const row = await db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!row) return { status: 'unknown' };
  if (now >= row.expires_at || now - row.last_seen_at >= policy.idleMs) {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    return { status: 'expired' };
  }
  // Writing on every request would turn reads into writes; a minute of precision is enough.
  if (now - row.last_seen_at > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
  }
  return { status: 'active', memberId: row.member_id, expiresAt: Math.min(row.expires_at, now + policy.idleMs) };
}

/**
 * Which of these session tokens are still active, in one query, marking the used ones seen:
 * for the stream's heartbeat, which checks every connection's session at once.
 */
export async function activeSessions(db: Kysely<Database>, tokens: string[], now: number, policy: SessionPolicy): Promise<Set<string>> {
  const byHash = new Map([...new Set(tokens)].map((token) => [hashToken(token), token]));
  const active = new Set<string>();
  const stale: string[] = [];
  for (const hashes of chunks([...byHash.keys()], 500)) {
    const rows = await db.selectFrom('sessions').select(['token_hash', 'last_seen_at', 'expires_at']).where('token_hash', 'in', hashes).execute();
    for (const row of rows) {
      if (now >= row.expires_at || now - row.last_seen_at >= policy.idleMs) continue;
      active.add(byHash.get(row.token_hash) as string);
      if (now - row.last_seen_at > 60_000) stale.push(row.token_hash);
    }
  }
  // An open stream is use: it keeps its session from idling out.
  for (const hashes of chunks(stale, 500)) await db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', 'in', hashes).execute();
  return active;
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

export async function deleteMemberSessions(db: Kysely<Database>, memberId: string): Promise<void> {
  await db.deleteFrom('sessions').where('member_id', '=', memberId).execute();
}

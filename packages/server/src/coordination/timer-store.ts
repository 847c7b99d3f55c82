import { sql, type Kysely } from 'kysely';
import type { Engine } from '../db/open-database.ts';
import type { Database, TimerTable } from '../db/schema.ts';

/** How long a claimed timer is reserved for the instance firing it. */
const CLAIM_MS = 30_000;

/**
 * Claims the timers that are due, so that one instance fires each. PostgreSQL skips rows
 * another instance has locked; SQLite has one writer, so a transaction suffices. A claim
 * expires: if its instance dies mid-fire, another fires the timer (its effects are idempotent).
 */
export async function claimDueTimers(db: Kysely<Database>, engine: Engine, now: number, limit = 100): Promise<TimerTable[]> {
  if (engine === 'postgres') {
    const result = await sql<TimerTable>`
      update timers set claimed_until = ${now + CLAIM_MS}, attempts = attempts + 1
      where id in (
        select id from timers
        where status = 'pending' and due_at <= ${now} and (claimed_until is null or claimed_until < ${now})
        order by due_at limit ${limit}
        for update skip locked)
      returning *`.execute(db);
    return result.rows.map((row) => ({ ...row, due_at: Number(row.due_at), claimed_until: Number(row.claimed_until) }));
  }
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('timers')
      .selectAll()
      .where('status', '=', 'pending')
      .where('due_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .orderBy('due_at')
      .limit(limit)
      .execute();
    if (due.length === 0) return [];
    await trx
      .updateTable('timers')
      .set((eb) => ({ claimed_until: now + CLAIM_MS, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', due.map((timer) => timer.id))
      .execute();
    return due;
  });
}

export async function completeTimer(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable('timers').set({ status: 'done', claimed_until: null, last_error: null }).where('id', '=', id).execute();
}

/** Sets a repeating timer's next time and releases it. */
export async function rescheduleTimer(db: Kysely<Database>, id: string, dueAt: number): Promise<void> {
  await db.updateTable('timers').set({ due_at: dueAt, claimed_until: null, attempts: 0, last_error: null }).where('id', '=', id).execute();
}

/** Releases a timer whose firing failed, to be tried again after a pause. */
export async function releaseFailedTimer(db: Kysely<Database>, id: string, retryAt: number, error: string): Promise<void> {
  await db.updateTable('timers').set({ claimed_until: retryAt, last_error: error.slice(0, 500) }).where('id', '=', id).execute();
}

/** Schedules a timer unless one with that id exists. */
export async function ensureTimer(db: Kysely<Database>, id: string, kind: string, dueAt: number): Promise<void> {
  await db
    .insertInto('timers')
    .values({ id, kind, due_at: dueAt, item_id: null, party_id: null, status: 'pending', claimed_until: null, attempts: 0, last_error: null })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
}

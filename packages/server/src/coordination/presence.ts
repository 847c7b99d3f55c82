import type { Presence, Role } from '@fusion-cell/protocol';
import type { Kysely } from 'kysely';
import { toIso } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import type { Services } from '../services.ts';

/** A member counts as on watch while one of their stream connections was seen this recently. */
export const PRESENCE_TTL_MS = 60_000;

/** Counts a stream connection of a member on this instance. */
export async function markConnected(db: Kysely<Database>, instance: string, memberId: string, now: number): Promise<void> {
  await db
    .insertInto('presence')
    .values({ member_id: memberId, instance_id: instance, connections: 1, since: now, updated_at: now })
    .onConflict((conflict) => conflict.columns(['member_id', 'instance_id']).doUpdateSet((eb) => ({ connections: eb('presence.connections', '+', 1), updated_at: now })))
    .execute();
}

export async function markDisconnected(db: Kysely<Database>, instance: string, memberId: string, now: number): Promise<void> {
  await db
    .updateTable('presence')
    .set((eb) => ({ connections: eb('connections', '-', 1), updated_at: now }))
    .where('member_id', '=', memberId)
    .where('instance_id', '=', instance)
    .execute();
  await db.deleteFrom('presence').where('member_id', '=', memberId).where('instance_id', '=', instance).where('connections', '<=', 0).execute();
}

/** Keeps this instance's connections counted; called with every heartbeat. */
export async function refreshPresence(db: Kysely<Database>, instance: string, now: number): Promise<void> {
  await db.updateTable('presence').set({ updated_at: now }).where('instance_id', '=', instance).execute();
}

/** Forgets this instance's connections (at shutdown). */
export async function clearPresence(db: Kysely<Database>, instance: string): Promise<void> {
  await db.deleteFrom('presence').where('instance_id', '=', instance).execute();
}

/** Who is connected now in each party, with their roles: the watch. */
export async function readPresence(services: Services, actor: Actor): Promise<Presence> {
  authorize(actor, { type: 'presence.read' });
  const since = services.clock.now() - PRESENCE_TTL_MS;
  const rows = await services.db
    .selectFrom('presence')
    .innerJoin('members', 'members.id', 'presence.member_id')
    .select(['members.id', 'members.party_id', 'members.display_name', 'members.roles', (eb) => eb.fn.min('presence.since').as('since')])
    .where('presence.updated_at', '>=', since)
    .where('presence.connections', '>', 0)
    .groupBy(['members.id', 'members.party_id', 'members.display_name', 'members.roles'])
    .orderBy('members.party_id')
    .orderBy('members.display_name')
    .execute();
  const parties = await services.db.selectFrom('parties').select('id').orderBy('position').execute();
  return {
    parties: parties.map((party) => ({
      party: party.id,
      onWatch: rows
        .filter((row) => row.party_id === party.id)
        .map((row) => ({ member: row.id, displayName: row.display_name, roles: JSON.parse(row.roles) as Role[], since: toIso(Number(row.since)) })),
    })),
  };
}

import type { NotificationSettings } from '@fusion-cell/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import type { Services } from '../services.ts';

const EMPTY: NotificationSettings = { emails: [], webhooks: [] };

export async function settingsOf(db: Kysely<Database>, partyId: string): Promise<NotificationSettings> {
  const row = await db.selectFrom('party_settings').select(['emails', 'webhooks']).where('party_id', '=', partyId).executeTakeFirst();
  return row ? { emails: JSON.parse(row.emails) as string[], webhooks: JSON.parse(row.webhooks) as NotificationSettings['webhooks'] } : EMPTY;
}

export async function readPartySettings(services: Services, actor: Actor, partyId: string): Promise<NotificationSettings> {
  authorize(actor, { type: 'party.settings.read', party: partyId }, 'party');
  return settingsOf(services.db, partyId);
}

/** Replaces where the party's escalations are sent (its administrators only). */
export async function writePartySettings(services: Services, actor: Actor, partyId: string, settings: NotificationSettings): Promise<NotificationSettings> {
  authorize(actor, { type: 'party.settings.write', party: partyId }, 'party');
  const values = { emails: JSON.stringify(settings.emails), webhooks: JSON.stringify(settings.webhooks), updated_at: services.clock.now() };
  await services.db
    .insertInto('party_settings')
    .values({ party_id: partyId, ...values })
    .onConflict((conflict) => conflict.column('party_id').doUpdateSet(values))
    .execute();
  return settings;
}

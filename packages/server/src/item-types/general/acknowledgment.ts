import { ackLevelMeets, ACK_LEVEL_RANK, type AckLevel } from '@fusion-cell/protocol';
import { DomainError } from '../../errors.ts';
import { defineServerItemType } from '../server-item-type.ts';

/**
 * An acknowledgment raises its party's level on the item it answers, never lowers it, and
 * meets the party's obligation once the level owed is reached. A final answer (accepted,
 * contested) is final; acknowledging at the level already given is refused as done.
 */
export const ackModule = defineServerItemType({
  type: 'ack',
  recheckUnderLock: true,
  ownedTables: { acknowledgments: ['item_id', 'party_id'] },
  async check(services, actor, envelope, target) {
    if (!target) return;
    const level = envelope.payload['level'] as AckLevel;
    const given = await services.db.selectFrom('acknowledgments').select('level').where('item_id', '=', target.id).where('party_id', '=', actor.partyId).executeTakeFirst();
    if (!given) return;
    const previous = given.level as AckLevel;
    if (ACK_LEVEL_RANK[previous] === 3) throw new DomainError('conflict', `your party already answered this item (${previous})`, 'envelope.payload.level');
    if (ackLevelMeets(previous, level)) throw new DomainError('conflict', `your party already acknowledged this item as ${previous}`, 'envelope.payload.level');
  },
  async derive(trx, entry, party) {
    const target = entry.signed.envelope.references[0];
    if (!target) return;
    const level = entry.signed.envelope.payload['level'] as AckLevel;
    const existing = await trx.selectFrom('acknowledgments').select('level').where('item_id', '=', target).where('party_id', '=', party).executeTakeFirst();
    const row = { level, ack_item_id: entry.itemId, member_id: entry.signed.envelope.author, at: entry.receivedAt };
    if (!existing) await trx.insertInto('acknowledgments').values({ item_id: target, party_id: party, ...row }).execute();
    else if (!ackLevelMeets(existing.level as AckLevel, level)) {
      await trx.updateTable('acknowledgments').set(row).where('item_id', '=', target).where('party_id', '=', party).execute();
    }
    const obligation = await trx
      .selectFrom('obligations')
      .select('required')
      .where('item_id', '=', target)
      .where('party_id', '=', party)
      .where('kind', '=', 'ack')
      .where('met_at', 'is', null)
      .executeTakeFirst();
    if (obligation && ackLevelMeets(level, obligation.required as AckLevel)) {
      await trx.updateTable('obligations').set({ met_at: entry.receivedAt, met_by: entry.itemId }).where('item_id', '=', target).where('party_id', '=', party).execute();
    }
  },
});

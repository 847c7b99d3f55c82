import type { EscalationPayload } from '@fusion-cell/protocol';
import { toIso } from '../../clock.ts';
import { defineServerItemType } from '../server-item-type.ts';

/**
 * The cell's escalation marks the overdue obligation it is about as escalated; described, it
 * says whether that obligation has been met since.
 */
export const escalationModule = defineServerItemType({
  type: 'escalation',
  async derive(trx, entry) {
    const payload = entry.signed.envelope.payload as unknown as EscalationPayload;
    await trx
      .updateTable('obligations')
      .set({ escalated_at: entry.receivedAt, escalation_item_id: entry.itemId })
      .where('item_id', '=', payload.item)
      .where('party_id', '=', payload.party)
      .where('escalated_at', 'is', null)
      .execute();
  },
  async describe(db, item) {
    const payload = item.payload as EscalationPayload | undefined;
    if (!payload) return {};
    const obligation = await db.selectFrom('obligations').select(['met_at', 'met_by']).where('item_id', '=', payload.item).where('party_id', '=', payload.party).executeTakeFirst();
    const metAt = obligation?.met_at ?? null;
    return { escalated: { item: payload.item, party: payload.party, required: payload.required, metAt: metAt === null ? null : toIso(metAt), metBy: obligation?.met_by ?? null } };
  },
});

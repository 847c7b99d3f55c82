import type { EscalationPayload } from '@fusion-cell/protocol';
import { defineServerItemType } from './server-item-type.ts';

/** The cell's escalation marks the overdue obligation it is about as escalated. */
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
});

import type { FindingPayload } from '@fusion-cell/protocol';
import { defineServerItemType } from '../server-item-type.ts';

/** The cell's finding is kept by the item it is about, so readers and the watch find it at once. */
export const findingModule = defineServerItemType({
  type: 'finding',
  ownedTables: { findings: ['item_id'] },
  async derive(trx, entry) {
    const payload = entry.signed.envelope.payload as unknown as FindingPayload;
    await trx
      .insertInto('findings')
      .values({ item_id: entry.itemId, subject_id: payload.subject, check_key: payload.check, result: payload.result, compartment_id: entry.compartmentId, received_at: entry.receivedAt })
      .execute();
  },
});

import { defineServerItemType } from '../server-item-type.ts';
import { checkPlace, derivePlace } from './place-rules.ts';

/** A zone version's geometry must be valid; its area joins the index under its zone (the document). */
export const zoneModule = defineServerItemType({
  type: 'zone',
  ownedTables: { geo_features: ['item_id'] },
  check(_services, _actor, envelope) {
    checkPlace(envelope.payload, 'area');
    return Promise.resolve();
  },
  async derive(trx, entry, authorParty) {
    const version = await trx.selectFrom('document_versions').select('document_id').where('version_id', '=', entry.itemId).executeTakeFirst();
    await derivePlace(trx, entry, authorParty, { ...(version ? { document: version.document_id } : {}) });
  },
});

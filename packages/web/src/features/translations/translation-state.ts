import { TranslationPayload } from '@fusion-cell/protocol';
import { verdictOf, type SyncedItem } from '../../sync/sync-types.ts';
import { answersOfType, type ItemGraph } from '../items/item-graph.ts';

/** A translation attached to an item, as verified here. */
export interface ItemTranslation {
  item: SyncedItem;
  payload: TranslationPayload;
}

/** The translations attached to an item, in the record's order; one that failed verification here is not one. */
export function translationsOf(itemId: string, graph: ItemGraph): ItemTranslation[] {
  return answersOfType(itemId, graph, 'translation').flatMap((item) => {
    const payload = TranslationPayload.safeParse(item.signed?.envelope.payload);
    return payload.success && verdictOf(item.verification) !== 'failed' ? [{ item, payload: payload.data }] : [];
  });
}

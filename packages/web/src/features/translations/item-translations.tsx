import type { SyncedItem } from '../../sync/sync-types.ts';

/** Beside an item's authoritative text: its translations, marked as such, in the order the reader chose. */
export function ItemTranslations(_props: { item: SyncedItem }) {
  return null;
}

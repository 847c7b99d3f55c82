import type { SyncedItem } from '../../sync/sync-types.ts';

/** Above an item under dispute: which disputes name it, where they stand, and a link to each. */
export function DisputedBanner(_props: { item: SyncedItem }) {
  return null;
}

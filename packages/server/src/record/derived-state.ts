import type { Kysely, Transaction } from 'kysely';
import type { CellContext } from '../cell/cell-context.ts';
import { deriveCoordination } from '../coordination/derive-coordination.ts';
import { chunks } from '../db/chunks.ts';
import type { Database } from '../db/schema.ts';
import type { AppliedEntry } from './applied-entry.ts';
import { indexForSearch } from '../search/search-index.ts';

/**
 * Updates the state derived from the logs for entries just appended, in the append's own
 * transaction. Rebuilding replays every entry through this same function, so the stored
 * state and a rebuilt one cannot drift apart by construction.
 */
export async function applyDerivedState(
  trx: Transaction<Database> | Kysely<Database>,
  context: CellContext,
  entries: AppliedEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const items = entries.map((entry) => ({
    id: entry.itemId,
    compartment_id: entry.compartmentId,
    idx: entry.index,
    type: entry.signed.envelope.type,
    track: entry.signed.envelope.track,
    author_id: entry.signed.envelope.author,
    device_id: entry.signed.envelope.device,
    authored_at: Date.parse(entry.signed.envelope.authoredAt),
    received_at: entry.receivedAt,
  }));
  for (const chunk of chunks(items, 500)) await trx.insertInto('items').values(chunk).execute();
  const references = entries.flatMap((entry) => entry.signed.envelope.references.map((referenced) => ({ item_id: entry.itemId, referenced_id: referenced })));
  for (const chunk of chunks(references, 500)) await trx.insertInto('item_references').values(chunk).execute();
  await deriveCoordination(trx, context, entries);
  await indexForSearch(trx, entries);
}


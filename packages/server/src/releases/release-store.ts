import type { IntelReleaseNotePayload, ReleaseLink } from '@fusion-cell/protocol';
import type { Kysely } from 'kysely';
import { toIso } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import type { Executor } from '../item-types/server-item-type.ts';
import type { Actor } from '../policy/actor.ts';
import { authorize, decide } from '../policy/policy.ts';
import type { AppliedEntry } from '../record/applied-entry.ts';
import { parseLeaf } from '../record/applied-entry.ts';

/** Keeps the tie a note records: derived from the note alone, so rebuilding the logs gives it back. */
export async function deriveReleaseNote(trx: Executor, entry: AppliedEntry): Promise<void> {
  const { envelope } = entry.signed;
  const payload = envelope.payload as unknown as IntelReleaseNotePayload;
  const [original] = envelope.references;
  if (original === undefined) return;
  await trx
    .insertInto('releases')
    .values({ release_id: payload.release, original_id: original, note_id: entry.itemId, compartment_id: entry.compartmentId, nonce: payload.nonce, released_at: entry.receivedAt })
    .execute();
}

/**
 * The releases an item is the release or the original of, each with its opening, as far as the
 * caller reads the original's compartment. A caller who reads the item but not the original's
 * compartment gets an empty list, as for an item never released; one who cannot read the item
 * gets what an id naming nothing gets.
 */
export async function readReleaseLinks(db: Kysely<Database>, actor: Actor, itemId: string): Promise<ReleaseLink[]> {
  const item = await db.selectFrom('items').select('compartment_id').where('id', '=', itemId).executeTakeFirst();
  if (!item) throw notFound('item');
  authorize(actor, { type: 'compartment.read', compartment: item.compartment_id }, 'item');
  const rows = await db
    .selectFrom('releases')
    .innerJoin('items as released', 'released.id', 'releases.release_id')
    .innerJoin('log_entries', 'log_entries.item_id', 'releases.release_id')
    .select(['releases.release_id', 'releases.original_id', 'releases.note_id', 'releases.compartment_id', 'releases.nonce', 'releases.released_at', 'released.compartment_id as release_compartment', 'log_entries.leaf'])
    .where((where) => where.or([where('releases.release_id', '=', itemId), where('releases.original_id', '=', itemId)]))
    .orderBy('releases.released_at')
    .orderBy('releases.release_id')
    .execute();
  return rows
    .filter((row) => decide(actor, { type: 'release.read', compartment: row.compartment_id }).allowed)
    .map((row) => ({
      release: row.release_id,
      releaseCompartment: row.release_compartment,
      original: row.original_id,
      originalCompartment: row.compartment_id,
      note: row.note_id,
      nonce: row.nonce,
      commitment: String(parseLeaf(row.leaf).envelope.payload['original']),
      releasedAt: toIso(row.released_at),
    }));
}

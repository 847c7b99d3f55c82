import { currentOpinions, OPINION_VALUES, type OpinionValue } from '@fusion-cell/protocol';
import { parseLeaf } from '../../record/applied-entry.ts';
import type { Executor } from '../server-item-type.ts';
import { defineServerItemType } from '../server-item-type.ts';

/**
 * An opinion needs nothing beyond its declaration: it answers a report of another party, and a
 * party's latest one on a report is its current one, the earlier ones kept in the record.
 */
export const intelOpinionModule = defineServerItemType({ type: 'intel.opinion' });

const isOpinion = (value: unknown): value is OpinionValue => (OPINION_VALUES as readonly unknown[]).includes(value);

/** Each party's current opinion on a report, and the ones it replaced, oldest first. */
export async function opinionsOn(db: Executor, report: string): Promise<Array<{ party: string; item: string; opinion: OpinionValue; history: Array<{ item: string; opinion: OpinionValue }> }>> {
  const rows = await db
    .selectFrom('item_references')
    .innerJoin('items', 'items.id', 'item_references.item_id')
    .innerJoin('members', 'members.id', 'items.author_id')
    .innerJoin('log_entries', 'log_entries.item_id', 'items.id')
    .select(['items.id', 'items.idx', 'members.party_id', 'log_entries.leaf'])
    .where('item_references.referenced_id', '=', report)
    .where('items.type', '=', 'intel.opinion')
    .execute();
  const entries = rows.flatMap((row) => {
    const { envelope } = parseLeaf(row.leaf);
    // Only an opinion that answers the report, its first reference, counts for it.
    const opinion = envelope.payload['opinion'];
    return envelope.references[0] === report && isOpinion(opinion) ? [{ item: row.id, party: row.party_id, opinion, index: Number(row.idx) }] : [];
  });
  return currentOpinions(entries).map(({ current, history }) => ({
    party: current.party,
    item: current.item,
    opinion: current.opinion,
    history: history.map((entry) => ({ item: entry.item, opinion: entry.opinion })),
  }));
}

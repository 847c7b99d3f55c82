import { filterPipeline, opportunityPipeline, PIPELINE_TYPES, pipelineSummary, type PipelineEntry, type PipelineQuery, type PipelineRecordItem, type PipelineView } from '@fusion-cell/protocol';
import { toIso } from '../clock.ts';
import type { CellServices } from '../cell-services.ts';
import { authorize, decide } from '../policy/policy.ts';
import type { Actor } from '../policy/actor.ts';
import { parseLeaf } from '../record/applied-entry.ts';

/**
 * The commercial pipeline over the compartments the member reads, computed by the protocol's
 * rules from the opportunities, their moves and the interests in them, as any reader of the
 * record computes it: nothing of a compartment the member is not in enters it, not even a count.
 */
export async function readPipeline(services: CellServices, actor: Actor, query: PipelineQuery): Promise<PipelineEntry[]> {
  authorize(actor, { type: 'pipeline.read' });
  const compartments = [...actor.compartments].filter((compartment) => decide(actor, { type: 'compartment.read', compartment }).allowed);
  const rows = compartments.length
    ? await services.db
        .selectFrom('items')
        .innerJoin('log_entries', 'log_entries.item_id', 'items.id')
        .innerJoin('members', 'members.id', 'items.author_id')
        .select(['items.id', 'items.type', 'items.compartment_id', 'items.idx', 'items.received_at', 'members.party_id', 'log_entries.leaf'])
        .where('items.type', 'in', [...PIPELINE_TYPES])
        .where('items.compartment_id', 'in', compartments)
        .execute()
    : [];
  const items: PipelineRecordItem[] = rows.map((row) => {
    const { envelope } = parseLeaf(row.leaf);
    return {
      id: row.id,
      type: row.type,
      compartment: row.compartment_id,
      index: Number(row.idx),
      authorParty: row.party_id,
      receivedAt: Number(row.received_at),
      references: envelope.references,
      payload: envelope.payload,
    };
  });
  return filterPipeline(opportunityPipeline(items), {
    ...(query.sector !== undefined ? { sector: query.sector } : {}),
    ...(query.party !== undefined ? { party: query.party } : {}),
    ...(query.status !== undefined ? { status: query.status } : {}),
    ...(query.q !== undefined ? { text: query.q } : {}),
  });
}

export function pipelineView(entries: readonly PipelineEntry[]): PipelineView {
  const summary = pipelineSummary(entries);
  return {
    entries: entries.map((entry) => ({
      ...entry,
      proposedAt: toIso(entry.proposedAt),
      since: toIso(entry.since),
      moves: entry.moves.map((move) => ({ ...move, at: toIso(move.at) })),
      interests: entry.interests.map((interest) => ({ ...interest, at: toIso(interest.at) })),
    })),
    counts: summary.counts,
    totals: summary.totals,
  };
}

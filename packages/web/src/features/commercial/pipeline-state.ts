import { useMemo } from 'react';
import {
  checkTransition,
  OPPORTUNITY_LIFECYCLE,
  OPPORTUNITY_MOVES,
  opportunityPipeline,
  PIPELINE_TYPES,
  type OpportunityMove,
  type PipelineEntry,
  type PipelineRecordItem,
  type PipelineStatus,
} from '@fusion-cell/protocol';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { verdictOf, type MemberView, type SyncedItem } from '../../sync/sync-types.ts';
import { authorPartyOf, type ItemGraph } from '../items/item-graph.ts';

const TYPES: ReadonlySet<string> = new Set(PIPELINE_TYPES);

/** The items the pipeline reads, from the logs verified here: one that failed verification counts for nothing. */
export function pipelineItems(logs: ReadonlyMap<string, readonly SyncedItem[]>, members: ReadonlyMap<string, MemberView>): PipelineRecordItem[] {
  const items: PipelineRecordItem[] = [];
  for (const log of logs.values()) {
    for (const item of log) {
      const envelope = item.signed?.envelope;
      if (!envelope || !TYPES.has(envelope.type) || verdictOf(item.verification) === 'failed') continue;
      const authorParty = authorPartyOf(item, members);
      if (authorParty === undefined) continue;
      items.push({
        id: item.id,
        type: envelope.type,
        compartment: item.compartment,
        index: item.index,
        authorParty,
        receivedAt: Date.parse(item.receivedAt),
        references: envelope.references,
        payload: envelope.payload,
      });
    }
  }
  return items;
}

const pipelines = new WeakMap<object, PipelineEntry[]>();

/**
 * Every opportunity of the reader's compartments with where it stands, computed here from the
 * record as this browser verified it, by the same rules the cell applies: it moves the moment a
 * move arrives on the stream.
 */
export function usePipeline(): PipelineEntry[] {
  const { snapshot } = useRecordSync();
  return useMemo(() => {
    let pipeline = pipelines.get(snapshot.items);
    if (!pipeline) {
      pipeline = opportunityPipeline(pipelineItems(snapshot.items, snapshot.members));
      pipelines.set(snapshot.items, pipeline);
    }
    return pipeline;
  }, [snapshot.items, snapshot.members]);
}

/** One opportunity's place in the pipeline; undefined while the record here does not hold it. */
export function useOpportunityEntry(id: string): PipelineEntry | undefined {
  const pipeline = usePipeline();
  return useMemo(() => pipeline.find((entry) => entry.opportunity === id), [pipeline, id]);
}

/** The moves its proposer's party may make from a status, in the pipeline's order. */
export function movesFrom(status: PipelineStatus): OpportunityMove[] {
  return OPPORTUNITY_MOVES.filter((to) => checkTransition(OPPORTUNITY_LIFECYCLE, status, 'opportunity.move', { roles: [], partyKind: 'side', isSubjectAuthor: true }, { to }).allowed);
}

/** Whether another party may still express interest at a status. */
export function takesInterest(status: PipelineStatus): boolean {
  return checkTransition(OPPORTUNITY_LIFECYCLE, status, 'interest', { roles: [], partyKind: 'side', isSubjectAuthor: false }).allowed;
}

/**
 * Where one opportunity stands, from the items shown under it in the graph of the record verified
 * here: what an action's offer or an interest's acknowledgment reads without the whole pipeline.
 */
export function opportunityStatus(id: string, graph: ItemGraph, members: ReadonlyMap<string, MemberView>): PipelineStatus | undefined {
  const opportunity = graph.byId.get(id);
  if (!opportunity) return undefined;
  const items = pipelineItems(new Map([[opportunity.compartment, [opportunity, ...(graph.answers.get(id) ?? [])]]]), members);
  return opportunityPipeline(items).find((entry) => entry.opportunity === id)?.status;
}

/** Whether an interest no longer asks its acknowledgment: its opportunity was closed or withdrawn by its party. */
export function interestReleased(interestId: string, graph: ItemGraph, members: ReadonlyMap<string, MemberView>): boolean {
  const opportunity = graph.byId.get(interestId)?.signed?.envelope.references[0];
  const status = opportunity === undefined ? undefined : opportunityStatus(opportunity, graph, members);
  return status === 'closed' || status === 'withdrawn';
}

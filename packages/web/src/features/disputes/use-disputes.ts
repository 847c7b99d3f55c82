import { useMemo } from 'react';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import type { MemberView } from '../../sync/sync-types.ts';
import { useAuthenticated } from '../auth/session-context.ts';
import { useItemGraph, type ItemGraph } from '../items/item-graph.ts';
import type { DeadlineReading } from './dispute-deadline.ts';
import { indexDisputes, type DisputeIndex, type DisputeReading, type DisputeRecord } from './dispute-record.ts';

/** How the cell's parties, rules and the reader's compartments read a dispute's record. */
export function useDeadlineReading(): DeadlineReading {
  const { snapshot } = useRecordSync();
  const { cell, session } = useAuthenticated();
  return useMemo(
    () => ({
      members: snapshot.members,
      rules: cell.rules,
      kindOf: (party: string) => cell.parties.find((candidate) => candidate.id === party)?.kind,
      audienceOf: (compartment: string) => session.compartments.find((candidate) => candidate.id === compartment)?.parties ?? [],
    }),
    [snapshot.members, cell, session],
  );
}

const indexes = new WeakMap<ItemGraph, WeakMap<object, Map<string, DisputeIndex>>>();

/** The kinds of the parties the record's authors speak for: what the reading depends on besides the graph. */
function kindsKey(reading: DisputeReading): string {
  const parties = [...new Set([...reading.members.values()].map((member) => member.party))].sort();
  return parties.map((party) => `${party}:${reading.kindOf(party) ?? ''}`).join(' ');
}

/**
 * The disputes of a graph, read once per change of the record: every item card asks (for its
 * banner and its actions), so the reading is shared, not repeated per card.
 */
export function cachedDisputeIndex(graph: ItemGraph, reading: DisputeReading): DisputeIndex {
  const byMembers = indexes.get(graph) ?? new WeakMap<object, Map<string, DisputeIndex>>();
  indexes.set(graph, byMembers);
  const byKinds = byMembers.get(reading.members) ?? new Map<string, DisputeIndex>();
  byMembers.set(reading.members, byKinds);
  const key = kindsKey(reading);
  let index = byKinds.get(key);
  if (!index) {
    index = indexDisputes(graph, reading);
    byKinds.set(key, index);
  }
  return index;
}

/**
 * The disputes of a graph where the cell's parties are not at hand (whether an item still asks
 * anything): the reading already made for the page, or one that trusts the cell, which took
 * stage decisions from supervisors alone.
 */
export function disputeIndexOf(graph: ItemGraph, members: ReadonlyMap<string, MemberView>): DisputeIndex {
  const made = indexes.get(graph)?.get(members)?.values().next().value;
  return made ?? cachedDisputeIndex(graph, { members, kindOf: () => 'supervisor' });
}

/** Every dispute the reader's compartments hold. */
export function useDisputeIndex(): DisputeIndex {
  const graph = useItemGraph();
  const reading = useDeadlineReading();
  return useMemo(() => cachedDisputeIndex(graph, reading), [graph, reading]);
}

/** One dispute, or undefined while the record here does not hold it. */
export function useDispute(id: string): DisputeRecord | undefined {
  return useDisputeIndex().disputes.get(id);
}

/** The dispute an item of its process belongs to: the dispute itself, a stage decision, a resolution version. */
export function disputeOfItem(index: DisputeIndex, itemId: string): DisputeRecord | undefined {
  const direct = index.disputes.get(itemId);
  if (direct) return direct;
  for (const record of index.disputes.values()) {
    if (record.moves.some((move) => move.id === itemId) || record.resolutions.some((version) => version.id === itemId)) return record;
  }
  return undefined;
}

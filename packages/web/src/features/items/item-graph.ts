import { useMemo } from 'react';
import { AckLevel, ACK_LEVEL_RANK, isShownUnderReference, type AckLevel as AckLevelName } from '@fusion-cell/protocol';
import { CELL_AUTHOR } from '@fusion-cell/record';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { verdictOf, type MemberView, type SyncedItem } from '../../sync/sync-types.ts';

/** The items of the party's logs, linked: each item's answers, in log order. */
export interface ItemGraph {
  byId: ReadonlyMap<string, SyncedItem>;
  answers: ReadonlyMap<string, readonly SyncedItem[]>;
}

/** The item an answer refers to, when it is one. */
export function answeredItem(item: SyncedItem): string | undefined {
  const envelope = item.signed?.envelope;
  // Types that answer the one item they refer to, or are attached to it (a signature, a finding), are shown under it.
  if (!envelope || !isShownUnderReference(envelope.type)) return undefined;
  return envelope.references[0];
}

export function buildItemGraph(logs: ReadonlyMap<string, readonly SyncedItem[]>): ItemGraph {
  const byId = new Map<string, SyncedItem>();
  const answers = new Map<string, SyncedItem[]>();
  for (const items of logs.values()) {
    for (const item of items) {
      byId.set(item.id, item);
      const target = answeredItem(item);
      if (target === undefined) continue;
      const list = answers.get(target) ?? [];
      list.push(item);
      answers.set(target, list);
    }
  }
  return { byId, answers };
}

const graphs = new WeakMap<object, ItemGraph>();

/** The graph of the record as verified here; built once per change of the record. */
export function useItemGraph(): ItemGraph {
  const { snapshot } = useRecordSync();
  return useMemo(() => {
    let graph = graphs.get(snapshot.items);
    if (!graph) {
      graph = buildItemGraph(snapshot.items);
      graphs.set(snapshot.items, graph);
    }
    return graph;
  }, [snapshot.items]);
}

/** The party an item speaks for: its author's, or the cell's own. */
export function authorPartyOf(item: SyncedItem, members: ReadonlyMap<string, MemberView>): string | undefined {
  const author = item.signed?.envelope.author;
  if (author === undefined) return undefined;
  if (author === CELL_AUTHOR) return CELL_AUTHOR;
  return members.get(author)?.party;
}

/** One party's answer to an item: the highest acknowledgment level it signed, and the ack. */
export interface PartyAcknowledgment {
  party: string;
  level: AckLevelName;
  ack: SyncedItem;
}

/**
 * Each party's highest acknowledgment of an item, from the acks in the record. An ack that
 * failed verification here counts for nothing.
 */
export function acknowledgmentsOf(itemId: string, graph: ItemGraph, members: ReadonlyMap<string, MemberView>): Map<string, PartyAcknowledgment> {
  const result = new Map<string, PartyAcknowledgment>();
  for (const answer of graph.answers.get(itemId) ?? []) {
    const envelope = answer.signed?.envelope;
    if (envelope?.type !== 'ack' || verdictOf(answer.verification) === 'failed') continue;
    const level = AckLevel.safeParse(envelope.payload['level']);
    const party = authorPartyOf(answer, members);
    if (!level.success || party === undefined) continue;
    const current = result.get(party);
    if (!current || ACK_LEVEL_RANK[level.data] > ACK_LEVEL_RANK[current.level]) result.set(party, { party, level: level.data, ack: answer });
  }
  return result;
}

/** The answers of one type to an item, in log order. */
export function answersOfType(itemId: string, graph: ItemGraph, type: string): SyncedItem[] {
  return (graph.answers.get(itemId) ?? []).filter((answer) => answer.signed?.envelope.type === type);
}

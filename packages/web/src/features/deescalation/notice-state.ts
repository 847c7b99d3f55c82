import { useMemo } from 'react';
import type { Envelope } from '@fusion-cell/record';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { verdictOf, type MemberView, type SyncedItem } from '../../sync/sync-types.ts';
import { authorPartyOf, useItemGraph, type ItemGraph } from '../items/item-graph.ts';

/** Where a notice stands: still standing, replaced by a later notice, or cancelled; with the item that moved it. */
export type NoticeState = { state: 'active' } | { state: 'amended'; by: SyncedItem } | { state: 'cancelled'; by: SyncedItem };

const usable = (item: SyncedItem): boolean => item.signed !== null && verdictOf(item.verification) !== 'failed';

/** Per notice, the later notices that name it in `amends` and first refer to it. */
const amendmentIndexes = new WeakMap<ItemGraph, Map<string, SyncedItem[]>>();

function amendmentsOf(graph: ItemGraph): Map<string, SyncedItem[]> {
  let index = amendmentIndexes.get(graph);
  if (index) return index;
  index = new Map();
  for (const item of graph.byId.values()) {
    const envelope = item.signed?.envelope;
    const amends = envelope?.payload['amends'];
    if (envelope?.type !== 'activity.notice' || typeof amends !== 'string' || envelope.references[0] !== amends) continue;
    index.set(amends, [...(index.get(amends) ?? []), item]);
  }
  amendmentIndexes.set(graph, index);
  return index;
}

/**
 * A notice's state from the record verified here, as the cell's lifecycle moves it: the first
 * amendment or cancellation by the notice's own party counts (no other party may move it, and
 * nothing moves it again); one that failed verification here counts for nothing.
 */
export function noticeState(noticeId: string, graph: ItemGraph, members: ReadonlyMap<string, MemberView>): NoticeState {
  const notice = graph.byId.get(noticeId);
  if (!notice) return { state: 'active' };
  const party = authorPartyOf(notice, members);
  const byAuthorParty = (item: SyncedItem) => usable(item) && party !== undefined && authorPartyOf(item, members) === party;
  const cancellations = (graph.answers.get(noticeId) ?? []).filter((item) => item.signed?.envelope.type === 'activity.cancel' && item.signed.envelope.references[0] === noticeId);
  const moves = [
    ...(amendmentsOf(graph).get(noticeId) ?? []).filter(byAuthorParty).map((by) => ({ state: 'amended' as const, by })),
    ...cancellations.filter(byAuthorParty).map((by) => ({ state: 'cancelled' as const, by })),
  ].sort((a, b) => Date.parse(a.by.receivedAt) - Date.parse(b.by.receivedAt) || a.by.index - b.by.index);
  return moves[0] ?? { state: 'active' };
}

/** The item an envelope shown by a view was read from, by identity: views are given the envelope alone. */
const envelopeIndexes = new WeakMap<ItemGraph, Map<string, WeakMap<Envelope, SyncedItem>>>();

export function itemOfEnvelope(graph: ItemGraph, envelope: Envelope): SyncedItem | undefined {
  let byType = envelopeIndexes.get(graph);
  if (!byType) {
    byType = new Map();
    envelopeIndexes.set(graph, byType);
  }
  let index = byType.get(envelope.type);
  if (!index) {
    // The envelope's own type only: a long record of other items is not indexed for it.
    index = new WeakMap();
    for (const item of graph.byId.values()) if (item.signed?.envelope.type === envelope.type) index.set(item.signed.envelope, item);
    byType.set(envelope.type, index);
  }
  return index.get(envelope);
}

/** The state of the notice a view shows, kept up to date with the record; undefined while the notice is not in it. */
export function useNoticeState(envelope: Envelope): { item: SyncedItem; state: NoticeState } | undefined {
  const graph = useItemGraph();
  const { snapshot } = useRecordSync();
  return useMemo(() => {
    const item = itemOfEnvelope(graph, envelope);
    return item ? { item, state: noticeState(item.id, graph, snapshot.members) } : undefined;
  }, [graph, envelope, snapshot.members]);
}

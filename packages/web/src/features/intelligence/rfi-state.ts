import { readPayload, type IntelRfiClosePayload, type RfiOutcome } from '@fusion-cell/protocol';
import type { MemberView } from '../../sync/sync-types.ts';
import { answersOfType, authorPartyOf, type ItemGraph } from '../items/item-graph.ts';

/**
 * Where a request for information stands, from the record verified here: open until the party
 * that asked it closes it, as answered or unanswered; a close by anyone else moves nothing (the
 * cell refuses one, and a reader does not take the server's word for it).
 */
export function rfiState(rfiId: string, graph: ItemGraph, members: ReadonlyMap<string, MemberView>): 'open' | RfiOutcome {
  const request = graph.byId.get(rfiId);
  if (!request) return 'open';
  const asker = authorPartyOf(request, members);
  for (const close of answersOfType(rfiId, graph, 'intel.rfi.close')) {
    if (asker === undefined || authorPartyOf(close, members) !== asker || !close.signed) continue;
    const reading = readPayload('intel.rfi.close', close.signed.envelope.payload);
    if (reading.ok) return (reading.payload as IntelRfiClosePayload).outcome;
  }
  return 'open';
}

import type { PartyKind } from '@fusion-cell/protocol';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { documentOf, useDocument, type DocumentView } from '../documents/document-state.ts';
import type { ItemGraph } from '../items/item-graph.ts';
import type { MemberView } from '../../sync/sync-types.ts';
import type { DisputeRecord } from './dispute-record.ts';

/** The dispute's resolution as a co-signed document (its versions, signatures, the one in force), once one is drafted. */
export function useResolution(record: DisputeRecord): DocumentView | undefined {
  const { snapshot } = useRecordSync();
  return useDocument(record.resolutions[0]?.id ?? '', snapshot.members);
}

/** The same, where no hook may be called (an action's offer). */
export function resolutionOf(record: DisputeRecord, graph: ItemGraph, members: ReadonlyMap<string, MemberView>, partiesOf: (compartment: string) => ReadonlyArray<{ id: string; kind: PartyKind }>): DocumentView | undefined {
  const first = record.resolutions[0];
  return first ? documentOf(first.id, graph, members, partiesOf) : undefined;
}

/** Who signs the resolution: the raiser, the respondents and the supervisors of the compartment. */
export function resolutionSigners(record: DisputeRecord, audience: readonly string[], kindOf: (party: string) => PartyKind | undefined): string[] {
  const supervisors = audience.filter((party) => kindOf(party) === 'supervisor');
  return [...new Set([...(record.raiser === undefined ? [] : [record.raiser]), ...record.respondents, ...supervisors])];
}

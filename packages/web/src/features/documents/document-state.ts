import { useMemo } from 'react';
import { documentDeclaration, documentStatus, SIGNING_ACTS, type DocumentDeclaration, type DocumentSigning, type DocumentStatus, type DocumentVersion, type PartyKind, type SigningAct } from '@fusion-cell/protocol';
import { useAuthenticated } from '../auth/session-context.ts';
import { authorPartyOf, useItemGraph, type ItemGraph } from '../items/item-graph.ts';
import { verdictOf, type MemberView, type SyncedItem } from '../../sync/sync-types.ts';

/** A co-signed document as the record verified in this browser shows it. */
export interface DocumentView {
  id: string;
  type: string;
  compartment: string;
  declaration: DocumentDeclaration;
  status: DocumentStatus;
  /** Its versions, oldest first. */
  versions: SyncedItem[];
}

const usable = (item: SyncedItem | undefined): item is SyncedItem & { signed: NonNullable<SyncedItem['signed']> } => item?.signed != null && verdictOf(item.verification) !== 'failed';

/** The version an item replaces: its first reference, when that is an item of its own type. */
function replaced(item: SyncedItem, graph: ItemGraph): SyncedItem | undefined {
  const envelope = item.signed?.envelope;
  const previous = envelope?.references[0] === undefined ? undefined : graph.byId.get(envelope.references[0]);
  return previous?.signed?.envelope.type === envelope?.type ? previous : undefined;
}

/**
 * The document a version belongs to, computed by the protocol's `documentStatus` from the
 * verified entries alone, as the server computes it from its own: the versions chained from
 * the first, the initials and signatures on each (an act that failed verification here
 * counts for nothing), and the parties that sign each.
 */
export function documentOf(versionId: string, graph: ItemGraph, members: ReadonlyMap<string, MemberView>, partiesOf: (compartment: string) => ReadonlyArray<{ id: string; kind: PartyKind }>): DocumentView | undefined {
  const start = graph.byId.get(versionId);
  if (!usable(start)) return undefined;
  const { type, compartment } = start.signed.envelope;
  const declaration = documentDeclaration(type);
  if (!declaration) return undefined;
  let first: SyncedItem = start;
  for (let previous = replaced(first, graph); previous; previous = replaced(first, graph)) first = previous;
  const versions: SyncedItem[] = [first];
  for (;;) {
    const latest = versions[versions.length - 1];
    const next = [...graph.byId.values()].find((item) => usable(item) && item.signed.envelope.type === type && replaced(item, graph) === latest);
    if (!next) break;
    versions.push(next);
  }
  const parties = partiesOf(compartment);
  const documentVersions: DocumentVersion[] = versions.filter(usable).map((version, position) => ({
    id: version.id,
    number: position + 1,
    authorParty: authorPartyOf(version, members) ?? '',
    receivedAt: version.index,
    signers: declaration.signers(parties, version.signed.envelope.payload),
    ...(position > 0 ? { supersedes: versions[position - 1]?.id } : {}),
  }));
  const signings: DocumentSigning[] = versions.flatMap((version) =>
    (graph.answers.get(version.id) ?? []).flatMap((item) => {
      const envelope = item.signed?.envelope;
      const act = envelope?.payload['act'];
      const party = authorPartyOf(item, members);
      if (!usable(item) || envelope?.type !== 'document.sign' || envelope.references[0] !== version.id || party === undefined) return [];
      if (!SIGNING_ACTS.includes(act as SigningAct) || envelope.payload['version'] !== version.id) return [];
      return [{ version: version.id, party, act: act as SigningAct, item: item.id, receivedAt: item.index }];
    }),
  );
  return { id: first.id, type, compartment, declaration, status: documentStatus(declaration, documentVersions, signings), versions };
}

/** The document of a version, kept up to date with the record. */
export function useDocument(versionId: string, members: ReadonlyMap<string, MemberView>): DocumentView | undefined {
  const graph = useItemGraph();
  const { cell, session } = useAuthenticated();
  return useMemo(() => {
    const partiesOf = (compartment: string) => {
      const ids = session.compartments.find((candidate) => candidate.id === compartment)?.parties ?? [];
      return ids.map((id) => ({ id, kind: cell.parties.find((party) => party.id === id)?.kind ?? ('observer' as PartyKind) }));
    };
    return documentOf(versionId, graph, members, partiesOf);
  }, [versionId, graph, members, cell, session]);
}

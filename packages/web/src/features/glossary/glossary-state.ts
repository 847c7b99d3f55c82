import { useMemo } from 'react';
import { GlossaryTermPayload, glossaryMatcher, LANGUAGES, type CellInfo, type GlossaryMatcher, type GlossaryPhrase, type PartyKind, type SessionInfo, type VersionStatus } from '@fusion-cell/protocol';
import { useRecordSync } from '../../sync/record-sync-context.ts';
import { verdictOf, type MemberView, type SyncedItem, type SyncSnapshot } from '../../sync/sync-types.ts';
import { useSession } from '../auth/session-context.ts';
import { documentOf, type DocumentView } from '../documents/document-state.ts';
import { buildItemGraph } from '../items/item-graph.ts';

/** One version of a term as the record verified here holds it. */
export interface TermVersion {
  item: SyncedItem;
  payload: GlossaryTermPayload;
  status: VersionStatus;
}

/** A term of the glossary: a co-signed document, the version agreed (if any) and the latest one. */
export interface GlossaryEntry {
  /** The document's id: its first version's. */
  id: string;
  compartment: string;
  document: DocumentView;
  inForce?: TermVersion;
  latest: TermVersion;
}

/** The glossary agreed, ready to find its terms in any text. */
export interface GlossaryInForce {
  entries: readonly GlossaryEntry[];
  matcher: GlossaryMatcher<GlossaryEntry>;
}

type Session = { session: SessionInfo; cell: CellInfo };

const isTermOrSignature = (item: SyncedItem) => {
  const type = item.signed?.envelope.type;
  return (type === 'glossary.term' || type === 'document.sign') && verdictOf(item.verification) !== 'failed';
};

function versionOf(document: DocumentView, status: VersionStatus | undefined): TermVersion | undefined {
  const item = document.versions.find((version) => version.id === status?.id);
  const payload = GlossaryTermPayload.safeParse(item?.signed?.envelope.payload);
  return item && status && payload.success ? { item, payload: payload.data, status } : undefined;
}

/**
 * Every term of the glossary in the compartments the party reads (glossary terms are filed in
 * plenary), each computed by the protocol's `documentStatus` from the verified record alone, as
 * the documents are: only the terms and the signatures on them are read, so this stays cheap
 * however long the record grows. Sorted by the words of their latest version.
 */
export function glossaryEntries(items: ReadonlyMap<string, readonly SyncedItem[]>, members: ReadonlyMap<string, MemberView>, { session, cell }: Session): GlossaryEntry[] {
  const plenaries = session.compartments.filter((compartment) => compartment.kind === 'plenary');
  const graph = buildItemGraph(new Map(plenaries.map((compartment) => [compartment.id, (items.get(compartment.id) ?? []).filter(isTermOrSignature)])));
  const partiesOf = (compartment: string) => {
    const ids = session.compartments.find((candidate) => candidate.id === compartment)?.parties ?? [];
    return ids.map((id) => ({ id, kind: cell.parties.find((party) => party.id === id)?.kind ?? ('observer' as PartyKind) }));
  };
  const entries: GlossaryEntry[] = [];
  for (const item of graph.byId.values()) {
    const envelope = item.signed?.envelope;
    if (envelope?.type !== 'glossary.term') continue;
    // A document is counted from its first version: one that refers to no earlier term.
    const first = envelope.references[0] === undefined ? undefined : graph.byId.get(envelope.references[0]);
    if (first?.signed?.envelope.type === 'glossary.term') continue;
    const document = documentOf(item.id, graph, members, partiesOf);
    const latest = document && versionOf(document, document.status.latest);
    if (!document || !latest) continue;
    const inForce = versionOf(document, document.status.inForce);
    entries.push({ id: document.id, compartment: envelope.compartment, document, latest, ...(inForce ? { inForce } : {}) });
  }
  return entries.sort((a, b) => a.latest.payload.term.localeCompare(b.latest.payload.term));
}

/** Each way a term in force is written: the term and its equivalents in every language. */
export function phrasesOf(entries: readonly GlossaryEntry[]): GlossaryPhrase<GlossaryEntry>[] {
  return entries.flatMap((entry) => {
    const payload = entry.inForce?.payload;
    if (!payload) return [];
    const written = [payload.term, ...LANGUAGES.flatMap((language) => payload.equivalents?.[language] ?? [])];
    return written.map((phrase) => ({ phrase, term: entry }));
  });
}

const EMPTY: GlossaryInForce = { entries: [], matcher: glossaryMatcher([]) };

/** The glossary last computed, and what it was computed from: every text of a page asks for it at once. */
let last: { items: unknown; members: unknown; session: unknown; glossary: GlossaryInForce } | undefined;

/**
 * The terms in force, from the record as verified here. Kept while nothing it depends on
 * changed, and while the versions in force stay the same, so texts are not searched again
 * when the record grows by anything else.
 */
export function glossaryInForce(snapshot: Pick<SyncSnapshot, 'items' | 'members'> | undefined, session: Session | undefined): GlossaryInForce {
  if (!snapshot || !session) return EMPTY;
  if (last && last.items === snapshot.items && last.members === snapshot.members && last.session === session) return last.glossary;
  const entries = glossaryEntries(snapshot.items, snapshot.members, session).filter((entry) => entry.inForce);
  const signature = (glossary: readonly GlossaryEntry[]) => glossary.map((entry) => entry.inForce?.item.id).join(' ');
  const glossary = last && signature(last.glossary.entries) === signature(entries) ? last.glossary : entries.length === 0 ? EMPTY : { entries, matcher: glossaryMatcher(phrasesOf(entries)) };
  last = { items: snapshot.items, members: snapshot.members, session, glossary };
  return glossary;
}

/** The terms in force, for highlighting them in the texts of items. */
export function useGlossaryInForce(): GlossaryInForce {
  const { snapshot } = useRecordSync();
  const { state } = useSession();
  return glossaryInForce(snapshot as SyncSnapshot | undefined, state.status === 'authenticated' ? state : undefined);
}

/** Every term, in force or proposed, kept up to date with the record. */
export function useGlossaryEntries(session: Session): GlossaryEntry[] {
  const { snapshot } = useRecordSync();
  return useMemo(() => glossaryEntries(snapshot.items, snapshot.members, session), [snapshot.items, snapshot.members, session]);
}

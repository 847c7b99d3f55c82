import { readPayload, type JointTextBracketPayload, type JointTextDecisionPayload, type JointTextPayload, type JointTextSuggestionPayload, type PartyKind } from '@fusion-cell/protocol';
import { verdictOf, type MemberView, type SyncedItem } from '../../../sync/sync-types.ts';
import { documentOf, type DocumentView } from '../../documents/document-state.ts';
import { answersOfType, authorPartyOf, type ItemGraph } from '../../items/item-graph.ts';

type Readable = SyncedItem & { signed: NonNullable<SyncedItem['signed']> };
const usable = (item: SyncedItem | undefined): item is Readable => item?.signed != null && verdictOf(item.verification) !== 'failed';

function payloadOf<Payload>(item: Readable): Payload | undefined {
  const reading = readPayload(item.signed.envelope.type, item.signed.envelope.payload);
  return reading.ok ? (reading.payload as Payload) : undefined;
}

/** One version of the text, read at its type's current version. */
export interface TextVersion {
  id: string;
  number: number;
  item: SyncedItem;
  payload: JointTextPayload;
  authorParty: string | undefined;
}

/** A bracket still open: the party that owns it, on which passage, why, and the item that raised it. */
export interface OpenBracket {
  party: string;
  passage: string;
  reason: string | undefined;
  language: string;
  item: string;
}

export interface TextSuggestion {
  id: string;
  item: SyncedItem;
  /** The version it was made on. */
  version: string;
  versionNumber: number;
  party: string | undefined;
  payload: JointTextSuggestionPayload;
  decision: { id: string; payload: JointTextDecisionPayload } | undefined;
}

/** A joint text as the record verified here shows it: its versions, their state, its open brackets and its suggestions. */
export interface JointText {
  id: string;
  compartment: string;
  document: DocumentView;
  versions: TextVersion[];
  latest: TextVersion;
  openBrackets: OpenBracket[];
  suggestions: TextSuggestion[];
}

/**
 * Brackets are raised and lifted on whichever version was latest at the time and stay open
 * across versions, so they are read over every version, in log order: a party's raise opens
 * its bracket on a passage, only that party's lift closes it.
 */
export function openBracketsOf(versions: readonly string[], graph: ItemGraph, members: ReadonlyMap<string, MemberView>): OpenBracket[] {
  const acts = versions
    .flatMap((version) => answersOfType(version, graph, 'joint.text.bracket'))
    .filter(usable)
    .sort((a, b) => a.index - b.index);
  const open = new Map<string, OpenBracket>();
  for (const act of acts) {
    const payload = payloadOf<JointTextBracketPayload>(act);
    const party = authorPartyOf(act, members);
    if (!payload || party === undefined) continue;
    const key = `${party}\u0000${payload.passage}`;
    if (payload.action === 'raise' && !open.has(key)) open.set(key, { party, passage: payload.passage, reason: payload.reason, language: payload.language, item: act.id });
    if (payload.action === 'lift') open.delete(key);
  }
  return [...open.values()];
}

function suggestionsOf(versions: readonly TextVersion[], graph: ItemGraph, members: ReadonlyMap<string, MemberView>): TextSuggestion[] {
  return versions.flatMap((version) =>
    answersOfType(version.id, graph, 'joint.text.suggestion')
      .filter(usable)
      .flatMap((item) => {
        const payload = payloadOf<JointTextSuggestionPayload>(item);
        if (!payload) return [];
        const decisionItem = answersOfType(item.id, graph, 'joint.text.decision').filter(usable)[0];
        const decision = decisionItem ? payloadOf<JointTextDecisionPayload>(decisionItem) : undefined;
        return [{ id: item.id, item, version: version.id, versionNumber: version.number, party: authorPartyOf(item, members), payload, decision: decisionItem && decision ? { id: decisionItem.id, payload: decision } : undefined }];
      }),
  );
}

/** The text a version belongs to, from the record verified here; undefined for anything else. */
export function jointTextOf(versionId: string, graph: ItemGraph, members: ReadonlyMap<string, MemberView>, partiesOf: (compartment: string) => ReadonlyArray<{ id: string; kind: PartyKind }>): JointText | undefined {
  const document = documentOf(versionId, graph, members, partiesOf);
  if (!document || document.type !== 'joint.text') return undefined;
  const versions = document.versions.filter(usable).flatMap((item, position) => {
    const payload = payloadOf<JointTextPayload>(item);
    return payload ? [{ id: item.id, number: position + 1, item, payload, authorParty: authorPartyOf(item, members) }] : [];
  });
  const latest = versions[versions.length - 1];
  if (!latest) return undefined;
  const ids = versions.map((version) => version.id);
  return { id: document.id, compartment: document.compartment, document, versions, latest, openBrackets: openBracketsOf(ids, graph, members), suggestions: suggestionsOf(versions, graph, members) };
}

/** Every joint text of the reader's compartments, newest first. */
export function jointTexts(graph: ItemGraph, members: ReadonlyMap<string, MemberView>, partiesOf: (compartment: string) => ReadonlyArray<{ id: string; kind: PartyKind }>): JointText[] {
  const texts = new Map<string, JointText>();
  for (const item of graph.byId.values()) {
    if (!usable(item) || item.signed.envelope.type !== 'joint.text') continue;
    // Every version leads to its text: one built from its first version is enough.
    if (item.signed.envelope.references[0] !== undefined && graph.byId.get(item.signed.envelope.references[0])?.signed?.envelope.type === 'joint.text') continue;
    const text = jointTextOf(item.id, graph, members, partiesOf);
    if (text) texts.set(text.id, text);
  }
  return [...texts.values()].sort((a, b) => b.latest.item.receivedAt.localeCompare(a.latest.item.receivedAt));
}

/** Why the latest version cannot be initialled or signed now, in order of what to fix first. */
export function signingBlock(text: JointText): { kind: 'brackets'; count: number } | { kind: 'options'; passages: string[] } | undefined {
  if (text.openBrackets.length > 0) return { kind: 'brackets', count: text.openBrackets.length };
  const options = text.latest.payload.sections.flatMap((section) => section.passages.filter((passage) => passage.options !== undefined).map((passage) => passage.id));
  return options.length > 0 ? { kind: 'options', passages: options } : undefined;
}

import { AckPayload } from '@fusion-cell/protocol';
import { verdictOf, type MemberView, type SyncedItem } from '../../sync/sync-types.ts';
import { answersOfType, authorPartyOf, type ItemGraph } from '../items/item-graph.ts';
import { originalTextOf, type OriginalText } from '../translations/original-text.ts';

/** An `understood` acknowledgment's read-back, beside the item it read back, and what its author's party made of it. */
export interface Readback {
  ack: SyncedItem;
  readBack: { text: string; language: AckPayload['language'] };
  /** The party that read it back. */
  reader: string | undefined;
  /** The item read back, and the party that wrote it: the one that confirms. */
  subject: SyncedItem;
  author: string | undefined;
  original: OriginalText | undefined;
  /** The author's party's confirmation, once given. */
  confirmation: SyncedItem | undefined;
  /** The author's party's request for clarification on it, once asked. */
  query: SyncedItem | undefined;
}

const usable = (item: SyncedItem) => item.signed !== null && verdictOf(item.verification) !== 'failed';

/** The read-back an item carries, when it is an `understood` acknowledgment with one, of an item the record here holds. */
export function readbackOf(ack: SyncedItem, graph: ItemGraph, members: ReadonlyMap<string, MemberView>): Readback | undefined {
  const envelope = ack.signed?.envelope;
  if (envelope?.type !== 'ack' || !usable(ack)) return undefined;
  const payload = AckPayload.safeParse(envelope.payload);
  if (!payload.success || payload.data.level !== 'understood' || payload.data.readBack === undefined) return undefined;
  const subject = envelope.references[0] === undefined ? undefined : graph.byId.get(envelope.references[0]);
  if (!subject || !usable(subject)) return undefined;
  const author = authorPartyOf(subject, members);
  const byAuthor = (type: string) => answersOfType(ack.id, graph, type).find((answer) => usable(answer) && author !== undefined && authorPartyOf(answer, members) === author);
  return {
    ack,
    readBack: { text: payload.data.readBack, language: payload.data.language },
    reader: authorPartyOf(ack, members),
    subject,
    author,
    original: originalTextOf(subject.signed?.envelope),
    confirmation: byAuthor('readback.confirm'),
    query: byAuthor('clarification'),
  };
}

/**
 * The read-backs of a party's own items that it has neither confirmed nor queried yet, oldest
 * first: what stays on its watch until it says whether it was understood.
 */
export function readbacksAwaiting(graph: ItemGraph, members: ReadonlyMap<string, MemberView>, party: string): Readback[] {
  const awaiting: Readback[] = [];
  for (const item of graph.byId.values()) {
    if (item.signed?.envelope.type !== 'ack') continue;
    const readback = readbackOf(item, graph, members);
    if (readback && readback.author === party && readback.confirmation === undefined && readback.query === undefined) awaiting.push(readback);
  }
  return awaiting.sort((a, b) => a.ack.receivedAt.localeCompare(b.ack.receivedAt));
}

import type { PartyKind } from '@fusion-cell/protocol';
import { CELL_AUTHOR, type Envelope } from '@fusion-cell/record';
import { documentOfVersion, loadDocument, type LoadedDocument } from '../../documents/document-store.ts';
import { DomainError } from '../../errors.ts';
import { parseLeaf } from '../../record/applied-entry.ts';
import type { Executor, RuleServices } from '../server-item-type.ts';

/** An item as the diplomatic checks read it: where it is, who entered it, what it says and refers to. */
export interface RecordedItem {
  id: string;
  type: string;
  compartment: string;
  /** The party of its author; `@cell` for the cell's own items. */
  party: string;
  receivedAt: number;
  index: number;
  references: string[];
  payload: Record<string, unknown>;
}

/** One item of the record by id, or undefined when there is none. */
export async function recordedItem(db: Executor, id: string): Promise<RecordedItem | undefined> {
  const row = await db
    .selectFrom('items')
    .innerJoin('log_entries', 'log_entries.item_id', 'items.id')
    .leftJoin('members', 'members.id', 'items.author_id')
    .select(['items.id', 'items.type', 'items.compartment_id', 'items.received_at', 'items.idx', 'members.party_id', 'log_entries.leaf'])
    .where('items.id', '=', id)
    .executeTakeFirst();
  return row && toRecorded(row);
}

/**
 * The items of these types whose first reference is `subject`, in the order the cell received
 * them: a meeting's confirmation and cancellation, a commitment's reports and verdicts.
 */
export async function actsOn(db: Executor, subject: string, types: readonly string[]): Promise<RecordedItem[]> {
  const rows = await db
    .selectFrom('item_references')
    .innerJoin('items', 'items.id', 'item_references.item_id')
    .innerJoin('log_entries', 'log_entries.item_id', 'items.id')
    .leftJoin('members', 'members.id', 'items.author_id')
    .select(['items.id', 'items.type', 'items.compartment_id', 'items.received_at', 'items.idx', 'members.party_id', 'log_entries.leaf'])
    .where('item_references.referenced_id', '=', subject)
    .where('items.type', 'in', [...types])
    .orderBy('items.received_at')
    .orderBy('items.idx')
    .execute();
  return rows.map(toRecorded).filter((item) => item.references[0] === subject);
}

function toRecorded(row: { id: string; type: string; compartment_id: string; received_at: number; idx: number; party_id: string | null; leaf: string }): RecordedItem {
  const { envelope } = parseLeaf(row.leaf);
  return {
    id: row.id,
    type: row.type,
    compartment: row.compartment_id,
    party: row.party_id ?? CELL_AUTHOR,
    receivedAt: Number(row.received_at),
    index: Number(row.idx),
    references: envelope.references,
    payload: envelope.payload,
  };
}

export function partyKindOf(services: RuleServices, party: string): PartyKind | undefined {
  return services.record.cell.partyKinds.get(party);
}

/** The item a rule's first reference names, of one of the expected types, in the item's own compartment. */
export async function firstReferenceOf(services: RuleServices, envelope: Envelope, types: readonly string[], what: string): Promise<RecordedItem> {
  const [first] = envelope.references;
  const item = first === undefined ? undefined : await recordedItem(services.db, first);
  if (!item || !types.includes(item.type)) throw new DomainError('validation_failed', `${envelope.type} refers first to ${what}`, first === undefined ? 'envelope.references' : 'envelope.references[0]');
  if (item.compartment !== envelope.compartment) throw new DomainError('validation_failed', `${envelope.type} is entered in the compartment of ${what}`, 'envelope.compartment');
  return item;
}

/** A version of a co-signed document of one of these types, with its document. */
export async function documentVersion(services: RuleServices, versionId: string, types: readonly string[]): Promise<LoadedDocument | undefined> {
  const documentId = await documentOfVersion(services.db, versionId);
  const document = documentId && (await loadDocument(services.db, services.record.cell, documentId));
  return document && types.includes(document.type) ? document : undefined;
}

/** Whether two lists name the same values, in any order. */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((value) => left.has(value));
}

import type { SignedEnvelope } from '@fusion-cell/record';
import type { CellServices } from '../../cell-services.ts';
import { toIso } from '../../clock.ts';
import { loadDocument, payloadOf, type LoadedDocument } from '../../documents/document-store.ts';
import { DomainError, notFound } from '../../errors.ts';
import type { Actor } from '../../policy/actor.ts';
import { authorize } from '../../policy/policy.ts';
import { parseLeaf } from '../../record/applied-entry.ts';

/** The document types printed: what parties sign as the outcome of their talks. */
export const PRINTABLE_TYPES = ['minutes', 'joint.text'] as const;
export type PrintableType = (typeof PRINTABLE_TYPES)[number];

/** One entry of the record as the PDF cites it and the proof carries it. */
export interface SourceEntry {
  itemId: string;
  index: number;
  receivedAt: string;
  signed: SignedEnvelope;
}

export interface SourceSigning extends SourceEntry {
  party: string;
  partyName: string;
  memberName: string;
  act: 'initials' | 'signature';
}

/** Everything a document's PDF shows, read once from the derived tables and the log. */
export interface DocumentSource {
  document: LoadedDocument & { type: PrintableType };
  version: SourceEntry & { number: number; payload: Record<string, unknown> };
  signers: readonly string[];
  signings: SourceSigning[];
  /** The meeting minutes record, when it is in the same compartment (its readers are the same). */
  meeting?: Record<string, unknown>;
  partyNames: ReadonlyMap<string, string>;
}

function isPrintable(type: string): type is PrintableType {
  return (PRINTABLE_TYPES as readonly string[]).includes(type);
}

async function entryOf(services: CellServices, itemId: string): Promise<(SourceEntry & { compartment: string }) | undefined> {
  const row = await services.db.selectFrom('log_entries').select(['compartment_id', 'idx', 'leaf', 'received_at']).where('item_id', '=', itemId).executeTakeFirst();
  return row && { itemId, index: Number(row.idx), receivedAt: toIso(Number(row.received_at)), signed: parseLeaf(row.leaf), compartment: row.compartment_id };
}

/**
 * A document's version in force (or the one asked for, which must be in force), with every act
 * on it. A document in a compartment the member's party does not read is answered exactly as
 * one that does not exist.
 */
export async function loadDocumentSource(services: CellServices, actor: Actor, documentId: string, versionId: string | undefined): Promise<DocumentSource> {
  const row = await services.db.selectFrom('documents').select(['compartment_id']).where('id', '=', documentId).executeTakeFirst();
  if (!row) throw notFound('document');
  authorize(actor, { type: 'compartment.read', compartment: row.compartment_id }, 'document');
  const document = await loadDocument(services.db, services.record.cell, documentId);
  if (!document) throw notFound('document');
  if (!isPrintable(document.type)) {
    throw new DomainError('validation_failed', `a PDF is made of agreed minutes or a signed joint text, not of a ${document.type}`, 'params.documentId');
  }
  const wanted = versionId ?? document.status.inForce?.id;
  const status = wanted === undefined ? undefined : document.status.versions.find((version) => version.id === wanted);
  if (versionId !== undefined && !status) throw new DomainError('not_found', `version ${versionId} is not a version of this document`, 'query.version');
  if (!status || status.state !== 'in-force') {
    const named = status ?? document.status.latest;
    throw new DomainError('conflict', `version ${named.number} (${named.id}) is not in force: it is ${named.state}; only a version every party signed is printed`, versionId ? 'query.version' : undefined);
  }
  const versionEntry = await entryOf(services, status.id);
  if (!versionEntry) throw notFound('document');
  const version = { ...versionEntry, number: status.number, payload: (await payloadOf(services.db, status.id)) ?? {} };

  const parties = await services.db.selectFrom('parties').select(['id', 'name']).execute();
  const partyNames = new Map(parties.map((party) => [party.id, party.name]));
  const acts = await services.db.selectFrom('document_signings').selectAll().where('version_id', '=', status.id).orderBy('received_at').execute();
  const signings: SourceSigning[] = [];
  for (const act of acts) {
    const entry = await entryOf(services, act.item_id);
    if (!entry) continue;
    const member = await services.db.selectFrom('members').select('display_name').where('id', '=', entry.signed.envelope.author).executeTakeFirst();
    signings.push({ ...entry, party: act.party_id, partyName: partyNames.get(act.party_id) ?? act.party_id, memberName: member?.display_name ?? entry.signed.envelope.author, act: act.act });
  }
  signings.sort((a, b) => a.index - b.index);

  let meeting: Record<string, unknown> | undefined;
  if (document.type === 'minutes' && typeof version.payload.meeting === 'string') {
    const entry = await entryOf(services, version.payload.meeting);
    if (entry?.compartment === document.compartment) meeting = entry.signed.envelope.payload;
  }
  return { document: { ...document, type: document.type }, version, signers: status.signers, signings, partyNames, ...(meeting ? { meeting } : {}) };
}

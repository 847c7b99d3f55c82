import { documentDeclaration } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import type { CellContext } from '../cell/cell-context.ts';
import { DomainError } from '../errors.ts';
import type { Executor, RuleServices } from '../item-types/server-item-type.ts';
import type { AppliedEntry } from '../record/applied-entry.ts';
import { documentOfVersion, loadDocument } from './document-store.ts';

/**
 * The version an item replaces, when it is a new version of a document: its first reference,
 * if that is an item of the same type. Otherwise it starts a document of its own.
 */
async function replacedVersion(db: Executor, envelope: Envelope): Promise<string | undefined> {
  const [first] = envelope.references;
  if (!first) return undefined;
  const referenced = await db.selectFrom('items').select('type').where('id', '=', first).executeTakeFirst();
  return referenced?.type === envelope.type ? first : undefined;
}

/**
 * A new version replaces the document's latest version, in the document's compartment and
 * track: two parties editing the same version cannot both succeed (this runs again under the
 * log's lock), and no one forks a document from an old version.
 */
export async function checkDocumentVersion(services: RuleServices, envelope: Envelope): Promise<void> {
  if (!documentDeclaration(envelope.type)) return;
  const replaced = await replacedVersion(services.db, envelope);
  if (!replaced) return;
  const documentId = await documentOfVersion(services.db, replaced);
  const document = documentId && (await loadDocument(services.db, services.record.cell, documentId));
  if (!document) throw new DomainError('reference_not_found', 'the version this one replaces was not found', 'envelope.references[0]');
  if (document.compartment !== envelope.compartment) throw new DomainError('validation_failed', 'a new version is entered in the compartment of its document', 'envelope.compartment');
  const latest = document.status.latest;
  if (documentDeclaration(envelope.type)?.final && document.status.inForce) {
    throw new DomainError('conflict', `version ${document.status.inForce.number} is agreed by every party: an agreed ${envelope.type} takes no new version`, 'envelope.references[0]');
  }
  if (latest.id !== replaced) {
    const stale = document.status.versions.find((version) => version.id === replaced);
    throw new DomainError('conflict', `version ${stale?.number ?? '?'} is stale: a new version replaces the latest, version ${latest.number}`, 'envelope.references[0]');
  }
}

/** Whether the item's check reads what a concurrent new version can change. */
export function isDocumentVersion(type: string): boolean {
  return documentDeclaration(type) !== undefined;
}

/** Records a version: version 1 of a new document, or the next version of the one it replaces. */
export async function deriveDocumentVersion(trx: Executor, _context: CellContext, entry: AppliedEntry, authorParty: string): Promise<void> {
  const { envelope } = entry.signed;
  if (!documentDeclaration(envelope.type)) return;
  const replaced = await replacedVersion(trx, envelope);
  const previous = replaced ? await trx.selectFrom('document_versions').select(['document_id', 'number']).where('version_id', '=', replaced).executeTakeFirst() : undefined;
  const documentId = previous?.document_id ?? entry.itemId;
  const number = previous ? Number(previous.number) + 1 : 1;
  await trx
    .insertInto('document_versions')
    .values({ version_id: entry.itemId, document_id: documentId, number, supersedes: replaced ?? null, author_party: authorParty, received_at: entry.receivedAt })
    .execute();
  if (previous) {
    await trx.updateTable('documents').set({ latest_version_id: entry.itemId, latest_number: number }).where('id', '=', documentId).execute();
  } else {
    await trx
      .insertInto('documents')
      .values({ id: documentId, type: envelope.type, compartment_id: envelope.compartment, latest_version_id: entry.itemId, latest_number: 1, in_force_version_id: null, in_force_number: null })
      .execute();
  }
}

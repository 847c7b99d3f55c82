import { checkSigning, type DocumentSignPayload, type SigningRefusal } from '@fusion-cell/protocol';
import type { ErrorCode } from '@fusion-cell/protocol';
import { documentOfVersion, loadDocument, payloadOf } from '../../documents/document-store.ts';
import { DomainError } from '../../errors.ts';
import { serverItemType } from '../registry.ts';
import { defineServerItemType } from '../server-item-type.ts';

const REFUSAL_CODES: Record<SigningRefusal, ErrorCode> = {
  stale: 'conflict',
  done: 'conflict',
  order: 'conflict',
  unsignable: 'conflict',
  signer: 'forbidden',
  act: 'validation_failed',
};

/**
 * Initials or a signature bind to the exact version they refer to: only the latest version
 * of its document, only by a party that signs it, in turn, once. The document's state (which
 * version is in force) follows from the acts recorded.
 */
export const documentSignModule = defineServerItemType({
  type: 'document.sign',
  // A new version or a simultaneous act can change what this one may do.
  recheckUnderLock: true,
  async check(services, actor, envelope) {
    const payload = envelope.payload as unknown as DocumentSignPayload;
    const [versionId] = envelope.references;
    if (!versionId) throw new DomainError('validation_failed', 'document.sign refers first to the version it signs', 'envelope.references');
    if (payload.version !== versionId) throw new DomainError('validation_failed', 'the version signed must be the one referred to first', 'envelope.payload.version');
    const documentId = await documentOfVersion(services.db, versionId);
    const document = documentId && (await loadDocument(services.db, services.record.cell, documentId));
    if (!document) throw new DomainError('validation_failed', 'document.sign refers first to a version of a co-signed document', 'envelope.references[0]');
    if (document.compartment !== envelope.compartment) throw new DomainError('validation_failed', 'a document is signed in its own compartment', 'envelope.compartment');
    const versionPayload = (await payloadOf(services.db, versionId)) ?? {};
    const signing = checkSigning(document.declaration, document.status, { id: versionId, payload: versionPayload }, actor.partyId, payload.act);
    if (!signing.allowed) throw new DomainError(REFUSAL_CODES[signing.because], signing.reason, `envelope.${signing.field}`);
    const blocked = await serverItemType(document.type)?.signingBlocked?.(services.db, document.id);
    if (blocked) throw new DomainError('conflict', blocked, 'envelope.references[0]');
  },
  async derive(trx, entry, party, context) {
    const payload = entry.signed.envelope.payload as unknown as DocumentSignPayload;
    const documentId = await documentOfVersion(trx, payload.version);
    if (!documentId) return;
    await trx
      .insertInto('document_signings')
      .values({ item_id: entry.itemId, version_id: payload.version, document_id: documentId, party_id: party, act: payload.act, received_at: entry.receivedAt })
      .execute();
    const document = await loadDocument(trx, context, documentId);
    const inForce = document?.status.inForce;
    await trx
      .updateTable('documents')
      .set({ in_force_version_id: inForce?.id ?? null, in_force_number: inForce?.number ?? null })
      .where('id', '=', documentId)
      .execute();
  },
});

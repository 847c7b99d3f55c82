import { documentDeclaration, documentStatus, type DocumentDeclaration, type DocumentStatus, type DocumentVersion, type PartyKind } from '@fusion-cell/protocol';
import type { CellContext } from '../cell/cell-context.ts';
import type { Executor } from '../item-types/server-item-type.ts';
import { parseLeaf } from '../record/applied-entry.ts';

/** A document as the derived tables hold it, with its status computed by the protocol's rules. */
export interface LoadedDocument {
  id: string;
  type: string;
  compartment: string;
  declaration: DocumentDeclaration;
  status: DocumentStatus;
}

/** The parties that sign a version: the type says which, from the compartment's parties and the version's payload. */
export function signersOf(context: CellContext, declaration: DocumentDeclaration, compartment: string, payload: Record<string, unknown>): string[] {
  const parties = (context.audiences.get(compartment) ?? []).map((id) => ({ id, kind: context.partyKinds.get(id) ?? ('observer' as PartyKind) }));
  return declaration.signers(parties, payload);
}

/** The payload of an entry in the record, by its item id. */
export async function payloadOf(db: Executor, itemId: string): Promise<Record<string, unknown> | undefined> {
  const row = await db.selectFrom('log_entries').select('leaf').where('item_id', '=', itemId).executeTakeFirst();
  return row ? parseLeaf(row.leaf).envelope.payload : undefined;
}

/** The document a version belongs to, when the item is a version of one. */
export async function documentOfVersion(db: Executor, versionId: string): Promise<string | undefined> {
  const row = await db.selectFrom('document_versions').select('document_id').where('version_id', '=', versionId).executeTakeFirst();
  return row?.document_id;
}

/** Loads a document with every version, every act on them and who signs each. */
export async function loadDocument(db: Executor, context: CellContext, documentId: string): Promise<LoadedDocument | undefined> {
  const document = await db.selectFrom('documents').select(['id', 'type', 'compartment_id']).where('id', '=', documentId).executeTakeFirst();
  const declaration = document && documentDeclaration(document.type);
  if (!document || !declaration) return undefined;
  const rows = await db.selectFrom('document_versions').selectAll().where('document_id', '=', documentId).orderBy('number').execute();
  const versions: DocumentVersion[] = [];
  for (const row of rows) {
    const payload = (await payloadOf(db, row.version_id)) ?? {};
    versions.push({
      id: row.version_id,
      number: Number(row.number),
      authorParty: row.author_party,
      receivedAt: Number(row.received_at),
      signers: signersOf(context, declaration, document.compartment_id, payload),
      ...(row.supersedes ? { supersedes: row.supersedes } : {}),
    });
  }
  const signings = await db.selectFrom('document_signings').selectAll().where('document_id', '=', documentId).execute();
  const status = documentStatus(
    declaration,
    versions,
    signings.map((row) => ({ version: row.version_id, party: row.party_id, act: row.act, item: row.item_id, receivedAt: Number(row.received_at) })),
  );
  return { id: document.id, type: document.type, compartment: document.compartment_id, declaration, status };
}

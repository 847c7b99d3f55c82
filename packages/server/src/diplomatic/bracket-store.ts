import type { JointTextBracketPayload } from '@fusion-cell/protocol';
import { documentOfVersion } from '../documents/document-store.ts';
import type { Executor } from '../item-types/server-item-type.ts';
import type { AppliedEntry } from '../record/applied-entry.ts';

/** A bracket open on a passage of a joint text. */
export interface OpenBracket {
  passage: string;
  party: string;
  /** The `joint.text.bracket` item that raised it. */
  raisedBy: string;
  raisedAt: number;
}

/** The brackets open on a joint text, by passage then party. */
export async function openBrackets(db: Executor, documentId: string): Promise<OpenBracket[]> {
  const rows = await db.selectFrom('joint_text_brackets').selectAll().where('document_id', '=', documentId).orderBy('passage').orderBy('party_id').execute();
  return rows.map((row) => ({ passage: row.passage, party: row.party_id, raisedBy: row.raised_by, raisedAt: Number(row.raised_at) }));
}

/**
 * A bracket raised opens a row for its party on its passage; one lifted closes it. Every entry
 * in the log passed its check under the log's lock, so replaying the log rebuilds the same rows.
 */
export async function deriveBracket(trx: Executor, entry: AppliedEntry, party: string): Promise<void> {
  const payload = entry.signed.envelope.payload as unknown as JointTextBracketPayload;
  const [version] = entry.signed.envelope.references;
  const documentId = version === undefined ? undefined : await documentOfVersion(trx, version);
  if (documentId === undefined) return;
  if (payload.action === 'lift') {
    await trx.deleteFrom('joint_text_brackets').where('document_id', '=', documentId).where('passage', '=', payload.passage).where('party_id', '=', party).execute();
    return;
  }
  await trx
    .insertInto('joint_text_brackets')
    .values({ document_id: documentId, passage: payload.passage, party_id: party, raised_by: entry.itemId, raised_at: entry.receivedAt })
    .onConflict((conflict) => conflict.columns(['document_id', 'passage', 'party_id']).doNothing())
    .execute();
}

import { rfiReplyDue, type IntelRfiReplyPayload } from '@fusion-cell/protocol';
import { checkEvidence, deriveEvidence } from '../../attachments/attachment-store.ts';
import { DomainError } from '../../errors.ts';
import { replyModule } from '../general/replies.ts';
import { defineServerItemType } from '../server-item-type.ts';

/** An RFI's own deadline, when it sets one, is still to come: a reply cannot be owed in the past. */
export const intelRfiModule = defineServerItemType({
  type: 'intel.rfi',
  async check(services, _actor, envelope) {
    const due = rfiReplyDue(envelope.payload);
    if (due !== undefined && Date.parse(due) <= services.clock.now()) {
      throw new DomainError('validation_failed', 'the reply cannot be due before the request is made', 'envelope.payload.replyDue');
    }
  },
});

/**
 * Closing a request (by its asker's party only: the lifecycle says so) releases what is still
 * owed on it: an answer no longer awaited escalates nothing.
 */
export const intelRfiCloseModule = defineServerItemType({
  type: 'intel.rfi.close',
  async derive(trx, entry) {
    const [request] = entry.signed.envelope.references;
    if (request === undefined) return;
    await trx.updateTable('obligations').set({ met_at: entry.receivedAt, met_by: entry.itemId }).where('item_id', '=', request).where('met_at', 'is', null).execute();
  },
});

const replies = replyModule('intel.rfi.reply');

/** A reply meets what its party owed, and its evidence, uploaded first, is served to the request's readers. */
export const intelRfiReplyModule = defineServerItemType({
  type: 'intel.rfi.reply',
  ownedTables: { item_evidence: ['item_id', 'sha256'] },
  async check(services, actor, envelope) {
    await checkEvidence(services.db, actor, (envelope.payload as unknown as IntelRfiReplyPayload).evidence, 'envelope.payload.evidence');
  },
  async derive(trx, entry, authorParty, context) {
    await replies.derive?.(trx, entry, authorParty, context);
    await deriveEvidence(trx, entry);
  },
});

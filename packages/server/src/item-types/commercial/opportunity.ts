import { formatFieldPath, type OpportunityMovePayload, type OpportunityPayload } from '@fusion-cell/protocol';
import { checkArea } from '@fusion-cell/protocol/geo-validity';
import { DomainError } from '../../errors.ts';
import { defineServerItemType, type Executor } from '../server-item-type.ts';

/**
 * An opportunity names a party to contact that reads it, and a location, when it gives one, that
 * is a valid simple feature (winding is not a defect).
 */
export const opportunityModule = defineServerItemType({
  type: 'opportunity',
  async check(services, _actor, envelope) {
    const payload = envelope.payload as unknown as OpportunityPayload;
    const cell = services.record.cell;
    const audience = cell.audiences.get(envelope.compartment) ?? [];
    if (!audience.includes(payload.contactParty) || cell.partyKinds.get(payload.contactParty) === 'observer') {
      throw new DomainError('validation_failed', `the contact party ${payload.contactParty} is not a side or supervisor of this compartment`, 'envelope.payload.contactParty');
    }
    if (payload.location === undefined) return;
    const verdict = checkArea(payload.location, { allowPoint: true });
    if (!verdict.valid) throw new DomainError('validation_failed', `location: ${verdict.defect.message}`, formatFieldPath(['envelope', 'payload', 'location', ...verdict.defect.path]));
  },
});

/**
 * Closing or withdrawing an opportunity is its party's last word on it: the interests still
 * waiting for that party's acknowledgment are owed nothing more.
 */
export const opportunityMoveModule = defineServerItemType({
  type: 'opportunity.move',
  async derive(trx, entry) {
    const { to } = entry.signed.envelope.payload as unknown as OpportunityMovePayload;
    const [opportunity] = entry.signed.envelope.references;
    if ((to === 'closed' || to === 'withdrawn') && opportunity !== undefined) await releaseInterests(trx, opportunity, entry.itemId, entry.receivedAt);
  },
});

async function releaseInterests(trx: Executor, opportunity: string, by: string, at: number): Promise<void> {
  const interests = trx.selectFrom('items').innerJoin('item_references', 'item_references.item_id', 'items.id').select('items.id').where('item_references.referenced_id', '=', opportunity).where('items.type', '=', 'interest');
  await trx.updateTable('obligations').set({ met_at: at, met_by: by }).where('item_id', 'in', interests).where('met_at', 'is', null).execute();
}

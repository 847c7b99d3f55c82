import type { DisputeResolutionPayload } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import { payloadOf } from '../../documents/document-store.ts';
import { DomainError } from '../../errors.ts';
import type { Actor } from '../../policy/actor.ts';
import { recordedItem, sameSet, type RecordedItem } from '../diplomatic/diplomatic-record.ts';
import { defineServerItemType, type RuleServices } from '../server-item-type.ts';
import { disputeReferredToFirst, loadDispute, requireTrackOf, resolutionOf, sidesOfDispute, standing, type Dispute } from './dispute-record.ts';

/**
 * The resolution of a dispute, drafted in its resolution stage by a supervisor or a side of the
 * dispute: version 1 refers first to the dispute (one resolution per dispute); each later
 * version to the one before (the document framework keeps it to the latest, and to none once
 * in force), resolving the same dispute and saying what it changes. It is signed by the sides of
 * the dispute and the supervisors; while the dispute is elsewhere than in that stage, no party
 * signs it.
 */
export const disputeResolutionModule = defineServerItemType({
  type: 'dispute.resolution',
  // The dispute may close, or another first version be drafted, at the same moment.
  recheckUnderLock: true,
  async check(services, actor, envelope) {
    const payload = envelope.payload as unknown as DisputeResolutionPayload;
    const previous = await previousVersion(services, envelope);
    const { dispute, field } = previous ? await amendedDispute(services, payload, previous) : await draftedDispute(services, envelope, payload);
    requireTrackOf(dispute, envelope);
    checkDrafter(actor, dispute);
    if (dispute.state !== 'resolution') throw new DomainError('conflict', `the dispute is ${standing(dispute)}: its resolution is drafted in the resolution stage`, field);
    const supervisors = (services.record.cell.audiences.get(envelope.compartment) ?? []).filter((party) => services.record.cell.partyKinds.get(party) === 'supervisor');
    const signers = [...sidesOfDispute(dispute), ...supervisors];
    if (!sameSet(payload.parties, signers)) throw new DomainError('validation_failed', `a resolution is signed by the sides of the dispute and the supervisors: ${signers.join(', ')}`, 'envelope.payload.parties');
  },
  async signingBlocked(db, documentId) {
    const first = (await payloadOf(db, documentId)) as DisputeResolutionPayload | undefined;
    const dispute = first && (await loadDispute(db, first.dispute));
    if (!dispute || dispute.state === 'resolution') return undefined;
    return `the dispute is ${standing(dispute)}: a resolution is signed in the resolution stage`;
  },
});

/** The version this one amends, when its first reference is a resolution. */
async function previousVersion(services: RuleServices, envelope: Envelope): Promise<RecordedItem | undefined> {
  const [first] = envelope.references;
  const item = first === undefined ? undefined : await recordedItem(services.db, first);
  return item?.type === 'dispute.resolution' ? item : undefined;
}

async function draftedDispute(services: RuleServices, envelope: Envelope, payload: DisputeResolutionPayload): Promise<{ dispute: Dispute; field: string }> {
  const dispute = await disputeReferredToFirst(services, envelope);
  if (payload.dispute !== dispute.item.id) throw new DomainError('validation_failed', 'a resolution names the dispute it refers to first', 'envelope.payload.dispute');
  if (await resolutionOf(services.db, dispute.item)) throw new DomainError('conflict', 'this dispute has its resolution already: a new version amends its latest version', 'envelope.references[0]');
  return { dispute, field: 'envelope.references[0]' };
}

async function amendedDispute(services: RuleServices, payload: DisputeResolutionPayload, previous: RecordedItem): Promise<{ dispute: Dispute; field: string }> {
  const before = previous.payload as unknown as DisputeResolutionPayload;
  if (payload.dispute !== before.dispute) throw new DomainError('validation_failed', 'an amendment resolves the same dispute', 'envelope.payload.dispute');
  if (payload.amendment === undefined) throw new DomainError('validation_failed', 'an amendment says what it changes', 'envelope.payload.amendment');
  const dispute = await loadDispute(services.db, before.dispute);
  if (!dispute) throw new DomainError('validation_failed', 'the resolution amended names no dispute', 'envelope.payload.dispute');
  return { dispute, field: 'envelope.payload.dispute' };
}

function checkDrafter(actor: Actor, dispute: Dispute): void {
  if (actor.partyKind === 'supervisor' || sidesOfDispute(dispute).includes(actor.partyId)) return;
  throw new DomainError('forbidden', 'a resolution is drafted by a supervisor or a side of the dispute', 'envelope.author');
}

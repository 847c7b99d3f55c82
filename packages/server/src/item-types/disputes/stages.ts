import type { DisputeClosePayload, DisputeStagePayload, DisputeStageProposalPayload } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import { DomainError } from '../../errors.ts';
import { recordedItem } from '../diplomatic/diplomatic-record.ts';
import { defineServerItemType, type RuleServices } from '../server-item-type.ts';
import { disputeReferredToFirst, isLaterStage, releaseEarlierObligations, requireOpen, resolutionOf, sidesOfDispute, type Dispute } from './dispute-record.ts';

/**
 * A side of the dispute proposes moving it on to a later stage; the supervisor decides. The
 * proposal moves nothing: it is shown under the dispute until a supervisor acts on it.
 */
export const disputeStageProposalModule = defineServerItemType({
  type: 'dispute.stage.proposal',
  // The dispute may move on or close at the same moment.
  recheckUnderLock: true,
  async check(services, actor, envelope) {
    const { to } = envelope.payload as unknown as DisputeStageProposalPayload;
    const dispute = await disputeReferredToFirst(services, envelope);
    if (!sidesOfDispute(dispute).includes(actor.partyId)) throw new DomainError('forbidden', `only the sides of the dispute propose its next stage: ${sidesOfDispute(dispute).join(', ')}`, 'envelope.author');
    requireOpen(dispute, 'envelope.references[0]');
    if (!isLaterStage(to, dispute.state)) throw new DomainError('conflict', `the dispute is in its ${dispute.state} stage: a proposal moves it to a later one`, 'envelope.payload.to');
  },
});

/**
 * A supervisor moves the dispute to a later stage (its lifecycle says who may, and from where),
 * accepting a side's proposal when it names one second. Whatever was owed in the stages it
 * leaves is no longer awaited; the new stage asks each side for its position.
 */
export const disputeStageModule = defineServerItemType({
  type: 'dispute.stage',
  recheckUnderLock: true,
  async check(services, _actor, envelope) {
    const { to, sides } = envelope.payload as unknown as DisputeStagePayload;
    const dispute = await disputeReferredToFirst(services, envelope);
    // The sides it names owe their position: exactly the dispute's, and no side that is no party to it.
    const expected = sidesOfDispute(dispute);
    if (sides.length !== expected.length || !expected.every((party) => sides.includes(party))) {
      throw new DomainError('validation_failed', `a stage awaits the position of the sides of the dispute: ${expected.join(', ')}`, 'envelope.payload.sides');
    }
    await checkAcceptedProposal(services, envelope, dispute, to);
  },
  async derive(trx, entry) {
    await releaseEarlierObligations(trx, entry);
  },
});

async function checkAcceptedProposal(services: RuleServices, envelope: Envelope, dispute: Dispute, to: string): Promise<void> {
  const [, proposalId, ...more] = envelope.references;
  if (more.length > 0) throw new DomainError('validation_failed', 'a stage decision refers to its dispute and, at most, the proposal it accepts', 'envelope.references[2]');
  if (proposalId === undefined) return;
  const proposal = await recordedItem(services.db, proposalId);
  if (proposal?.type !== 'dispute.stage.proposal' || proposal.references[0] !== dispute.item.id) {
    throw new DomainError('validation_failed', 'the second reference is a proposal on this dispute', 'envelope.references[1]');
  }
  const proposed = (proposal.payload as unknown as DisputeStageProposalPayload).to;
  if (proposed !== to) throw new DomainError('validation_failed', `the proposal it accepts moves the dispute to ${proposed}`, 'envelope.payload.to');
}

/**
 * A supervisor records how the dispute ends. Resolved only with its resolution in force (its
 * lifecycle allows it only from the resolution stage); unresolved or referred with the reason.
 * Nothing owed on it is awaited any longer.
 */
export const disputeCloseModule = defineServerItemType({
  type: 'dispute.close',
  // The resolution's last signature may come at the same moment.
  recheckUnderLock: true,
  async check(services, _actor, envelope) {
    const { outcome } = envelope.payload as unknown as DisputeClosePayload;
    const dispute = await disputeReferredToFirst(services, envelope);
    if (outcome !== 'resolved') return;
    const resolution = await resolutionOf(services.db, dispute.item);
    if (!resolution?.inForce) {
      const why = resolution ? 'its resolution is not signed by every party yet' : 'it has no resolution';
      throw new DomainError('conflict', `a dispute is resolved by its resolution in force: ${why}`, 'envelope.payload.outcome');
    }
  },
  async derive(trx, entry) {
    await releaseEarlierObligations(trx, entry);
  },
});

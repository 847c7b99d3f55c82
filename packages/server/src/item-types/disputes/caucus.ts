import type { DisputeCaucusPayload } from '@fusion-cell/protocol';
import { checkEvidence, deriveEvidence } from '../../attachments/attachment-store.ts';
import { DomainError } from '../../errors.ts';
import { defineServerItemType } from '../server-item-type.ts';
import { loadDispute, requireTrackOf, sidesOfDispute, standing } from './dispute-record.ts';

/** The stages in which the supervisor may hold a private caucus with each side. */
const CAUCUS_STAGES: readonly string[] = ['facilitation', 'resolution'];

/**
 * A message of a private caucus on a dispute, in the caucus compartment of one of its sides:
 * that side and the supervisors read it, the other side nothing of it. Who may write there at
 * all is the compartment's to say (anyone else is told the compartment does not exist); this
 * checks that the caucus belongs to a side of this dispute, and that the dispute is at a stage
 * where caucuses are held. It reads the dispute (a plenary item) but writes nothing outside its
 * own compartment, so nothing in the plenary betrays it.
 */
export const disputeCaucusModule = defineServerItemType({
  type: 'dispute.caucus',
  // The dispute may move on or close at the same moment.
  recheckUnderLock: true,
  ownedTables: { item_evidence: ['item_id', 'sha256'] },
  async check(services, actor, envelope) {
    const [first] = envelope.references;
    if (first === undefined) throw new DomainError('validation_failed', 'a caucus message refers first to its dispute', 'envelope.references');
    const dispute = await loadDispute(services.db, first);
    if (!dispute) throw new DomainError('validation_failed', 'a caucus message refers first to its dispute', 'envelope.references[0]');
    const { audiences, partyKinds } = services.record.cell;
    // A caucus compartment holds one side and the supervisors: that side is whom the caucus is with.
    const caucusSides = (audiences.get(envelope.compartment) ?? []).filter((party) => partyKinds.get(party) === 'side');
    const sides = sidesOfDispute(dispute);
    const [side] = caucusSides;
    if (caucusSides.length !== 1 || side === undefined || !sides.includes(side)) {
      throw new DomainError('validation_failed', `a caucus on this dispute is held in the caucus of one of its sides: ${sides.map((party) => `caucus-${party}`).join(', ')}`, 'envelope.compartment');
    }
    requireTrackOf(dispute, envelope);
    if (!CAUCUS_STAGES.includes(dispute.state)) {
      throw new DomainError('conflict', `the dispute is ${standing(dispute)}: caucuses are held in its facilitation and resolution stages`, 'envelope.references[0]');
    }
    // The compartment keeps other sides out already; this keeps the rule true if it ever held more.
    if (actor.partyKind !== 'supervisor' && actor.partyId !== side) throw new DomainError('forbidden', 'a caucus is between the supervisor and one side', 'envelope.author');
    await checkEvidence(services.db, actor, (envelope.payload as unknown as DisputeCaucusPayload).evidence, 'envelope.payload.evidence');
  },
  async derive(trx, entry) {
    await deriveEvidence(trx, entry);
  },
});

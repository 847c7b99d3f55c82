import { commitmentStatus, type CommitmentPayload, type CommitmentStatus, type CommitmentVerifyPayload } from '@fusion-cell/protocol';
import { DomainError } from '../../errors.ts';
import { replyModule } from '../general/replies.ts';
import { defineServerItemType, type Executor } from '../server-item-type.ts';
import { actsOn, documentVersion, firstReferenceOf, recordedItem, type RecordedItem } from './diplomatic-record.ts';

const SOURCES = ['minutes', 'joint.text', 'dispute.resolution'];

/** Where a commitment stands at `now`, by the protocol's rule, from the reports and verdicts on it. */
export async function statusOfCommitment(db: Executor, commitment: RecordedItem, now: number, kindOf: (party: string) => string | undefined): Promise<CommitmentStatus> {
  const payload = commitment.payload as unknown as CommitmentPayload;
  const acts = await actsOn(db, commitment.id, ['commitment.report', 'commitment.verify']);
  return commitmentStatus(
    payload.due,
    now,
    acts.map((act) =>
      act.type === 'commitment.report'
        ? { type: 'commitment.report' as const, byOwner: act.party === payload.owner }
        : { type: 'commitment.verify' as const, verdict: (act.payload as unknown as CommitmentVerifyPayload).verdict, bySupervisor: kindOf(act.party) === 'supervisor' },
    ),
  );
}

/**
 * A commitment comes from agreed minutes, a signed joint text or a dispute's resolution of its
 * compartment: it refers first to the version in force, and its owner is one of the parties that
 * signed it, not the party recording it. It is due in the future; past its due date unreported,
 * it escalates.
 */
export const commitmentModule = defineServerItemType({
  type: 'commitment',
  // A newer version coming into force concurrently replaces the one it names.
  recheckUnderLock: true,
  async check(services, actor, envelope) {
    const payload = envelope.payload as unknown as CommitmentPayload;
    const source = await firstReferenceOf(services, envelope, SOURCES, 'agreed minutes, a signed joint text or a resolution in force');
    const document = await documentVersion(services, source.id, SOURCES);
    const inForce = document?.status.inForce;
    if (inForce?.id !== source.id) throw new DomainError('conflict', 'a commitment comes from the version in force of agreed minutes, a signed joint text or a resolution', 'envelope.references[0]');
    if (!inForce.signers.includes(payload.owner)) throw new DomainError('validation_failed', `the owner is one of the parties that signed it: ${inForce.signers.join(', ')}`, 'envelope.payload.owner');
    if (payload.owner === actor.partyId) throw new DomainError('forbidden', 'a party does not record its own commitment: another party records it, and it answers', 'envelope.payload.owner');
    if (Date.parse(payload.due) <= services.clock.now()) throw new DomainError('validation_failed', 'a commitment is due in the future', 'envelope.payload.due');
  },
});

const meetsReply = replyModule('commitment.report');

/** The owner reports its commitment done; not one already verified. */
export const commitmentReportModule = defineServerItemType({
  type: 'commitment.report',
  recheckUnderLock: true,
  async check(services, actor, _envelope, target) {
    const commitment = target && (await recordedItem(services.db, target.id));
    if (!commitment) return;
    const { owner } = commitment.payload as unknown as CommitmentPayload;
    if (owner !== actor.partyId) throw new DomainError('forbidden', `only the owner (${owner}) reports this commitment done`, 'envelope.author');
    const status = await statusOfCommitment(services.db, commitment, services.clock.now(), (party) => services.record.cell.partyKinds.get(party));
    if (status === 'verified') throw new DomainError('conflict', 'the commitment is verified already', 'envelope.references[0]');
  },
  ...(meetsReply.derive ? { derive: meetsReply.derive } : {}),
});

/** A supervisor verifies a commitment its owner reported done, or finds it not verified. */
export const commitmentVerifyModule = defineServerItemType({
  type: 'commitment.verify',
  recheckUnderLock: true,
  async check(services, _actor, envelope) {
    const commitment = await firstReferenceOf(services, envelope, ['commitment'], 'a commitment');
    const status = await statusOfCommitment(services.db, commitment, services.clock.now(), (party) => services.record.cell.partyKinds.get(party));
    if (status !== 'reported') throw new DomainError('conflict', `the commitment is ${status}: a supervisor verifies one reported done`, 'envelope.references[0]');
  },
});

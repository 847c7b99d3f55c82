import { disputeIsOpen, type DisputePayload, type DisputeResponsePayload } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import { checkEvidence, deriveEvidence } from '../../attachments/attachment-store.ts';
import { DomainError } from '../../errors.ts';
import type { Actor } from '../../policy/actor.ts';
import { recordedItem } from '../diplomatic/diplomatic-record.ts';
import { replyModule } from '../general/replies.ts';
import { defineServerItemType, type AnswerTarget, type RuleServices } from '../server-item-type.ts';
import { loadDispute, requireOpen, resolutionOf, sidesOfDispute, type Dispute } from './dispute-record.ts';

/** How many items one dispute may be about. */
const MOST_DISPUTED_ITEMS = 20;

/**
 * A side raises a dispute in its compartment about items of that compartment (one to twenty),
 * naming the other sides there that must respond. Any item may be disputed but the dispute
 * process's own: a dispute about a step of a dispute is raised in that dispute. A translation
 * is contested once at a time: a second dispute about it waits for the first to close.
 */
export const disputeModule = defineServerItemType({
  type: 'dispute',
  // Another dispute about the same translation may be raised at the same moment.
  recheckUnderLock: true,
  ownedTables: { item_evidence: ['item_id', 'sha256'] },
  async check(services, actor, envelope) {
    const payload = envelope.payload as unknown as DisputePayload;
    await checkDisputedItems(services, envelope);
    checkRespondents(services, actor, envelope.compartment, payload.respondents);
    await checkEvidence(services.db, actor, payload.evidence, 'envelope.payload.evidence');
  },
  async derive(trx, entry) {
    await deriveEvidence(trx, entry);
  },
  async describe(db, item) {
    const dispute = await loadDispute(db, item.id);
    if (!dispute) return {};
    const resolution = await resolutionOf(db, { id: item.id, compartment: item.compartment });
    return {
      state: dispute.state,
      open: disputeIsOpen(dispute.state),
      raiser: dispute.raiser,
      respondents: dispute.respondents,
      resolution: resolution?.id ?? null,
      resolutionInForce: resolution?.inForce ?? null,
    };
  },
});

async function checkDisputedItems(services: RuleServices, envelope: Envelope): Promise<void> {
  const { references } = envelope;
  if (references.length === 0) throw new DomainError('validation_failed', 'a dispute is about at least one item: refer to it', 'envelope.references');
  if (references.length > MOST_DISPUTED_ITEMS) throw new DomainError('validation_failed', `a dispute is about at most ${MOST_DISPUTED_ITEMS} items`, 'envelope.references');
  // The core made sure that each exists and that the raiser's party can see it.
  const rows = await services.db.selectFrom('items').select(['id', 'type', 'compartment_id']).where('id', 'in', references).execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const [index, reference] of references.entries()) {
    const field = `envelope.references[${index}]`;
    const item = byId.get(reference);
    if (!item) throw new DomainError('reference_not_found', 'a referenced item was not found', field);
    if (item.compartment_id !== envelope.compartment) throw new DomainError('validation_failed', 'a dispute is about items of its own compartment', field);
    if (item.type === 'dispute' || item.type.startsWith('dispute.')) {
      throw new DomainError('validation_failed', 'a step of a dispute is not disputed apart: it is settled within its dispute', field);
    }
    if (item.type === 'translation') await checkNotContested(services, reference, field);
  }
}

/** A translation with an open dispute about it is contested already: a second dispute would split one question in two. */
async function checkNotContested(services: RuleServices, translation: string, field: string): Promise<void> {
  const disputes = await services.db
    .selectFrom('item_references')
    .innerJoin('items', 'items.id', 'item_references.item_id')
    .select('items.id')
    .where('item_references.referenced_id', '=', translation)
    .where('items.type', '=', 'dispute')
    .execute();
  for (const { id } of disputes) {
    const dispute = await loadDispute(services.db, id);
    if (dispute && disputeIsOpen(dispute.state)) throw new DomainError('conflict', `this translation is contested already: dispute ${id} about it is open`, field);
  }
}

function checkRespondents(services: RuleServices, actor: Actor, compartment: string, respondents: readonly string[]): void {
  const { audiences, partyKinds } = services.record.cell;
  const audience = audiences.get(compartment) ?? [];
  respondents.forEach((party, index) => {
    const field = `envelope.payload.respondents[${index}]`;
    if (party === actor.partyId) throw new DomainError('validation_failed', 'your party raises the dispute: it does not respond to it', field);
    if (!audience.includes(party) || partyKinds.get(party) !== 'side') throw new DomainError('validation_failed', `${party} is not another side of this compartment`, field);
  });
}

const replies = replyModule('dispute.response');

/**
 * A side's position on the step the dispute is at: the respondents answer its notice; once a
 * supervisor opens a stage, each side of the dispute answers that stage's decision. A position
 * on a step the dispute has left, or on a closed dispute, is refused: it would answer nothing
 * still asked.
 */
export const disputeResponseModule = defineServerItemType({
  type: 'dispute.response',
  recheckUnderLock: true,
  ownedTables: { item_evidence: ['item_id', 'sha256'] },
  async check(services, actor, envelope, target) {
    if (!target) return;
    const dispute = await disputeAnswered(services, target);
    requireOpen(dispute, 'envelope.references[0]');
    const owing = target.type === 'dispute' ? dispute.respondents : sidesOfDispute(dispute);
    if (!owing.includes(actor.partyId)) {
      const who = target.type === 'dispute' ? 'the respondents named in the notice' : 'the sides of the dispute';
      throw new DomainError('forbidden', `only ${who} respond here: ${owing.join(', ')}`, 'envelope.author');
    }
    if (dispute.stageItem !== target.id) {
      throw new DomainError('conflict', `the dispute is in its ${dispute.state} stage now: a position answers the decision that opened it`, 'envelope.references[0]');
    }
    await checkEvidence(services.db, actor, (envelope.payload as unknown as DisputeResponsePayload).evidence, 'envelope.payload.evidence');
  },
  async derive(trx, entry, authorParty, context) {
    await replies.derive?.(trx, entry, authorParty, context);
    await deriveEvidence(trx, entry);
  },
});

/** The dispute a response answers: the dispute itself (its notice) or the stage decision's dispute. */
async function disputeAnswered(services: RuleServices, target: AnswerTarget): Promise<Dispute> {
  const disputeId = target.type === 'dispute.stage' ? (await recordedItem(services.db, target.id))?.references[0] : target.id;
  const dispute = disputeId === undefined ? undefined : await loadDispute(services.db, disputeId);
  // A stage decision always refers first to its dispute (its lifecycle's check): this is only a guard.
  if (!dispute) throw new DomainError('validation_failed', 'a response answers a dispute or one of its stages', 'envelope.references[0]');
  return dispute;
}

import { itemTypeDefinition, mayAnswer } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import { DomainError } from '../errors.ts';
import { checkDeclaredBehaviour, declaredBehaviourDependsOnState } from '../item-types/declared-behaviour.ts';
import { serverItemType } from '../item-types/registry.ts';
import type { AnswerTarget, RuleServices } from '../item-types/server-item-type.ts';
import type { Actor } from '../policy/actor.ts';

/**
 * The rules of an item that depend on the record so far: the ones its type declares (the
 * kind of compartment, what it answers) for every type alike, then its own module's checks
 * (no acknowledging twice or downwards, no meeting convened while a reply is still due), and
 * what its declaration asks (no suspending a suspended channel, no new version of a stale one). Who may enter the type at all, the policy decided.
 */
export async function checkItemRules(services: RuleServices, actor: Actor, envelope: Envelope): Promise<void> {
  const definition = itemTypeDefinition(envelope.type);
  if (!definition) throw new DomainError('validation_failed', `there is no item type "${envelope.type}"`, 'envelope.type');
  const compartmentKind = services.record.cell.compartmentKinds.get(envelope.compartment);
  if (definition.compartments && compartmentKind && !definition.compartments.includes(compartmentKind)) {
    throw new DomainError('validation_failed', `${envelope.type} items go in ${definition.compartments.join(' or ')} compartments`, 'envelope.compartment');
  }
  const target = definition.answers ? await checkAnswer(services, actor, envelope) : undefined;
  await checkDeclaredBehaviour(services, actor, envelope);
  await serverItemType(envelope.type)?.check?.(services, actor, envelope, target);
}

/** Whether an item's rules read state a concurrent append can change, and must run again under the log's lock. */
export function rulesDependOnState(type: string): boolean {
  return serverItemType(type)?.recheckUnderLock === true || declaredBehaviourDependsOnState(type);
}

async function checkAnswer(services: RuleServices, actor: Actor, envelope: Envelope): Promise<AnswerTarget> {
  const [targetId] = envelope.references;
  if (!targetId) throw new DomainError('validation_failed', `${envelope.type} refers to the item it answers`, 'envelope.references');
  // checkReferences already made sure the target exists and the author's party can see it.
  const target = await services.db
    .selectFrom('items')
    .innerJoin('members', 'members.id', 'items.author_id')
    .select(['items.compartment_id', 'items.type', 'items.track', 'members.party_id'])
    .where('items.id', '=', targetId)
    .executeTakeFirst();
  const cellTarget = target ? undefined : await services.db.selectFrom('items').select(['compartment_id', 'type', 'track']).where('id', '=', targetId).executeTakeFirst();
  const found = target ?? (cellTarget && { ...cellTarget, party_id: '@cell' });
  if (!found) throw new DomainError('reference_not_found', 'a referenced item was not found', 'envelope.references[0]');
  if (found.compartment_id !== envelope.compartment) {
    throw new DomainError('validation_failed', 'an answer is entered in the compartment of the item it answers', 'envelope.compartment');
  }
  const answer = mayAnswer(envelope.type, found.type);
  if (!answer.allowed) throw new DomainError('validation_failed', answer.reason, 'envelope.references[0]');
  if (found.track !== envelope.track) throw new DomainError('validation_failed', 'an answer is filed under the track of the item it answers', 'envelope.track');
  if (found.party_id === actor.partyId) throw new DomainError('forbidden', 'a party does not answer its own items', 'envelope.references[0]');
  return { id: targetId, type: found.type, compartment: found.compartment_id, track: found.track, party: found.party_id };
}

import { ackLevelMeets, ACK_LEVEL_RANK, CHANNEL_LIFECYCLE, checkTransition, itemTypeDefinition, mayAnswer, type AckLevel } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import { channelState } from '../coordination/channel-state.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import type { CellServices } from '../record/record-runtime.ts';

/**
 * The rules of an item that depend on the record so far: where it may be entered, what it
 * answers, and whether the answer makes sense now (no acknowledging twice or downwards, no
 * meeting convened while a reply is still due, no suspending a suspended channel).
 */
export async function checkItemRules(services: CellServices, actor: Actor, envelope: Envelope): Promise<void> {
  const definition = itemTypeDefinition(envelope.type);
  if (!definition) throw new DomainError('validation_failed', `there is no item type "${envelope.type}"`, 'envelope.type');
  // Who may enter the type at all (roles, kind of party, the cell's own types) the policy decided.
  const compartmentKind = services.record.cell.compartmentKinds.get(envelope.compartment);
  if (definition.compartments && compartmentKind && !definition.compartments.includes(compartmentKind)) {
    throw new DomainError('validation_failed', `${envelope.type} items go in ${definition.compartments.join(' or ')} compartments`, 'envelope.compartment');
  }
  if (definition.answers) await checkAnswer(services, actor, envelope);
  if (envelope.type === 'meeting.convene') await checkMeetingMayBeConvened(services, envelope);
  if (definition.lifecycle === CHANNEL_LIFECYCLE) await checkChannelTransition(services, envelope.type);
}

/** Item types whose rules read state that a concurrent append can change. */
const STATE_DEPENDENT_TYPES: ReadonlySet<string> = new Set(['ack', 'meeting.convene', 'channel.suspended', 'channel.resumed']);

export function rulesDependOnState(type: string): boolean {
  return STATE_DEPENDENT_TYPES.has(type);
}

async function checkAnswer(services: CellServices, actor: Actor, envelope: Envelope): Promise<void> {
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
  if (envelope.type === 'ack') await checkAckLevel(services, actor, targetId, envelope.payload['level'] as AckLevel);
}

async function checkAckLevel(services: CellServices, actor: Actor, targetId: string, level: AckLevel): Promise<void> {
  const given = await services.db.selectFrom('acknowledgments').select('level').where('item_id', '=', targetId).where('party_id', '=', actor.partyId).executeTakeFirst();
  if (!given) return;
  const previous = given.level as AckLevel;
  if (ACK_LEVEL_RANK[previous] === 3) throw new DomainError('conflict', `your party already answered this item (${previous})`, 'envelope.payload.level');
  if (ackLevelMeets(previous, level)) {
    throw new DomainError('conflict', `your party already acknowledged this item as ${previous}`, 'envelope.payload.level');
  }
}

/** A meeting may be convened on an explanation request whose reply is overdue or contested. */
async function checkMeetingMayBeConvened(services: CellServices, envelope: Envelope): Promise<void> {
  const [requestId] = envelope.references;
  if (!requestId) return;
  const now = services.clock.now();
  const overdue = await services.db
    .selectFrom('obligations')
    .select('party_id')
    .where('item_id', '=', requestId)
    .where('kind', '=', 'reply')
    .where('met_at', 'is', null)
    .where('due_at', '<=', now)
    .executeTakeFirst();
  if (overdue) return;
  const contested = await services.db
    .selectFrom('item_references as reply_ref')
    .innerJoin('items as reply', 'reply.id', 'reply_ref.item_id')
    .innerJoin('acknowledgments', 'acknowledgments.item_id', 'reply.id')
    .select('reply.id')
    .where('reply_ref.referenced_id', '=', requestId)
    .where('reply.type', '=', 'explanation.reply')
    .where('acknowledgments.level', '=', 'contested')
    .executeTakeFirst();
  if (!contested) throw new DomainError('conflict', 'a meeting is convened when a reply is missing after its deadline, or contested', 'envelope.references[0]');
}

/** The channel moves as its lifecycle allows: no suspending a suspended channel, no resuming an open one. */
async function checkChannelTransition(services: CellServices, type: string): Promise<void> {
  const { status } = await channelState(services.db);
  const move = checkTransition(CHANNEL_LIFECYCLE, status, type);
  if (!move.allowed) throw new DomainError('conflict', `the channel is ${status}: ${move.reason}`, 'envelope.type');
}

import { checkTransition, itemTypeDefinition, lifecycleSubjectKey, movesLifecycle, startsLifecycle, type Lifecycle } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import type { Executor, RuleServices } from '../item-types/server-item-type.ts';
import type { Actor } from '../policy/actor.ts';
import type { AppliedEntry } from '../record/applied-entry.ts';

export interface LifecycleState {
  lifecycle: string;
  state: string;
  /** The item that started the lifecycle or last moved it; absent while a cell's lifecycle was never moved. */
  item?: string;
  since?: number;
}

/** Where a lifecycle stands now; a cell's lifecycle never moved is in its initial state. */
export async function lifecycleState(db: Executor, lifecycle: Lifecycle, subjectKey: string): Promise<LifecycleState | undefined> {
  const row = await db.selectFrom('lifecycle_states').select(['state', 'item_id', 'since']).where('subject', '=', subjectKey).executeTakeFirst();
  if (row) return { lifecycle: lifecycle.name, state: row.state, item: row.item_id, since: Number(row.since) };
  return lifecycle.subject.kind === 'cell' ? { lifecycle: lifecycle.name, state: lifecycle.initial } : undefined;
}

/** Whether an item of this type moves a lifecycle, so its check reads state a concurrent append can change. */
export function movesAnyLifecycle(type: string): boolean {
  const lifecycle = itemTypeDefinition(type)?.lifecycle;
  return lifecycle !== undefined && movesLifecycle(lifecycle, type);
}

/**
 * Refuses a move its lifecycle does not allow from where it stands, or by this author, naming
 * the state: no closing a closed request, no suspending a suspended channel.
 */
export async function checkLifecycleMove(services: RuleServices, actor: Actor, envelope: Envelope): Promise<void> {
  const lifecycle = itemTypeDefinition(envelope.type)?.lifecycle;
  if (!lifecycle || !(await isMove(services.db, lifecycle, envelope))) return;
  const subject = await subjectOf(services.db, lifecycle, envelope);
  const current = await lifecycleState(services.db, lifecycle, subject.key);
  if (!current) throw new DomainError('validation_failed', `${envelope.type} refers first to the ${lifecycle.subject.kind === 'item' ? lifecycle.subject.of.join(' or ') : lifecycle.name} it moves`, 'envelope.references[0]');
  const mover = { roles: [...actor.roles], partyKind: actor.partyKind, isSubjectAuthor: subject.party === actor.partyId, party: actor.partyId, ...(subject.party !== undefined ? { subjectParty: subject.party } : {}) };
  const move = checkTransition(lifecycle, current.state, envelope.type, mover, envelope.payload);
  if (!move.allowed) throw new DomainError(move.because === 'state' ? 'conflict' : 'forbidden', move.reason, 'envelope.type');
}

/** The state an entry leaves behind: a new subject starts in the initial state; a move moves it. */
export async function deriveLifecycle(trx: Executor, entry: AppliedEntry): Promise<void> {
  const { envelope } = entry.signed;
  const lifecycle = itemTypeDefinition(envelope.type)?.lifecycle;
  if (!lifecycle) return;
  const moves = await isMove(trx, lifecycle, envelope);
  if (startsLifecycle(lifecycle, envelope.type)) {
    await trx.insertInto('lifecycle_states').values({ subject: entry.itemId, lifecycle: lifecycle.name, state: lifecycle.initial, item_id: entry.itemId, since: entry.receivedAt }).execute();
  }
  if (!moves) return;
  const key = lifecycleSubjectKey(lifecycle, envelope.references[0]);
  if (!key) return;
  const current = await lifecycleState(trx, lifecycle, key);
  if (!current) return;
  // Every entry in the log passed this check under the log's lock; replaying keeps only allowed moves all the same.
  const move = checkTransition(lifecycle, current.state, envelope.type, undefined, envelope.payload);
  // A move that leaves the state where it is keeps the time and the item that brought it there.
  if (!move.allowed || move.to === current.state) return;
  const row = { lifecycle: lifecycle.name, state: move.to, item_id: entry.itemId, since: entry.receivedAt };
  await trx.insertInto('lifecycle_states').values({ subject: key, ...row }).onConflict((conflict) => conflict.column('subject').doUpdateSet(row)).execute();
}

/**
 * Whether this item moves its lifecycle. A type that both starts one and moves one (a notice
 * that amends an earlier notice), or moves one optionally (a meeting, convened on an explanation
 * request or on none), moves only when its first reference is a subject of it; otherwise it only
 * starts its own, or stands alone.
 */
async function isMove(db: Executor, lifecycle: Lifecycle, envelope: Envelope): Promise<boolean> {
  if (!movesLifecycle(lifecycle, envelope.type)) return false;
  const optional = lifecycle.transitions.some((transition) => transition.by === envelope.type && transition.optional);
  if ((!startsLifecycle(lifecycle, envelope.type) && !optional) || lifecycle.subject.kind !== 'item') return true;
  const [first] = envelope.references;
  if (!first) return false;
  const referenced = await db.selectFrom('items').select('type').where('id', '=', first).executeTakeFirst();
  return referenced !== undefined && lifecycle.subject.of.includes(referenced.type);
}

/** The subject a move refers to: the cell's lifecycle, or the item it names first, in its own compartment. */
async function subjectOf(db: Kysely<Database>, lifecycle: Lifecycle, envelope: Envelope): Promise<{ key: string; party?: string }> {
  if (lifecycle.subject.kind === 'cell') return { key: lifecycleSubjectKey(lifecycle, undefined) ?? lifecycle.name };
  const [subjectId] = envelope.references;
  if (!subjectId) throw new DomainError('validation_failed', `${envelope.type} refers first to the ${lifecycle.subject.of.join(' or ')} it moves`, 'envelope.references');
  const subject = await db
    .selectFrom('items')
    .leftJoin('members', 'members.id', 'items.author_id')
    .select(['items.compartment_id', 'items.type', 'members.party_id'])
    .where('items.id', '=', subjectId)
    .executeTakeFirst();
  if (!subject || !lifecycle.subject.of.includes(subject.type)) {
    throw new DomainError('validation_failed', `${envelope.type} refers first to the ${lifecycle.subject.of.join(' or ')} it moves`, 'envelope.references[0]');
  }
  if (subject.compartment_id !== envelope.compartment) throw new DomainError('validation_failed', `${envelope.type} is entered in the compartment of what it moves`, 'envelope.compartment');
  return { key: subjectId, ...(subject.party_id ? { party: subject.party_id } : {}) };
}

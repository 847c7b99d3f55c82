import { isAnswerType, itemTypeDefinition, lifecycleSubjectKey, movesLifecycle, readPayload, startsLifecycle, type AckLevel, type ItemState, type Track } from '@fusion-cell/protocol';
import { CELL_AUTHOR, type Envelope } from '@fusion-cell/record';
import type { Kysely } from 'kysely';
import { toIso } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { serverItemType } from '../item-types/registry.ts';
import { lifecycleState } from '../lifecycles/lifecycle-moves.ts';
import type { Actor } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import { parseLeaf } from '../record/applied-entry.ts';
import type { CellServices } from '../cell-services.ts';
import { documentOfVersion, loadDocument } from '../documents/document-store.ts';

const isoOrNull = (milliseconds: number | null) => (milliseconds === null ? null : toIso(milliseconds));

/**
 * One item with the state derived around it. The core assembles what every item has (what it
 * asks of each party and how far each has come, acknowledgments, the items that refer to it,
 * escalations, its lifecycle); its type's module adds the rest (`describe`). An item in a
 * compartment the caller's party is not in answers exactly as one that does not exist.
 */
export async function readItemState(services: Pick<CellServices, 'db' | 'clock' | 'record'>, actor: Actor, itemId: string): Promise<ItemState> {
  const { db } = services;
  const row = await db.selectFrom('log_entries').select(['compartment_id', 'idx', 'leaf', 'received_at']).where('item_id', '=', itemId).executeTakeFirst();
  if (!row) throw notFound('item');
  authorize(actor, { type: 'compartment.read', compartment: row.compartment_id }, 'item');
  const signed = parseLeaf(row.leaf);
  const { envelope } = signed;
  const reading = readPayload(envelope.type, envelope.payload);
  const payload = reading.ok ? reading.payload : undefined;
  const [authorParty, obligations, acknowledgments, referencedBy, lifecycle, document, findings, details] = await Promise.all([
    partyOf(db, envelope.author),
    obligationsOf(db, itemId, services.clock.now()),
    acknowledgmentsOf(db, itemId),
    referrersOf(db, itemId, actor),
    lifecycleOf(db, itemId, envelope),
    documentOf(services, itemId),
    findingsOf(db, itemId),
    serverItemType(envelope.type)?.describe?.(db, { id: itemId, compartment: row.compartment_id, index: row.idx, receivedAt: row.received_at, signed, payload }) ?? {},
  ]);
  return {
    item: { id: itemId, compartment: row.compartment_id, index: row.idx, receivedAt: toIso(row.received_at), leaf: row.leaf },
    type: envelope.type,
    track: envelope.track as Track,
    author: envelope.author,
    authorParty,
    authoredAt: envelope.authoredAt,
    references: envelope.references,
    payload: payload ?? null,
    obligations,
    acknowledgments,
    referencedBy,
    escalations: obligations.flatMap((obligation) =>
      obligation.escalation !== null && obligation.escalatedAt !== null
        ? [{ item: obligation.escalation, party: obligation.party, required: obligation.required, dueAt: obligation.dueAt, at: obligation.escalatedAt }]
        : [],
    ),
    lifecycle,
    document,
    findings,
    details,
  };
}

/** The co-signed document this item is a version of, as the protocol's rules compute it from the record. */
async function documentOf(services: Pick<CellServices, 'db' | 'record'>, itemId: string): Promise<ItemState['document']> {
  const documentId = await documentOfVersion(services.db, itemId);
  const document = documentId && (await loadDocument(services.db, services.record.cell, documentId));
  const version = document && document.status.versions.find((candidate) => candidate.id === itemId);
  if (!document || !version) return null;
  const { latest, inForce, versions } = document.status;
  return {
    id: document.id,
    version: version.number,
    latest: { id: latest.id, number: latest.number },
    inForce: inForce ? { id: inForce.id, number: inForce.number } : null,
    versions: versions.map((entry) => ({ ...entry, signers: [...entry.signers] })),
  };
}

/** What the cell's automatic checks found about the item, in the order they were entered. */
async function findingsOf(db: Kysely<Database>, itemId: string): Promise<ItemState['findings']> {
  const rows = await db.selectFrom('findings').select(['item_id', 'check_key', 'result', 'received_at']).where('subject_id', '=', itemId).orderBy('received_at').orderBy('item_id').execute();
  return rows.map((row) => ({ item: row.item_id, check: row.check_key, result: row.result, at: toIso(row.received_at) }));
}

async function partyOf(db: Kysely<Database>, author: string): Promise<string> {
  if (author === CELL_AUTHOR) return CELL_AUTHOR;
  const member = await db.selectFrom('members').select('party_id').where('id', '=', author).executeTakeFirst();
  return member?.party_id ?? author;
}

/** Every party the item asks something of, with the level it has reached so far. */
async function obligationsOf(db: Kysely<Database>, itemId: string, now: number): Promise<ItemState['obligations']> {
  const rows = await db
    .selectFrom('obligations')
    .leftJoin('acknowledgments', (join) => join.onRef('acknowledgments.item_id', '=', 'obligations.item_id').onRef('acknowledgments.party_id', '=', 'obligations.party_id'))
    .select([
      'obligations.party_id',
      'obligations.kind',
      'obligations.required',
      'obligations.due_at',
      'obligations.urgent',
      'obligations.met_at',
      'obligations.met_by',
      'obligations.escalated_at',
      'obligations.escalation_item_id',
      'acknowledgments.level',
    ])
    .where('obligations.item_id', '=', itemId)
    .orderBy('obligations.party_id')
    .execute();
  return rows.map((row) => ({
    party: row.party_id,
    kind: row.kind,
    required: row.required,
    dueAt: toIso(row.due_at),
    urgent: row.urgent === 1,
    met: row.met_at !== null,
    metAt: isoOrNull(row.met_at),
    metBy: row.met_by,
    reached: row.level as AckLevel | null,
    overdue: row.met_at === null && row.due_at <= now,
    escalatedAt: isoOrNull(row.escalated_at),
    escalation: row.escalation_item_id,
  }));
}

async function acknowledgmentsOf(db: Kysely<Database>, itemId: string): Promise<ItemState['acknowledgments']> {
  const rows = await db.selectFrom('acknowledgments').select(['party_id', 'level', 'ack_item_id', 'member_id', 'at']).where('item_id', '=', itemId).orderBy('at').orderBy('party_id').execute();
  return rows.map((row) => ({ party: row.party_id, level: row.level as AckLevel, item: row.ack_item_id, member: row.member_id, at: toIso(row.at) }));
}

/** Items that refer to this one, in the compartments the caller's party is in: nothing of the others shows. */
async function referrersOf(db: Kysely<Database>, itemId: string, actor: Actor): Promise<ItemState['referencedBy']> {
  const rows = await db
    .selectFrom('item_references')
    .innerJoin('items', 'items.id', 'item_references.item_id')
    .innerJoin('log_entries', 'log_entries.item_id', 'items.id')
    .leftJoin('members', 'members.id', 'items.author_id')
    .select(['items.id', 'items.type', 'items.track', 'items.compartment_id', 'items.idx', 'items.author_id', 'items.received_at', 'members.party_id', 'log_entries.leaf'])
    .where('item_references.referenced_id', '=', itemId)
    .where('items.compartment_id', 'in', [...actor.compartments])
    .orderBy('items.received_at')
    .orderBy('items.compartment_id')
    .orderBy('items.idx')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    track: row.track,
    compartment: row.compartment_id,
    index: row.idx,
    author: row.author_id,
    party: row.author_id === CELL_AUTHOR ? CELL_AUTHOR : (row.party_id ?? row.author_id),
    receivedAt: toIso(row.received_at),
    // An answer answers the item it refers to first.
    answers: isAnswerType(row.type) && parseLeaf(row.leaf).envelope.references[0] === itemId,
  }));
}

/** Where the lifecycle the item starts, or moves, stands now: its own, its subject's, or the cell's. */
async function lifecycleOf(db: Kysely<Database>, itemId: string, envelope: Envelope): Promise<ItemState['lifecycle']> {
  const lifecycle = itemTypeDefinition(envelope.type)?.lifecycle;
  if (!lifecycle) return null;
  const subject = startsLifecycle(lifecycle, envelope.type) ? itemId : movesLifecycle(lifecycle, envelope.type) ? lifecycleSubjectKey(lifecycle, envelope.references[0]) : undefined;
  const state = subject === undefined ? undefined : await lifecycleState(db, lifecycle, subject);
  if (!state) return null;
  return {
    name: lifecycle.name,
    subject: lifecycle.subject.kind === 'cell' ? null : (subject ?? null),
    state: state.state,
    since: state.since === undefined ? null : toIso(state.since),
    by: state.item ?? null,
  };
}

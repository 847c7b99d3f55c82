import { DISPUTE_LIFECYCLE, DISPUTE_STAGES, disputeIsOpen, disputeRespondents, type DisputeStage } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import { DomainError } from '../../errors.ts';
import { lifecycleState } from '../../lifecycles/lifecycle-moves.ts';
import type { AppliedEntry } from '../../record/applied-entry.ts';
import { actsOn, recordedItem, type RecordedItem } from '../diplomatic/diplomatic-record.ts';
import type { Executor, RuleServices } from '../server-item-type.ts';

/** A dispute as the checks of its process read it: the item, its track, who raised it, whom it names, where it stands. */
export interface Dispute {
  item: RecordedItem;
  track: string;
  /** The party that raised it. */
  raiser: string;
  respondents: string[];
  /** A stage while it is open; the outcome once it is closed. */
  state: string;
  /** The item that brought it where it stands: the dispute itself in its notice, then the supervisor's last decision. */
  stageItem: string;
}

/** The dispute with this id, or undefined when the item is none. */
export async function loadDispute(db: Executor, id: string): Promise<Dispute | undefined> {
  const item = await recordedItem(db, id);
  if (item?.type !== 'dispute') return undefined;
  const [row, state] = await Promise.all([
    db.selectFrom('items').select('track').where('id', '=', id).executeTakeFirstOrThrow(),
    lifecycleState(db, DISPUTE_LIFECYCLE, id),
  ]);
  return {
    item,
    track: row.track,
    raiser: item.party,
    respondents: disputeRespondents(item.payload),
    state: state?.state ?? DISPUTE_LIFECYCLE.initial,
    stageItem: state?.item ?? id,
  };
}

/** The raiser and the respondents: the sides a dispute is between. */
export function sidesOfDispute(dispute: Dispute): string[] {
  return [dispute.raiser, ...dispute.respondents];
}

/**
 * The dispute an item of its process refers to first, in the item's own compartment and filed
 * under the dispute's track, so that the whole process reads as one thread.
 */
export async function disputeReferredToFirst(services: RuleServices, envelope: Envelope): Promise<Dispute> {
  const [first] = envelope.references;
  if (first === undefined) throw new DomainError('validation_failed', `${envelope.type} refers first to its dispute`, 'envelope.references');
  const dispute = await loadDispute(services.db, first);
  if (!dispute) throw new DomainError('validation_failed', `${envelope.type} refers first to a dispute`, 'envelope.references[0]');
  if (dispute.item.compartment !== envelope.compartment) throw new DomainError('validation_failed', `${envelope.type} is entered in the compartment of its dispute`, 'envelope.compartment');
  requireTrackOf(dispute, envelope);
  return dispute;
}

/** Every step of a dispute is filed under its track, so that the track's thread holds the whole process. */
export function requireTrackOf(dispute: Dispute, envelope: Envelope): void {
  if (envelope.track !== dispute.track) throw new DomainError('validation_failed', `the dispute is filed under ${dispute.track}: so is every step of it`, 'envelope.track');
}

/** Where a dispute stands, in words for a refusal: `in its negotiation stage`, `closed (resolved)`. */
export function standing(dispute: Dispute): string {
  return disputeIsOpen(dispute.state) ? `in its ${dispute.state} stage` : `closed (${dispute.state})`;
}

/** Refuses a step on a dispute already closed, naming the field that names the dispute. */
export function requireOpen(dispute: Dispute, field: string): asserts dispute is Dispute & { state: DisputeStage } {
  if (!disputeIsOpen(dispute.state)) throw new DomainError('conflict', `the dispute is ${standing(dispute)}`, field);
}

/** Whether `stage` comes after the stage the dispute is in. */
export function isLaterStage(stage: string, than: string): boolean {
  return (DISPUTE_STAGES as readonly string[]).indexOf(stage) > (DISPUTE_STAGES as readonly string[]).indexOf(than);
}

/** The supervisors' decisions that opened each stage after the notice, in order. */
export async function stageItemsOf(db: Executor, disputeId: string): Promise<RecordedItem[]> {
  return actsOn(db, disputeId, ['dispute.stage']);
}

/**
 * When a dispute moves on or closes, nothing owed in an earlier stage is awaited any longer: every
 * obligation still open on the dispute (the respondents' answer to its notice) and on its earlier
 * stage decisions (each side's position) is released by the entry that moved it, as closing a
 * request releases what was owed on it. Those the entry itself asks for stay.
 */
export async function releaseEarlierObligations(trx: Executor, entry: AppliedEntry): Promise<void> {
  const [disputeId] = entry.signed.envelope.references;
  if (disputeId === undefined) return;
  const stages = (await stageItemsOf(trx, disputeId)).map((stage) => stage.id).filter((id) => id !== entry.itemId);
  await trx
    .updateTable('obligations')
    .set({ met_at: entry.receivedAt, met_by: entry.itemId })
    .where('item_id', 'in', [disputeId, ...stages])
    .where('met_at', 'is', null)
    .execute();
}

/** A dispute's resolution: its document (the id of its first version) and the version in force, if any. */
export interface ResolutionDocument {
  id: string;
  inForce: string | null;
}

/**
 * The resolution drafted for a dispute, if any: its first version refers first to the dispute, in
 * the dispute's compartment. Read there alone, like everything said of the dispute.
 */
export async function resolutionOf(db: Executor, dispute: Pick<RecordedItem, 'id' | 'compartment'>): Promise<ResolutionDocument | undefined> {
  const first = (await actsOn(db, dispute.id, ['dispute.resolution'])).find((item) => item.compartment === dispute.compartment);
  if (!first) return undefined;
  const row = await db.selectFrom('documents').select(['id', 'in_force_version_id']).where('id', '=', first.id).executeTakeFirst();
  return row && { id: row.id, inForce: row.in_force_version_id };
}

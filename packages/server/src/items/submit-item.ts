import { durationToMilliseconds, formatFieldPath, itemTypeDefinition, readPayload, type ReleaseOpening } from '@fusion-cell/protocol';
import { base64UrlDecode, canonicalEnvelopeJson, ENVELOPE_SIGNING_PREFIX, utf8Encode, type SignedEnvelope } from '@fusion-cell/record';
import { DomainError } from '../errors.ts';

import type { Actor } from '../policy/actor.ts';
import { checkItemRules, rulesDependOnState } from './item-rules.ts';
import { authorize } from '../policy/policy.ts';
import { prepareEntry, type AppendReceipt } from '../record/prepared-entry.ts';
import { releaseCompanions } from '../releases/release-opening.ts';
import type { CellServices } from '../cell-services.ts';


/**
 * Accepts a signed envelope from its author, checking in order: the device, the signature,
 * the author's right to write this type in this compartment, the payload, the references.
 * Then it waits for the durable append. Nothing is written when a check fails. A release comes
 * with its opening (`release`), and enters the record together with the cell's note of it.
 */
export async function submitItem(services: CellServices, actor: Actor, signed: SignedEnvelope, release?: ReleaseOpening): Promise<AppendReceipt> {
  const { envelope } = signed;
  const { record, db } = services;
  if (envelope.cell !== record.cellId) throw new DomainError('validation_failed', 'the envelope is for another cell', 'envelope.cell');
  if (envelope.author !== actor.memberId) {
    throw new DomainError('forbidden', 'an item is submitted by its author', 'envelope.author');
  }

  const device = await db.selectFrom('devices').select(['member_id', 'public_key', 'status']).where('id', '=', envelope.device).executeTakeFirst();
  // A device of another member is as unknown to this author as one that does not exist.
  if (!device || device.member_id !== actor.memberId) throw new DomainError('device_unknown', 'the device is not registered to the author', 'envelope.device');
  if (device.status === 'revoked') throw new DomainError('device_revoked', 'the device is revoked', 'envelope.device');
  if (device.status !== 'approved') throw new DomainError('device_not_approved', 'the device is waiting for approval', 'envelope.device');

  const envelopeJson = canonicalEnvelopeJson(envelope);
  const validSignature = record.verifier.verify(
    base64UrlDecode(device.public_key),
    utf8Encode(ENVELOPE_SIGNING_PREFIX + envelopeJson),
    base64UrlDecode(signed.signature),
  );
  if (!validSignature) throw new DomainError('signature_invalid', 'the signature does not match the envelope and device', 'signature');

  const definition = itemTypeDefinition(envelope.type);
  if (!definition) throw new DomainError('validation_failed', `there is no item type "${envelope.type}"`, 'envelope.type');
  authorize(actor, { type: 'item.create', compartment: envelope.compartment, itemType: envelope.type }, 'compartment');
  if (!(definition.tracks as readonly string[]).includes(envelope.track)) {
    throw new DomainError('validation_failed', `${envelope.type} items are not filed under ${envelope.track}`, 'envelope.track');
  }
  // Read as every reader will (R40): an older version is migrated before its schema checks it.
  const payload = readPayload(definition, envelope.payload);
  if (!payload.ok) throw new DomainError('validation_failed', payload.message, formatFieldPath(['envelope', 'payload', ...payload.path]));
  const entry = prepareEntry(signed, envelopeJson);
  const { itemId } = entry;
  const untimely = authoredAtProblem(envelope.authoredAt, services.clock.now(), durationToMilliseconds(record.cell.rules.authoredTimeTolerance));
  if (untimely) {
    // A client resending, long after, what the cell had already entered gets its receipt.
    const appended = await appendedReceipt(services, itemId);
    if (appended) return appended;
    throw untimely;
  }
  await checkReferences(services, actor, envelope.references);

  if (rulesDependOnState(envelope.type)) {
    // A replay gets its first receipt back, where the rules would now refuse it as done already.
    const appended = await appendedReceipt(services, itemId);
    if (appended) return appended;
    entry.recheck = (trx) => checkItemRules({ ...services, db: trx }, actor, envelope);
  }
  // Other replays pass these rules again and come back from the log store as duplicates.
  await checkItemRules(services, actor, envelope);
  const companions = await releaseCompanions(services, actor, signed, itemId, release);
  if (companions.length === 0) return record.queue.submit(entry);
  const [receipt] = await record.queue.submitTogether([entry, ...companions]);
  return receipt as AppendReceipt;
}

/**
 * An item is entered when it is written, give or take the cell's tolerance for clocks: an
 * authoring time far from the server's would let an author date an act before or after what
 * it answers, and deadlines and the record's order would disagree with what it says.
 */
function authoredAtProblem(authoredAt: string, now: number, toleranceMs: number): DomainError | undefined {
  const skew = Date.parse(authoredAt) - now;
  if (skew > toleranceMs) return new DomainError('validation_failed', 'the authoring time is in the future; check the device clock', 'envelope.authoredAt');
  if (skew < -toleranceMs) return new DomainError('validation_failed', 'the authoring time is too far in the past; check the device clock, then sign again', 'envelope.authoredAt');
  return undefined;
}

async function appendedReceipt(services: CellServices, itemId: string): Promise<AppendReceipt | undefined> {
  const row = await services.db.selectFrom('log_entries').select(['compartment_id', 'idx', 'received_at']).where('item_id', '=', itemId).executeTakeFirst();
  return row && { id: itemId, compartment: row.compartment_id, index: row.idx, receivedAt: row.received_at, duplicate: true };
}

/** Every reference must name an item the author's party can see; others look missing. */
async function checkReferences(services: CellServices, actor: Actor, references: string[]): Promise<void> {
  if (references.length === 0) return;
  const visible = await services.db
    .selectFrom('items')
    .select('id')
    .where('id', 'in', references)
    .where('compartment_id', 'in', [...actor.compartments])
    .execute();
  const found = new Set(visible.map((row) => row.id));
  const missing = references.findIndex((reference) => !found.has(reference));
  if (missing >= 0) throw new DomainError('reference_not_found', 'a referenced item was not found', `envelope.references[${missing}]`);
}

import { isBroaderAudience, releaseOpens, type ReleaseOpening } from '@fusion-cell/protocol';
import { CELL_AUTHOR, LOG_DEVICE, signEnvelope, type Envelope, type SignedEnvelope } from '@fusion-cell/record';
import type { CellServices } from '../cell-services.ts';
import { payloadOf } from '../documents/document-store.ts';
import { DomainError } from '../errors.ts';
import type { Executor } from '../item-types/server-item-type.ts';
import type { Actor } from '../policy/actor.ts';
import { decide } from '../policy/policy.ts';
import { prepareEntry, type PreparedEntry } from '../record/prepared-entry.ts';

export const RELEASE_TYPE = 'intel.release';
export const RELEASE_NOTE_TYPE = 'intel.release.note';

/**
 * What enters the record with a submitted item besides it: for a release (SPEC R44), the cell's
 * note of it in the original's compartment, once the opening sent beside the envelope checks
 * out; for any other item, nothing, and an opening is refused. Nothing is written here.
 *
 * Everything read is fixed once entered (the original, its compartment, its author's party), so
 * these checks need not run again under the log's lock.
 */
export async function releaseCompanions(services: CellServices, actor: Actor, signed: SignedEnvelope, releaseId: string, opening: ReleaseOpening | undefined): Promise<PreparedEntry[]> {
  const { envelope } = signed;
  if (envelope.type !== RELEASE_TYPE) {
    if (opening !== undefined) throw new DomainError('validation_failed', `only an ${RELEASE_TYPE} item is sent with a release opening`, 'release');
    return [];
  }
  if (opening === undefined) throw new DomainError('validation_failed', 'a release is sent with its opening: the original’s id and the nonce of its commitment', 'release');
  const original = await originalOf(services, opening.original);
  const decision = decide(actor, { type: 'item.release', compartment: original?.compartment ?? '', originalParty: original?.party ?? '' });
  // An original the author's party cannot read answers as one that does not exist.
  if (!original || (!decision.allowed && decision.hidden)) throw new DomainError('reference_not_found', 'the original was not found', 'release.original');
  if (!decision.allowed) throw new DomainError('forbidden', decision.reason, 'release.original');
  const originalPayload = await payloadOf(services.db, opening.original);
  if (originalPayload?.['tlp'] === 'RED') throw new DomainError('validation_failed', 'the original is TLP:RED: it never leaves its compartment, not even as an extract', 'release.original');
  const audiences = services.record.cell.audiences;
  if (!isBroaderAudience(audiences.get(envelope.compartment) ?? [], audiences.get(original.compartment) ?? [])) {
    throw new DomainError('validation_failed', 'a release goes into a compartment broader than its original’s: every party that reads the original, and more', 'envelope.compartment');
  }
  if (!(await releaseOpens(String(envelope.payload['original']), opening.nonce, opening.original))) {
    throw new DomainError('validation_failed', 'the commitment does not open to this original with this nonce', 'envelope.payload.original');
  }
  await refuseReusedNonce(services.db, releaseId, opening);
  const note = await releaseNote(services, envelope, releaseId, opening, original);
  // Two releases racing with the same nonce meet under the original's log lock.
  note.recheck = (trx) => refuseReusedNonce(trx, releaseId, opening);
  return [note];
}

/**
 * A nonce serves one release: two releases of one original with the same nonce would carry the
 * same commitment, and tell the broader compartment that they share an original.
 */
async function refuseReusedNonce(db: Executor, releaseId: string, opening: ReleaseOpening): Promise<void> {
  const earlier = await db
    .selectFrom('releases')
    .select('release_id')
    .where('original_id', '=', opening.original)
    .where('nonce', '=', opening.nonce)
    .where('release_id', '!=', releaseId)
    .executeTakeFirst();
  if (earlier) throw new DomainError('validation_failed', 'this nonce already served another release of this original: draw a fresh one', 'release.nonce');
}

interface Original {
  compartment: string;
  track: string;
  /** The party of its author; `@cell` for the cell's own items. */
  party: string;
}

async function originalOf(services: CellServices, originalId: string): Promise<Original | undefined> {
  const row = await services.db
    .selectFrom('items')
    .leftJoin('members', 'members.id', 'items.author_id')
    .select(['items.compartment_id', 'items.track', 'items.author_id', 'members.party_id'])
    .where('items.id', '=', originalId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { compartment: row.compartment_id, track: row.track, party: row.author_id === CELL_AUTHOR ? CELL_AUTHOR : (row.party_id ?? row.author_id) };
}

/**
 * The cell's note, signed with its log key over the release's own authoring time: the same
 * release always yields the same note (Ed25519 is deterministic), so a resent release is a
 * duplicate together with its note.
 */
async function releaseNote(services: CellServices, release: Envelope, releaseId: string, opening: ReleaseOpening, original: Original): Promise<PreparedEntry> {
  const note: Envelope = {
    cell: services.record.cellId,
    compartment: original.compartment,
    type: RELEASE_NOTE_TYPE,
    track: original.track,
    payload: { release: releaseId, nonce: opening.nonce },
    references: [opening.original],
    author: CELL_AUTHOR,
    device: LOG_DEVICE,
    authoredAt: release.authoredAt,
  };
  return prepareEntry(await signEnvelope(note, services.record.logKey.signer.sign));
}

import { formatFieldPath, releaseOpens, tlpRefusal, type IntelReleaseNotePayload, type IntelReleasePayload } from '@fusion-cell/protocol';
import { checkArea } from '@fusion-cell/protocol/geo-validity';
import { payloadOf } from '../../documents/document-store.ts';
import { DomainError } from '../../errors.ts';
import { deriveReleaseNote } from '../../releases/release-store.ts';
import { defineServerItemType } from '../server-item-type.ts';

/**
 * A release names nothing of its original: no reference (one would tell its readers that the
 * original exists), and the tie travels beside the envelope to be checked when it is submitted
 * (`releases/release-opening.ts`). Its marking must suit the compartment it goes into.
 */
export const intelReleaseModule = defineServerItemType({
  type: 'intel.release',
  async check(services, _actor, envelope) {
    if (envelope.references.length > 0) throw new DomainError('validation_failed', 'a release refers to nothing: its original is tied to it by its commitment alone', 'envelope.references');
    const payload = envelope.payload as unknown as IntelReleasePayload;
    const kind = services.record.cell.compartmentKinds.get(envelope.compartment);
    const refusal = kind === undefined ? undefined : tlpRefusal(payload.tlp, kind);
    if (refusal !== undefined) throw new DomainError('validation_failed', refusal, 'envelope.payload.tlp');
    if (payload.location !== undefined) {
      const verdict = checkArea(payload.location, { allowPoint: true });
      if (!verdict.valid) throw new DomainError('validation_failed', `location: ${verdict.defect.message}`, formatFieldPath(['envelope', 'payload', 'location', ...verdict.defect.path]));
    }
  },
});

/**
 * The cell's note of a release, in its original's compartment: it keeps the tie for the
 * original's readers, and says whether the release's commitment opens with it.
 */
export const intelReleaseNoteModule = defineServerItemType({
  type: 'intel.release.note',
  ownedTables: { releases: ['release_id'] },
  derive: (trx, entry) => deriveReleaseNote(trx, entry),
  async describe(db, item) {
    const payload = item.payload as IntelReleaseNotePayload | undefined;
    const original = item.signed.envelope.references[0];
    if (!payload || original === undefined) return {};
    const release = await db.selectFrom('items').select('compartment_id').where('id', '=', payload.release).executeTakeFirst();
    const commitment = (await payloadOf(db, payload.release))?.['original'];
    return {
      release: payload.release,
      releaseCompartment: release?.compartment_id ?? null,
      opens: typeof commitment === 'string' && (await releaseOpens(commitment, payload.nonce, original)),
    };
  },
});

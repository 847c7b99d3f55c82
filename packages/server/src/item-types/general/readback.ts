import type { AckPayload } from '@fusion-cell/protocol';
import { DomainError } from '../../errors.ts';
import { actsOn, recordedItem } from '../diplomatic/diplomatic-record.ts';
import { defineServerItemType } from '../server-item-type.ts';

/**
 * The author's party confirms that another party's read-back says what it meant: the read-back
 * is the `understood` acknowledgment's own words, and only the party that wrote the item
 * acknowledged knows whether they match. Once: a read-back confirmed stays confirmed. (One that
 * does not match is answered with a clarification on the acknowledgment instead.)
 */
export const readbackConfirmModule = defineServerItemType({
  type: 'readback.confirm',
  // Two members of the party may confirm the same read-back at the same moment.
  recheckUnderLock: true,
  async check(services, actor, envelope) {
    const [first] = envelope.references;
    if (first === undefined) throw new DomainError('validation_failed', 'a confirmation refers first to the acknowledgment whose read-back it confirms', 'envelope.references');
    const ack = await recordedItem(services.db, first);
    if (ack?.type !== 'ack') throw new DomainError('validation_failed', 'a confirmation refers first to an understood acknowledgment with a read-back', 'envelope.references[0]');
    const { level, readBack } = ack.payload as unknown as AckPayload;
    if (level !== 'understood' || readBack === undefined) throw new DomainError('validation_failed', 'this acknowledgment carries no read-back to confirm', 'envelope.references[0]');
    if (ack.compartment !== envelope.compartment) throw new DomainError('validation_failed', 'a read-back is confirmed in the compartment of its acknowledgment', 'envelope.compartment');
    const track = await services.db.selectFrom('items').select('track').where('id', '=', ack.id).executeTakeFirstOrThrow();
    if (track.track !== envelope.track) throw new DomainError('validation_failed', `a confirmation is filed under the track of its acknowledgment (${track.track})`, 'envelope.track');
    const [acknowledgedId] = ack.references;
    const acknowledged = acknowledgedId === undefined ? undefined : await recordedItem(services.db, acknowledgedId);
    if (acknowledged?.party !== actor.partyId) throw new DomainError('forbidden', 'only the party that wrote the acknowledged item confirms its read-back', 'envelope.author');
    if ((await actsOn(services.db, ack.id, ['readback.confirm'])).length > 0) throw new DomainError('conflict', 'this read-back is confirmed already', 'envelope.references[0]');
  },
});

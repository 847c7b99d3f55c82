import type { ActivityNoticePayload } from '@fusion-cell/protocol';
import { DomainError } from '../../errors.ts';
import { defineServerItemType } from '../server-item-type.ts';
import { checkPlace, derivePlace, releaseObligations } from './place-rules.ts';

/**
 * A notice's area must be valid. An amendment names the notice it replaces in its payload and
 * as its first reference, so the signed bytes say what it replaces; the notice's lifecycle then
 * lets only its author's party replace it, once, while it stands.
 */
export const activityNoticeModule = defineServerItemType({
  type: 'activity.notice',
  ownedTables: { geo_features: ['item_id'] },
  async check(services, _actor, envelope) {
    checkPlace(envelope.payload, 'area');
    const { amends } = envelope.payload as unknown as ActivityNoticePayload;
    const [first] = envelope.references;
    if (amends !== undefined && first !== amends) throw new DomainError('validation_failed', 'an amendment refers first to the notice it amends', 'envelope.references[0]');
    if (amends === undefined && first !== undefined) {
      const referenced = await services.db.selectFrom('items').select('type').where('id', '=', first).executeTakeFirst();
      if (referenced?.type === 'activity.notice') throw new DomainError('validation_failed', 'an amendment names the notice it amends in amends', 'envelope.payload.amends');
    }
  },
  async derive(trx, entry, authorParty) {
    const payload = entry.signed.envelope.payload as unknown as ActivityNoticePayload;
    await derivePlace(trx, entry, authorParty, { startsAt: Date.parse(payload.window.from), endsAt: Date.parse(payload.window.to) });
    if (payload.amends !== undefined) await releaseObligations(trx, payload.amends, entry);
  },
});

/** Cancelling a notice releases the other parties from acknowledging it. */
export const activityCancelModule = defineServerItemType({
  type: 'activity.cancel',
  async derive(trx, entry) {
    const [notice] = entry.signed.envelope.references;
    if (notice) await releaseObligations(trx, notice, entry);
  },
});

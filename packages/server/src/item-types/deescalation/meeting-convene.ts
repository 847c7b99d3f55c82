import { meetingMayBeConvened } from '@fusion-cell/protocol';
import { DomainError } from '../../errors.ts';
import { defineServerItemType } from '../server-item-type.ts';

/**
 * A meeting is convened on an explanation request whose reply is overdue, or whose reply was
 * contested (the protocol's meetingMayBeConvened): not while a reply is still due and in time.
 * Once convened, the request's lifecycle refuses a second.
 */
export const meetingConveneModule = defineServerItemType({
  type: 'meeting.convene',
  recheckUnderLock: true,
  async check(services, _actor, _envelope, target) {
    if (!target) return;
    const overdue = await services.db
      .selectFrom('obligations')
      .select('party_id')
      .where('item_id', '=', target.id)
      .where('kind', '=', 'reply')
      .where('met_at', 'is', null)
      .where('due_at', '<=', services.clock.now())
      .executeTakeFirst();
    const contested = await services.db
      .selectFrom('item_references as reply_ref')
      .innerJoin('items as reply', 'reply.id', 'reply_ref.item_id')
      .innerJoin('acknowledgments', 'acknowledgments.item_id', 'reply.id')
      .select('reply.id')
      .where('reply_ref.referenced_id', '=', target.id)
      .where('reply.type', '=', 'explanation.reply')
      .where('acknowledgments.level', '=', 'contested')
      .executeTakeFirst();
    const decision = meetingMayBeConvened({ replyOverdue: overdue !== undefined, replyContested: contested !== undefined });
    if (!decision.allowed) throw new DomainError('conflict', decision.reason, 'envelope.references[0]');
  },
});

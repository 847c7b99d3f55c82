import { CHANNEL_LIFECYCLE, checkTransition, type ItemTypeName } from '@fusion-cell/protocol';
import { channelState } from '../coordination/channel-state.ts';
import { DomainError } from '../errors.ts';
import { defineServerItemType, type ServerItemType } from './server-item-type.ts';

/** The channel moves as its lifecycle allows: no suspending a suspended channel, no resuming an open one. */
function channelMove<Name extends ItemTypeName>(type: Name): ServerItemType<Name> {
  return defineServerItemType({
    type,
    recheckUnderLock: true,
    async check(services, _actor, envelope) {
      const { status } = await channelState(services.db);
      const move = checkTransition(CHANNEL_LIFECYCLE, status, envelope.type);
      if (!move.allowed) throw new DomainError('conflict', `the channel is ${status}: ${move.reason}`, 'envelope.type');
    },
  });
}

export const channelSuspendedModule = channelMove('channel.suspended');
export const channelResumedModule = channelMove('channel.resumed');

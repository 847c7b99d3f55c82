import { z } from 'zod';
import { Language } from '../../../common.ts';
import { defineItemType } from '../../item-type.ts';
import type { Lifecycle } from '../../lifecycle.ts';

/** The channel's recorded state changes; while suspended, scheduled link checks pause. */
export const ChannelStatePayload = z.strictObject({
  reason: z.string().trim().min(1).max(2000),
  language: Language,
});
export type ChannelStatePayload = z.infer<typeof ChannelStatePayload>;

/** The hotline itself is open or suspended, moved by heads of delegation on the record. */
export const CHANNEL_LIFECYCLE: Lifecycle = {
  name: 'channel',
  subject: { kind: 'cell' },
  states: ['open', 'suspended'],
  initial: 'open',
  transitions: [
    { by: 'channel.suspended', from: ['open'], to: 'suspended' },
    { by: 'channel.resumed', from: ['suspended'], to: 'open' },
  ],
};

const channelChange = { version: 1, payload: ChannelStatePayload, roles: ['head'], tracks: ['general'], compartments: ['plenary'], lifecycle: CHANNEL_LIFECYCLE, summary: ['reason'] } as const;

export const channelSuspendedType = defineItemType({ type: 'channel.suspended', ...channelChange });
export const channelResumedType = defineItemType({ type: 'channel.resumed', ...channelChange });

import { z } from 'zod';
import { Language, ROLES, TRACKS } from '../../../common.ts';
import { defineItemType } from '../../item-type.ts';

/** Free text with its authoritative language: the language the author wrote and answers for. */
export const MessagePayload = z.strictObject({
  text: z.string().trim().min(1).max(20_000),
  language: Language,
  /** When true, the recipients must acknowledge it (the cell's rules say at which level and by when). */
  ackRequested: z.boolean().optional(),
});
export type MessagePayload = z.infer<typeof MessagePayload>;

export const messageType = defineItemType({
  type: 'message',
  version: 1,
  payload: MessagePayload,
  roles: ROLES,
  tracks: TRACKS,
  obligation: { ruleKey: 'message', appliesTo: (payload) => payload['ackRequested'] === true },
  summary: ['text'],
});

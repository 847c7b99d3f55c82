import { z } from 'zod';
import { Language, ROLES, TRACKS } from '../../../common.ts';
import { defineItemType } from '../../item-type.ts';
import { RESPONDERS, SHARED_COMPARTMENTS } from '../audiences.ts';

/** A request to clarify any item, to settle a misunderstanding before it grows. */
export const ClarificationPayload = z.strictObject({
  question: z.string().trim().min(1).max(4000),
  language: Language,
});

export const ClarificationReplyPayload = z.strictObject({
  answer: z.string().trim().min(1).max(8000),
  language: Language,
});

export const clarificationType = defineItemType({
  type: 'clarification',
  version: 1,
  payload: ClarificationPayload,
  roles: ROLES,
  tracks: TRACKS,
  compartments: SHARED_COMPARTMENTS,
  answers: {},
  obligation: { ruleKey: 'clarification' },
  summary: ['question'],
});

export const clarificationReplyType = defineItemType({
  type: 'clarification.reply',
  version: 1,
  payload: ClarificationReplyPayload,
  roles: RESPONDERS,
  tracks: TRACKS,
  answers: { types: ['clarification'] },
  summary: ['answer'],
});

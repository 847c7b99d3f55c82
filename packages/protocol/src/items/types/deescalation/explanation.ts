import { z } from 'zod';
import { Language, Timestamp, TRACKS } from '../../../common.ts';
import { Area } from '../../../geo.ts';
import { defineItemType } from '../../item-type.ts';
import { OPERATIONAL, SHARED_COMPARTMENTS } from '../audiences.ts';

/**
 * A question about unusual military activity, modelled on the Vienna Document's
 * risk-reduction procedure: a reply is due; without a satisfactory one, the supervisor may
 * convene a meeting.
 */
export const ExplanationRequestPayload = z.strictObject({
  question: z.string().trim().min(1).max(4000),
  activity: z.string().trim().max(4000).optional(),
  area: Area.optional(),
  observedAt: Timestamp.optional(),
  language: Language,
});

export const ExplanationReplyPayload = z.strictObject({
  answer: z.string().trim().min(1).max(8000),
  language: Language,
});

/** The supervisor convenes a meeting when a reply is missing or contested. */
export const MeetingConvenePayload = z.strictObject({
  purpose: z.string().trim().min(1).max(2000),
  proposedAt: Timestamp,
  venue: z.string().trim().max(200).optional(),
  language: Language,
});

export const explanationRequestType = defineItemType({
  type: 'explanation.request',
  version: 1,
  payload: ExplanationRequestPayload,
  roles: OPERATIONAL,
  tracks: ['deescalation', 'general'],
  compartments: SHARED_COMPARTMENTS,
  obligation: { ruleKey: 'explanation.request' },
  summary: ['question', 'activity'],
});

export const explanationReplyType = defineItemType({
  type: 'explanation.reply',
  version: 1,
  payload: ExplanationReplyPayload,
  roles: OPERATIONAL,
  tracks: TRACKS,
  answers: { types: ['explanation.request'] },
  summary: ['answer'],
});

export const meetingConveneType = defineItemType({
  type: 'meeting.convene',
  version: 1,
  payload: MeetingConvenePayload,
  roles: OPERATIONAL,
  tracks: TRACKS,
  partyKinds: ['supervisor'],
  compartments: SHARED_COMPARTMENTS,
  answers: { types: ['explanation.request'] },
  summary: ['purpose', 'venue'],
});

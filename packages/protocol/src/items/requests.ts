import { z } from 'zod';
import { Language, Timestamp } from '../common.ts';
import { Area } from '../geo.ts';

/** A request to clarify any item, to settle a misunderstanding before it grows. */
export const ClarificationPayload = z.strictObject({
  question: z.string().trim().min(1).max(4000),
  language: Language,
});

export const ClarificationReplyPayload = z.strictObject({
  answer: z.string().trim().min(1).max(8000),
  language: Language,
});

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

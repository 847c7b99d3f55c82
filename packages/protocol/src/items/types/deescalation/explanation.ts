import { z } from 'zod';
import { Language, Timestamp, TRACKS } from '../../../common.ts';
import { Area } from '../../../geo.ts';
import { AREA_IN_ZONE } from '../../findings/area-in-zone.ts';
import { defineItemType } from '../../item-type.ts';
import type { Lifecycle } from '../../lifecycle.ts';
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

/**
 * An explanation request awaits its reply, is replied to, or leads the supervisor to convene a
 * meeting (once: a second meeting on the same request is refused with the state named).
 */
export const EXPLANATION_LIFECYCLE: Lifecycle = {
  name: 'explanation request',
  subject: { kind: 'item', of: ['explanation.request'] },
  states: ['awaiting-reply', 'replied', 'meeting-convened'],
  initial: 'awaiting-reply',
  transitions: [
    { by: 'explanation.reply', from: ['awaiting-reply', 'replied'], to: 'replied' },
    // A reply that comes after the meeting was convened is recorded; the meeting stands.
    { by: 'explanation.reply', from: ['meeting-convened'], to: 'meeting-convened' },
    { by: 'meeting.convene', from: ['awaiting-reply', 'replied'], to: 'meeting-convened', partyKinds: ['supervisor'] },
    // A meeting that refers first to the request is the one convened on it; the type's older form, above, stays readable.
    { by: 'meeting', from: ['awaiting-reply', 'replied'], to: 'meeting-convened', partyKinds: ['supervisor'], optional: true },
  ],
};

/**
 * Whether the supervisor may convene a meeting on an explanation request, as far as its
 * replies go: one owed is missing after its deadline, or one was contested. Server and apps
 * each find the two facts in what they hold, and decide here.
 */
export function meetingMayBeConvened(request: { replyOverdue: boolean; replyContested: boolean }): { allowed: true } | { allowed: false; reason: string } {
  if (request.replyOverdue || request.replyContested) return { allowed: true };
  return { allowed: false, reason: 'a meeting is convened when a reply is missing after its deadline, or contested' };
}

export const explanationRequestType = defineItemType({
  type: 'explanation.request',
  version: 1,
  payload: ExplanationRequestPayload,
  roles: OPERATIONAL,
  tracks: ['deescalation', 'general'],
  compartments: SHARED_COMPARTMENTS,
  obligation: { ruleKey: 'explanation.request' },
  findings: [AREA_IN_ZONE],
  // Its finding places what was reported against the zones; the reporter owes nothing to it.
  findingsOwed: false,
  lifecycle: EXPLANATION_LIFECYCLE,
  summary: ['question', 'activity'],
});

export const explanationReplyType = defineItemType({
  type: 'explanation.reply',
  version: 1,
  payload: ExplanationReplyPayload,
  roles: OPERATIONAL,
  tracks: TRACKS,
  answers: { types: ['explanation.request'] },
  lifecycle: EXPLANATION_LIFECYCLE,
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
  lifecycle: EXPLANATION_LIFECYCLE,
  summary: ['purpose', 'venue'],
});

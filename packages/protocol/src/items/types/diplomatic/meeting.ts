import { z } from 'zod';
import { Id, Language, Slug, Timestamp } from '../../../common.ts';
import { defineItemType } from '../../item-type.ts';
import { OPERATIONAL, SHARED_COMPARTMENTS } from '../audiences.ts';
import { EXPLANATION_LIFECYCLE } from '../deescalation/explanation.ts';

/** One point of a meeting's agenda: a short id that the minutes' sections name, and its title. */
export const AgendaItem = z.strictObject({
  id: Slug,
  title: z.string().trim().min(1).max(500),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

export const MEETING_MODES = ['in-person', 'remote', 'hybrid'] as const;
export type MeetingMode = (typeof MEETING_MODES)[number];

/** Whether the runtime knows an IANA time zone by this name (`Europe/Paris`, `Asia/Damascus`). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const TimeZone = z.string().min(1).max(64).refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris');

/**
 * A meeting of the parties: a round of talks, when and where, who takes part and what is on
 * its agenda. Convened by a supervisor, or proposed by a side and convened once a supervisor
 * confirms it. Its times are instants; `timeZone` is where it is held, so every reader sees the
 * venue's time beside their own.
 */
export const MeetingPayload = z
  .strictObject({
    round: z.number().int().min(1).max(9999).describe('the round of talks this meeting belongs to'),
    title: z.string().trim().min(1).max(300),
    startsAt: Timestamp,
    endsAt: Timestamp,
    timeZone: TimeZone.describe('the time zone of the venue'),
    mode: z.enum(MEETING_MODES),
    venue: z.string().trim().min(1).max(300).optional().describe('where it is held; required unless the meeting is remote'),
    parties: z.array(Slug).min(2).max(20).describe('the parties taking part'),
    members: z.array(Id).max(200).optional().describe('the members taking part, by id, when named'),
    agenda: z.array(AgendaItem).min(1).max(40),
    language: Language,
  })
  .superRefine((meeting, context) => {
    if (Date.parse(meeting.endsAt) <= Date.parse(meeting.startsAt)) context.addIssue({ code: 'custom', path: ['endsAt'], message: 'a meeting ends after it starts' });
    if (meeting.mode !== 'remote' && meeting.venue === undefined) context.addIssue({ code: 'custom', path: ['venue'], message: 'a meeting held in person names its venue' });
    duplicates(meeting.parties).forEach((index) => context.addIssue({ code: 'custom', path: ['parties', index], message: 'a party is named once' }));
    duplicates(meeting.members ?? []).forEach((index) => context.addIssue({ code: 'custom', path: ['members', index], message: 'a member is named once' }));
    duplicates(meeting.agenda.map((item) => item.id)).forEach((index) => context.addIssue({ code: 'custom', path: ['agenda', index, 'id'], message: 'each agenda item has its own id' }));
  });
export type MeetingPayload = z.infer<typeof MeetingPayload>;

/** The indexes of values already seen earlier in the list. */
export function duplicates(values: readonly string[]): number[] {
  const seen = new Set<string>();
  const repeated: number[] = [];
  values.forEach((value, index) => {
    if (seen.has(value)) repeated.push(index);
    seen.add(value);
  });
  return repeated;
}

/** The parties a meeting invites: each owes its invitation an acknowledgment. */
export function meetingInvitees(payload: Record<string, unknown>): string[] {
  return Array.isArray(payload.parties) ? payload.parties.filter((party): party is string => typeof party === 'string') : [];
}

/** A supervisor confirms a meeting a side proposed: from then on it is convened. */
export const MeetingConfirmPayload = z.strictObject({
  note: z.string().trim().min(1).max(2000).optional(),
  language: Language,
});
export type MeetingConfirmPayload = z.infer<typeof MeetingConfirmPayload>;

/** A meeting called off, with the reason: by a supervisor, or by the side that proposed it while still proposed. */
export const MeetingCancelPayload = z.strictObject({
  reason: z.string().trim().min(1).max(2000),
  language: Language,
});
export type MeetingCancelPayload = z.infer<typeof MeetingCancelPayload>;

export type MeetingState = 'proposed' | 'convened' | 'cancelled';

/**
 * Where a meeting stands, from who entered it and what followed: a supervisor's meeting is
 * convened at once, a side's once a supervisor confirms it; a cancellation ends either. Server
 * and apps decide here from what they hold (acts by anyone else are refused, and ignored).
 */
export function meetingState(authorKind: string | undefined, acts: readonly { type: string; partyKind: string | undefined }[]): MeetingState {
  let state: MeetingState = authorKind === 'supervisor' ? 'convened' : 'proposed';
  for (const act of acts) {
    if (state === 'cancelled') break;
    if (act.type === 'meeting.cancel') state = 'cancelled';
    else if (act.type === 'meeting.confirm' && act.partyKind === 'supervisor') state = 'convened';
  }
  return state;
}

export const meetingType = defineItemType({
  type: 'meeting',
  version: 1,
  payload: MeetingPayload,
  roles: OPERATIONAL,
  partyKinds: ['side', 'supervisor'],
  tracks: ['diplomatic', 'deescalation', 'general'],
  compartments: SHARED_COMPARTMENTS,
  // Each invited party acknowledges its invitation, like any required reply.
  obligation: { ruleKey: 'meeting', owedBy: { payload: meetingInvitees } },
  // Referring first to an explanation request, it is the meeting the supervisor convenes on it.
  lifecycle: EXPLANATION_LIFECYCLE,
  summary: ['title', 'venue'],
});

export const meetingConfirmType = defineItemType({
  type: 'meeting.confirm',
  version: 1,
  payload: MeetingConfirmPayload,
  roles: OPERATIONAL,
  partyKinds: ['supervisor'],
  tracks: ['diplomatic', 'deescalation', 'general'],
  compartments: SHARED_COMPARTMENTS,
  attached: true,
  summary: ['note'],
});

export const meetingCancelType = defineItemType({
  type: 'meeting.cancel',
  version: 1,
  payload: MeetingCancelPayload,
  roles: OPERATIONAL,
  partyKinds: ['side', 'supervisor'],
  tracks: ['diplomatic', 'deescalation', 'general'],
  compartments: SHARED_COMPARTMENTS,
  attached: true,
  summary: ['reason'],
});

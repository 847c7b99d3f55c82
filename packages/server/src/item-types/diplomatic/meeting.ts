import { meetingState, type MeetingPayload, type MeetingState } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import { DomainError } from '../../errors.ts';
import type { Actor } from '../../policy/actor.ts';
import { meetingConveneModule } from '../deescalation/meeting-convene.ts';
import { defineServerItemType, type Executor, type RuleServices } from '../server-item-type.ts';
import { actsOn, firstReferenceOf, recordedItem, type RecordedItem } from './diplomatic-record.ts';

const MEETING_ACTS = ['meeting.confirm', 'meeting.cancel'] as const;

/** Where a meeting stands, by the protocol's rule, from who entered it and the acts on it. */
export async function stateOfMeeting(db: Executor, kindOf: (party: string) => string | undefined, meeting: Pick<RecordedItem, 'id' | 'party'>): Promise<MeetingState> {
  const acts = await actsOn(db, meeting.id, MEETING_ACTS);
  return meetingState(
    kindOf(meeting.party),
    acts.map((act) => ({ type: act.type, partyKind: kindOf(act.party) })),
  );
}

/**
 * A meeting invites parties of its compartment, its author's among them, and members of those
 * parties. One that refers first to an explanation request is the meeting a supervisor convenes
 * on it (the request's lifecycle moves; the declaration says who may move it), only when its
 * reply is overdue or contested, as for `meeting.convene`.
 */
export const meetingModule = defineServerItemType({
  type: 'meeting',
  // Convening on a request reads its obligations and replies, which a concurrent append can change.
  recheckUnderLock: true,
  async check(services, actor, envelope) {
    const payload = envelope.payload as unknown as MeetingPayload;
    const audience = services.record.cell.audiences.get(envelope.compartment) ?? [];
    payload.parties.forEach((party, index) => {
      if (!audience.includes(party) || services.record.cell.partyKinds.get(party) === 'observer') {
        throw new DomainError('validation_failed', `${party} is not a side or supervisor of this compartment`, `envelope.payload.parties[${index}]`);
      }
    });
    if (!payload.parties.includes(actor.partyId)) throw new DomainError('validation_failed', `the party entering a meeting (${actor.partyId}) takes part in it: name it among the parties`, 'envelope.payload.parties');
    await checkMembers(services, payload);
    await checkConvenedOnRequest(services, actor, envelope);
  },
  async describe(db, item) {
    const meeting = await recordedItem(db, item.id);
    const kinds = await partyKinds(db);
    return meeting ? { state: await stateOfMeeting(db, (party) => kinds.get(party), meeting) } : {};
  },
});

async function checkMembers(services: RuleServices, payload: MeetingPayload): Promise<void> {
  const members = payload.members ?? [];
  if (members.length === 0) return;
  const rows = await services.db.selectFrom('members').select(['id', 'party_id']).where('id', 'in', members).execute();
  const partyOf = new Map(rows.map((row) => [row.id, row.party_id]));
  members.forEach((member, index) => {
    const party = partyOf.get(member);
    if (party === undefined || !payload.parties.includes(party)) throw new DomainError('validation_failed', 'each member named is a member of a party taking part', `envelope.payload.members[${index}]`);
  });
}

async function checkConvenedOnRequest(services: RuleServices, actor: Actor, envelope: Envelope): Promise<void> {
  const [first] = envelope.references;
  const request = first === undefined ? undefined : await recordedItem(services.db, first);
  if (request?.type !== 'explanation.request') return;
  if (request.compartment !== envelope.compartment) throw new DomainError('validation_failed', 'a meeting on an explanation request is convened in the request’s compartment', 'envelope.compartment');
  // The same rule as `meeting.convene`: only on a reply overdue or contested.
  await meetingConveneModule.check?.(services, actor, envelope, { id: request.id, type: request.type, compartment: request.compartment, track: envelope.track, party: request.party });
}

async function partyKinds(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('parties').select(['id', 'kind']).execute();
  return new Map(rows.map((row) => [row.id, row.kind]));
}

async function meetingOf(services: RuleServices, envelope: Envelope): Promise<{ meeting: RecordedItem; state: MeetingState }> {
  const meeting = await firstReferenceOf(services, envelope, ['meeting'], 'a meeting');
  const state = await stateOfMeeting(services.db, (party) => services.record.cell.partyKinds.get(party), meeting);
  return { meeting, state };
}

/** A supervisor confirms a meeting a side proposed: only one still proposed. */
export const meetingConfirmModule = defineServerItemType({
  type: 'meeting.confirm',
  recheckUnderLock: true,
  async check(services, _actor, envelope) {
    const { state } = await meetingOf(services, envelope);
    if (state !== 'proposed') throw new DomainError('conflict', `the meeting is ${state}: only a proposed meeting is confirmed`, 'envelope.references[0]');
  },
});

/** A supervisor cancels a proposed or convened meeting; the side that proposed one, only while it is proposed; once. */
export const meetingCancelModule = defineServerItemType({
  type: 'meeting.cancel',
  recheckUnderLock: true,
  async check(services, actor, envelope) {
    const { meeting, state } = await meetingOf(services, envelope);
    if (state === 'cancelled') throw new DomainError('conflict', 'the meeting is cancelled already', 'envelope.references[0]');
    if (actor.partyKind === 'supervisor') return;
    if (meeting.party !== actor.partyId) throw new DomainError('forbidden', 'a side cancels only a meeting it proposed', 'envelope.references[0]');
    if (state !== 'proposed') throw new DomainError('forbidden', 'a convened meeting is cancelled by a supervisor', 'envelope.references[0]');
  },
});

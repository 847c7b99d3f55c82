import type { MeetingPayload, MinutesPayload } from '@fusion-cell/protocol';
import type { Envelope } from '@fusion-cell/record';
import { DomainError } from '../../errors.ts';
import type { Actor } from '../../policy/actor.ts';
import { defineServerItemType, type RuleServices } from '../server-item-type.ts';
import { recordedItem, sameSet, type RecordedItem } from './diplomatic-record.ts';
import { stateOfMeeting } from './meeting.ts';

/**
 * Minutes record one convened meeting of their compartment. A supervisor drafts version 1,
 * which refers first to the meeting; any party taking part amends them, each amendment a new
 * version that says what it changes and keeps the meeting. They are signed by the meeting's
 * sides and supervisors, and their sections follow its agenda. (Agreed minutes take no new
 * version: the document framework refuses it.)
 */
export const minutesModule = defineServerItemType({
  type: 'minutes',
  // A new version races other versions and the meeting's own acts.
  recheckUnderLock: true,
  async check(services, actor, envelope) {
    const payload = envelope.payload as unknown as MinutesPayload;
    const previous = await previousVersion(services, envelope);
    const meeting = previous ? await amendedMeeting(services, actor, payload, previous) : await draftedMeeting(services, actor, envelope, payload);
    const agenda = meeting.payload as unknown as MeetingPayload;
    const signers = agenda.parties.filter((party) => ['side', 'supervisor'].includes(services.record.cell.partyKinds.get(party) ?? ''));
    if (!sameSet(payload.parties, signers)) throw new DomainError('validation_failed', `the minutes are signed by the meeting’s sides and supervisors: ${signers.join(', ')}`, 'envelope.payload.parties');
    const items = new Set(agenda.agenda.map((item) => item.id));
    payload.sections.forEach((section, index) => {
      if (!items.has(section.agendaItem)) throw new DomainError('validation_failed', `${section.agendaItem} is not on the meeting’s agenda`, `envelope.payload.sections[${index}].agendaItem`);
    });
  },
});

/** The version this one amends, when its first reference is minutes (the framework checked it is the latest). */
async function previousVersion(services: RuleServices, envelope: Envelope): Promise<RecordedItem | undefined> {
  const [first] = envelope.references;
  const item = first === undefined ? undefined : await recordedItem(services.db, first);
  return item?.type === 'minutes' ? item : undefined;
}

async function draftedMeeting(services: RuleServices, actor: Actor, envelope: Envelope, payload: MinutesPayload): Promise<RecordedItem> {
  if (actor.partyKind !== 'supervisor') throw new DomainError('forbidden', 'a supervisor drafts the minutes; a party taking part amends them', 'envelope.author');
  if (envelope.references[0] !== payload.meeting) throw new DomainError('validation_failed', 'the first version of minutes refers first to their meeting', 'envelope.references[0]');
  const meeting = await recordedItem(services.db, payload.meeting);
  if (meeting?.type !== 'meeting' || meeting.compartment !== envelope.compartment) throw new DomainError('validation_failed', 'minutes record a meeting of their compartment', 'envelope.payload.meeting');
  const state = await stateOfMeeting(services.db, (party) => services.record.cell.partyKinds.get(party), meeting);
  if (state !== 'convened') throw new DomainError('conflict', `the meeting is ${state}: minutes record a convened meeting`, 'envelope.payload.meeting');
  return meeting;
}

async function amendedMeeting(services: RuleServices, actor: Actor, payload: MinutesPayload, previous: RecordedItem): Promise<RecordedItem> {
  const before = previous.payload as unknown as MinutesPayload;
  if (payload.meeting !== before.meeting) throw new DomainError('validation_failed', 'an amendment records the same meeting', 'envelope.payload.meeting');
  if (payload.amendment === undefined) throw new DomainError('validation_failed', 'an amendment says what it changes', 'envelope.payload.amendment');
  const meeting = await recordedItem(services.db, before.meeting);
  const parties = (meeting?.payload as unknown as MeetingPayload | undefined)?.parties ?? [];
  if (!meeting || !parties.includes(actor.partyId)) throw new DomainError('forbidden', 'only a party taking part in the meeting amends its minutes', 'envelope.author');
  return meeting;
}

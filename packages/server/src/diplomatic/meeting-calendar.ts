import type { MeetingPayload, MeetingState } from '@fusion-cell/protocol';
import type { EventAttributes, EventStatus } from 'ics';
import type { CellServices } from '../cell-services.ts';
import { actsOn, recordedItem, type RecordedItem } from '../item-types/diplomatic/diplomatic-record.ts';
import { stateOfMeeting } from '../item-types/diplomatic/meeting.ts';
import type { Actor } from '../policy/actor.ts';
import { decide } from '../policy/policy.ts';

const EVENT_STATUS: Record<MeetingState, EventStatus> = { proposed: 'TENTATIVE', convened: 'CONFIRMED', cancelled: 'CANCELLED' };

/**
 * Every meeting of the compartments the member reads, as an iCalendar file: one event per
 * meeting, its id the item's, its times in UTC, its agenda as the description. A cancelled
 * meeting stays, marked cancelled, so calendars that imported it drop it.
 */
export async function meetingCalendar(services: Pick<CellServices, 'db' | 'record'>, actor: Actor): Promise<string> {
  const compartments = [...actor.compartments].filter((compartment) => decide(actor, { type: 'compartment.read', compartment }).allowed);
  const rows = compartments.length
    ? await services.db.selectFrom('items').select('id').where('type', '=', 'meeting').where('compartment_id', 'in', compartments).orderBy('received_at').orderBy('idx').execute()
    : [];
  const events: EventAttributes[] = [];
  for (const row of rows) {
    const meeting = await recordedItem(services.db, row.id);
    if (meeting) events.push(await eventOf(services, meeting));
  }
  // Loaded with the first calendar: the library is large and validates with a schema library of its own.
  const { createEvents } = await import('ics');
  const { error, value } = createEvents(events, { productId: '-//Fusion Cell//Meetings//EN', calName: 'Fusion Cell meetings' });
  if (error || value === null) throw error ?? new Error('the calendar could not be written');
  return value;
}

async function eventOf(services: Pick<CellServices, 'db' | 'record'>, meeting: RecordedItem): Promise<EventAttributes> {
  const payload = meeting.payload as unknown as MeetingPayload;
  const state = await stateOfMeeting(services.db, (party) => services.record.cell.partyKinds.get(party), meeting);
  const event: EventAttributes & { timestamp: number } = {
    uid: meeting.id,
    title: `Round ${payload.round}: ${payload.title}`,
    start: Date.parse(payload.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: Date.parse(payload.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    description: payload.agenda.map((item, index) => `${index + 1}. ${item.title}`).join('\n'),
    ...(payload.venue !== undefined ? { location: payload.venue } : {}),
    status: EVENT_STATUS[state],
    // A calendar applies a change only from a higher sequence: a confirmation or cancellation raises it.
    sequence: (await actsOn(services.db, meeting.id, ['meeting.confirm', 'meeting.cancel'])).length,
    // Stamped with the time the cell received it, so the same record gives the same file.
    timestamp: meeting.receivedAt,
  };
  return event;
}

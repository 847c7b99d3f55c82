import { describe, expect, it } from 'vitest';
import { Rules, type CellInfo } from '@fusion-cell/protocol';
import { offeredActions } from '../src/features/items/item-actions.tsx';
import { buildItemGraph } from '../src/features/items/item-graph.ts';
import { commitmentStatusOf } from '../src/features/diplomatic/commitments/commitment-state.ts';
import { meetingStateOf } from '../src/features/diplomatic/meetings/meeting-state.ts';
import { zonedInputToIso } from '../src/features/diplomatic/meetings/zoned-time.ts';
import type { ActionContext } from '../src/item-types/web-item-type.ts';
import type { SyncedItem } from '../src/sync/sync-types.ts';

/**
 * Meetings, minutes and commitments as the app computes them from the record verified here:
 * times read in the venue's zone, where a meeting and a commitment stand, and which actions
 * each offers to whom.
 */

const cell: CellInfo = {
  id: 'test-cell',
  name: { en: 'Test cell' },
  languages: ['en', 'ar', 'he'],
  tracks: ['diplomatic'],
  parties: [
    { id: 'sy', kind: 'side', name: { en: 'Syria' } },
    { id: 'il', kind: 'side', name: { en: 'Israel' } },
    { id: 'us', kind: 'supervisor', name: { en: 'United States' } },
  ],
  agreements: [],
  rules: Rules.parse({}),
};
const members = new Map([
  ['m-sy', { party: 'sy', displayName: 'Syria' }],
  ['m-il', { party: 'il', displayName: 'Israel' }],
  ['m-us', { party: 'us', displayName: 'United States' }],
]);
const verified = { signature: { status: 'verified' }, inclusion: { status: 'verified' } } as unknown as SyncedItem['verification'];
let index = 0;
function entry(id: string, author: string, type: string, payload: Record<string, unknown>, references: string[] = []): SyncedItem {
  return {
    id,
    claimedId: id,
    compartment: 'plenary',
    index: index++,
    receivedAt: '2026-01-06T09:00:00.000Z',
    leafHash: new Uint8Array(),
    signed: { envelope: { cell: 'test-cell', compartment: 'plenary', type, track: 'diplomatic', payload: payload as never, references, author, device: 'd', authoredAt: '2026-01-06T09:00:00.000Z' }, signature: '' },
    verification: verified,
  };
}
const graphOf = (items: SyncedItem[]) => buildItemGraph(new Map([['plenary', items]]));
const head = (party: string) => ({ party, roles: ['head'] as const, partyKind: party === 'us' ? ('supervisor' as const) : ('side' as const) });
const meetingPayload = {
  round: 6,
  title: 'Round 6',
  startsAt: '2026-12-01T09:00:00.000Z',
  endsAt: '2026-12-01T11:00:00.000Z',
  timeZone: 'Europe/Paris',
  mode: 'in-person',
  venue: 'Geneva',
  parties: ['sy', 'il', 'us'],
  agenda: [{ id: 'item-1', title: 'Separation of forces' }],
  language: 'en',
};
function offered(items: SyncedItem[], target: SyncedItem, reader: ActionContext['reader']): string[] {
  const envelope = target.signed!.envelope;
  const context: ActionContext = {
    target: { id: target.id, compartment: { id: 'plenary', kind: 'plenary', owner: null, parties: ['sy', 'il', 'us'] }, track: 'diplomatic', type: envelope.type, payload: envelope.payload, authorParty: members.get(envelope.author)?.party },
    reader,
    cell,
    graph: graphOf(items),
    members,
    overdue: null,
  };
  return offeredActions(context).map(({ action }) => action.id);
}

describe('meetings, minutes and commitments in the app', () => {
  it('reads a time typed for the venue in the venue’s zone, whatever the browser’s', () => {
    expect(zonedInputToIso('2026-12-01T10:00', 'Europe/Paris')).toBe('2026-12-01T09:00:00.000Z');
    expect(zonedInputToIso('2026-07-01T10:00', 'Europe/Paris')).toBe('2026-07-01T08:00:00.000Z');
    expect(zonedInputToIso('2026-12-01T10:00', 'Asia/Damascus')).toBe('2026-12-01T07:00:00.000Z');
    expect(zonedInputToIso('2026-03-29T12:00', 'Asia/Jerusalem')).toBe('2026-03-29T09:00:00.000Z');
    expect(zonedInputToIso('', 'Europe/Paris')).toBeUndefined();
    expect(zonedInputToIso('2026-12-01T10:00', 'Mars/Olympus')).toBeUndefined();
  });

  it('convenes a supervisor’s meeting at once, and a side’s once a supervisor confirms it', () => {
    const convened = entry('m1', 'm-us', 'meeting', meetingPayload);
    const proposed = entry('m2', 'm-sy', 'meeting', meetingPayload);
    expect(meetingStateOf('m1', graphOf([convened]), members, cell)).toBe('convened');
    expect(meetingStateOf('m2', graphOf([proposed]), members, cell)).toBe('proposed');
    // A side cannot confirm; a supervisor can.
    const bySide = entry('c1', 'm-il', 'meeting.confirm', { language: 'en' }, ['m2']);
    expect(meetingStateOf('m2', graphOf([proposed, bySide]), members, cell)).toBe('proposed');
    const confirmed = entry('c2', 'm-us', 'meeting.confirm', { language: 'en' }, ['m2']);
    expect(meetingStateOf('m2', graphOf([proposed, confirmed]), members, cell)).toBe('convened');
    const cancelled = entry('x1', 'm-us', 'meeting.cancel', { reason: 'Postponed', language: 'en' }, ['m2']);
    expect(meetingStateOf('m2', graphOf([proposed, confirmed, cancelled]), members, cell)).toBe('cancelled');
  });

  it('offers the supervisor confirmation of a proposed meeting, and its cancellation to the side that proposed it', () => {
    const proposed = entry('m3', 'm-sy', 'meeting', meetingPayload);
    expect(offered([proposed], proposed, head('us'))).toEqual(expect.arrayContaining(['confirmMeeting', 'cancelMeeting']));
    expect(offered([proposed], proposed, head('sy'))).toContain('cancelMeeting');
    expect(offered([proposed], proposed, head('il'))).not.toContain('cancelMeeting');
    expect(offered([proposed], proposed, head('il'))).not.toContain('confirmMeeting');
    const confirmed = entry('c3', 'm-us', 'meeting.confirm', { language: 'en' }, ['m3']);
    expect(offered([proposed, confirmed], proposed, head('us'))).not.toContain('confirmMeeting');
    expect(offered([proposed, confirmed], proposed, head('sy'))).not.toContain('cancelMeeting');
  });

  describe('minutes and the commitments taken in them', () => {
    const meeting = entry('m4', 'm-us', 'meeting', meetingPayload);
    const minutes = { meeting: 'm4', parties: ['sy', 'il', 'us'], sections: [{ agendaItem: 'item-1', text: 'Discussed.', decisions: [{ id: 'decision-1', text: 'Withdraw.' }] }], language: 'en' };
    const v1 = entry('v1', 'm-us', 'minutes', minutes, ['m4']);
    const v2 = entry('v2', 'm-il', 'minutes', { ...minutes, amendment: 'Dates the withdrawal.' }, ['v1']);
    const signatures = ['m-us', 'm-sy', 'm-il'].map((author, n) => entry(`s${n}`, author, 'document.sign', { act: 'signature', version: 'v2' }, ['v2']));

    it('offers an amendment and signatures on the latest version only, and a commitment once agreed', () => {
      expect(offered([meeting, v1, v2], v2, head('sy'))).toEqual(expect.arrayContaining(['sign', 'amend']));
      expect(offered([meeting, v1, v2], v1, head('sy'))).not.toContain('sign');
      expect(offered([meeting, v1, v2], v1, head('sy'))).not.toContain('amend');
      expect(offered([meeting, v1, v2], v2, head('us'))).not.toContain('recordCommitment');
      const agreed = [meeting, v1, v2, ...signatures];
      expect(offered(agreed, v2, head('us'))).toContain('recordCommitment');
      expect(offered(agreed, v2, head('sy'))).not.toContain('amend');
      expect(offered(agreed, v2, head('sy'))).not.toContain('sign');
    });

    it('moves a commitment from open to overdue, reported and verified; a verdict of not verified opens it again', () => {
      const commitment = entry('k1', 'm-us', 'commitment', { owner: 'sy', undertaking: 'Withdraw.', due: '2026-12-10T00:00:00.000Z', verification: 'Patrols.', language: 'en' }, ['v2']);
      const before = Date.parse('2026-12-09T00:00:00.000Z');
      const after = Date.parse('2026-12-11T00:00:00.000Z');
      const report = entry('r1', 'm-sy', 'commitment.report', { summary: 'Done.', language: 'en' }, ['k1']);
      const rejected = entry('n1', 'm-us', 'commitment.verify', { verdict: 'not-verified', note: 'Still there.', language: 'en' }, ['k1']);
      const report2 = entry('r2', 'm-sy', 'commitment.report', { summary: 'Done now.', language: 'en' }, ['k1']);
      const accepted = entry('y1', 'm-us', 'commitment.verify', { verdict: 'verified', note: 'Seen.', language: 'en' }, ['k1']);
      const status = (items: SyncedItem[], now: number) => commitmentStatusOf('k1', graphOf(items), members, cell, now);
      expect(status([commitment], before)).toBe('open');
      expect(status([commitment], after)).toBe('overdue');
      expect(status([commitment, report], after)).toBe('reported');
      expect(status([commitment, report, rejected], after)).toBe('overdue');
      expect(status([commitment, report, rejected, report2, accepted], after)).toBe('verified');
      // The owner reports; the supervisor verifies what was reported.
      expect(offered([commitment], commitment, head('sy'))).toContain('reportDone');
      expect(offered([commitment], commitment, head('il'))).not.toContain('reportDone');
      expect(offered([commitment, report], commitment, head('us'))).toContain('verifyCommitment');
      expect(offered([commitment], commitment, head('us'))).not.toContain('verifyCommitment');
    });
  });
});

import { describe, expect, it } from 'vitest';
import { Rules, type CellInfo, type PartyKind } from '@fusion-cell/protocol';
import { offeredActions } from '../src/features/items/item-actions.tsx';
import { buildItemGraph } from '../src/features/items/item-graph.ts';
import { deadlineOf, isOverdue, type DeadlineReading } from '../src/features/disputes/dispute-deadline.ts';
import { currentStep, indexDisputes, timelineOf, type DisputeRecord } from '../src/features/disputes/dispute-record.ts';
import { caucusPlaces } from '../src/features/disputes/caucus.ts';
import { defaultRespondents, disputableItems } from '../src/features/disputes/disputable.ts';
import { laterStages, proposalsOf, stepStatus } from '../src/features/disputes/stages.ts';
import { webItemType } from '../src/item-types/registry.ts';
import type { ActionContext } from '../src/item-types/web-item-type.ts';
import type { SyncedItem } from '../src/sync/sync-types.ts';

/**
 * The dispute process as the browser reads it from the verified record: where a dispute stands
 * (the supervisors' moves replayed by the protocol's lifecycle), what its stage asks of whom and
 * by when (the cell's rules), and what each reader is offered, and never offered.
 */

const cell: CellInfo = {
  id: 'test-cell',
  name: { en: 'Test cell' },
  languages: ['en', 'ar', 'he'],
  tracks: ['deescalation', 'diplomatic', 'general'],
  parties: [
    { id: 'sy', kind: 'side', name: { en: 'Syria' } },
    { id: 'il', kind: 'side', name: { en: 'Israel' } },
    { id: 'us', kind: 'supervisor', name: { en: 'United States' } },
  ],
  agreements: [],
  rules: Rules.parse({}),
};
const kindOf = (party: string): PartyKind | undefined => cell.parties.find((candidate) => candidate.id === party)?.kind;
const members = new Map([
  ['m-sy', { party: 'sy', displayName: 'Syrian head' }],
  ['m-il', { party: 'il', displayName: 'Israeli head' }],
  ['m-us', { party: 'us', displayName: 'US chief' }],
  ['m-sy-translator', { party: 'sy', displayName: 'Syrian translator' }],
]);
const plenary = { id: 'plenary', kind: 'plenary', owner: null, parties: ['sy', 'il', 'us'] } as const;
const reading: DeadlineReading = { members, kindOf, rules: cell.rules, audienceOf: (compartment) => (compartment === 'plenary' ? plenary.parties : []) };
const verified = { signature: { status: 'verified' }, inclusion: { status: 'verified' } } as unknown as SyncedItem['verification'];
const START = Date.parse('2026-03-02T09:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let index = 0;
/** An item entered `hours` after the start, in plenary unless said otherwise. */
function entry(id: string, author: string, type: string, payload: Record<string, unknown>, options: { references?: string[]; hours?: number; compartment?: string; verification?: SyncedItem['verification'] } = {}): SyncedItem {
  const at = new Date(START + (options.hours ?? 0) * HOUR).toISOString();
  const compartment = options.compartment ?? 'plenary';
  return {
    id,
    claimedId: id,
    compartment,
    index: index++,
    receivedAt: at,
    leafHash: new Uint8Array(),
    signed: { envelope: { cell: 'test-cell', compartment, type, track: 'deescalation', payload: payload as never, references: options.references ?? [], author, device: 'd', authoredAt: at }, signature: '' },
    verification: options.verification ?? verified,
  };
}

const notice = entry('n1', 'm-il', 'activity.notice', { kind: 'exercise', description: 'Live-fire exercise.', language: 'en' });
const dispute = entry('d1', 'm-sy', 'dispute', { subject: 'The exercise breaches the caps', statement: 'Too many tanks.', respondents: ['il'], language: 'en' }, { references: ['n1'], hours: 1 });
const response = entry('r1', 'm-il', 'dispute.response', { position: 'Within the caps.', language: 'en' }, { references: ['d1'], hours: 2 });
const proposal = entry('p1', 'm-sy', 'dispute.stage.proposal', { to: 'facilitation', reason: 'We need the supervisor.', language: 'en' }, { references: ['d1'], hours: 3 });
const sideMove = entry('x1', 'm-il', 'dispute.stage', { to: 'resolution', sides: ['sy', 'il'], language: 'en' }, { references: ['d1'], hours: 4 });
const facilitation = entry('s1', 'm-us', 'dispute.stage', { to: 'facilitation', sides: ['sy', 'il'], language: 'en' }, { references: ['d1', 'p1'], hours: 5 });
const caucusSy = entry('c1', 'm-us', 'dispute.caucus', { text: 'What would Syria accept?', language: 'en' }, { references: ['d1'], hours: 6, compartment: 'caucus-sy' });
const caucusIl = entry('c2', 'm-us', 'dispute.caucus', { text: 'What would Israel accept?', language: 'en' }, { references: ['d1'], hours: 6.5, compartment: 'caucus-il' });
const resolutionStage = entry('s2', 'm-us', 'dispute.stage', { to: 'resolution', sides: ['sy', 'il'], language: 'en' }, { references: ['d1'], hours: 7 });
const version1 = entry('v1', 'm-us', 'dispute.resolution', { dispute: 'd1', parties: ['sy', 'il', 'us'], text: 'The exercise is moved.', language: 'en' }, { references: ['d1'], hours: 8 });
const signatures = ['m-sy', 'm-il', 'm-us'].map((author, n) => entry(`g${n}`, author, 'document.sign', { act: 'signature', version: 'v1' }, { references: ['v1'], hours: 9 + n / 10 }));
const close = entry('k1', 'm-us', 'dispute.close', { outcome: 'resolved', language: 'en' }, { references: ['d1'], hours: 10 });
const escalation = entry('e1', '@cell', 'escalation', { kind: 'dispute-overdue', item: 'D'.repeat(43), party: 'il', required: 'dispute.response', dueAt: new Date(START + HOUR + 3 * DAY).toISOString() }, { references: ['d1'], hours: 1 + 72 });

/** The dispute as a reader holding these items reads it. */
function read(items: SyncedItem[]): DisputeRecord {
  const logs = new Map<string, SyncedItem[]>();
  for (const item of items) logs.set(item.compartment, [...(logs.get(item.compartment) ?? []), item]);
  const record = indexDisputes(buildItemGraph(logs), reading).disputes.get('d1');
  if (!record) throw new Error('the dispute was not read');
  return record;
}

describe('a dispute read from the record', () => {
  it('starts in its notice, asks its respondents a response within the rule of the notice, and names the items it disputes', () => {
    const record = read([notice, dispute]);
    expect(record).toMatchObject({ state: 'notice', raiser: 'sy', respondents: ['il'], disputed: ['n1'] });
    const deadline = deadlineOf(record, reading);
    expect(deadline).toMatchObject({ subject: 'd1', owing: ['il'], awaiting: ['il'] });
    expect(deadline?.dueAt).toBe(START + HOUR + 3 * DAY);
    expect(isOverdue(deadline, START + HOUR + 3 * DAY - 1)).toBe(false);
    expect(isOverdue(deadline, START + HOUR + 3 * DAY)).toBe(true);
    expect(indexDisputes(buildItemGraph(new Map([['plenary', [notice, dispute]]])), reading).byItem.get('n1')).toEqual(['d1']);
  });

  it('is no longer awaited from a respondent that responded; the escalation of one that did not is read', () => {
    expect(deadlineOf(read([notice, dispute, response]), reading)?.awaiting).toEqual([]);
    expect(deadlineOf(read([notice, dispute, escalation]), reading)?.escalated).toEqual([{ party: 'il', at: escalation.receivedAt }]);
  });

  it('moves only by a supervisor’s decision: a side’s stage item changes nothing, and a skipped stage shows skipped', () => {
    expect(read([notice, dispute, sideMove]).state).toBe('notice');
    const record = read([notice, dispute, response, proposal, sideMove, facilitation]);
    expect(record.state).toBe('facilitation');
    expect(record.steps.map((step) => step.stage)).toEqual(['notice', 'facilitation']);
    expect(['notice', 'negotiation', 'facilitation', 'resolution'].map((stage) => stepStatus(record, stage as never))).toEqual(['done', 'skipped', 'current', 'upcoming']);
    expect(laterStages(record.state)).toEqual(['resolution']);
  });

  it('asks each side its position in a stage, under that stage’s rule, from the decision that opened it', () => {
    const record = read([notice, dispute, response, facilitation]);
    expect(currentStep(record)?.item.id).toBe('s1');
    const deadline = deadlineOf(record, reading);
    expect(deadline).toMatchObject({ subject: 's1', owing: ['sy', 'il'], awaiting: ['sy', 'il'] });
    expect(deadline?.dueAt).toBe(Date.parse(facilitation.receivedAt) + 14 * DAY);
  });

  it('reads a proposal as open until the supervisor’s decision answers it', () => {
    expect(proposalsOf(read([notice, dispute, proposal]))).toMatchObject([{ open: true, decidedBy: undefined }]);
    expect(proposalsOf(read([notice, dispute, proposal, facilitation]))).toMatchObject([{ open: false, decidedBy: { id: 's1' } }]);
  });

  it('ends resolved, with nothing owed, once closed; its timeline holds every step in the order received', () => {
    const record = read([notice, dispute, response, proposal, facilitation, caucusSy, resolutionStage, version1, ...signatures, close]);
    expect(record.state).toBe('resolved');
    expect(record.closing?.payload.outcome).toBe('resolved');
    expect(deadlineOf(record, reading)).toBeUndefined();
    expect(record.signatures).toHaveLength(3);
    expect(timelineOf(record).map((item) => item.id)).toEqual(['d1', 'r1', 'p1', 's1', 'c1', 's2', 'v1', 'g0', 'g1', 'g2', 'k1']);
  });

  it('counts nothing that failed verification here', () => {
    const forged = entry('s9', 'm-us', 'dispute.stage', { to: 'negotiation', sides: ['sy', 'il'], language: 'en' }, { references: ['d1'], hours: 2, verification: { signature: { status: 'failed', code: 'signature_invalid', detail: '' }, inclusion: { status: 'verified' } } as never });
    expect(read([notice, dispute, forged]).state).toBe('notice');
  });
});

describe('the caucus', () => {
  it('holds only the caucus messages the reader’s record holds: a side reads its own, never the other’s', () => {
    expect(read([notice, dispute, facilitation, caucusSy]).caucus.map((item) => item.id)).toEqual(['c1']);
    expect(read([notice, dispute, facilitation, caucusSy, caucusIl]).caucus.map((item) => item.compartment)).toEqual(['caucus-sy', 'caucus-il']);
  });

  it('offers the supervisor a caucus with each side of the dispute, and a side only its own', () => {
    const record = read([notice, dispute, facilitation]);
    const compartments = ['caucus-sy', 'caucus-il'].map((id) => ({ id, kind: 'caucus' as const, owner: id.slice(7), parties: [id.slice(7), 'us'] }));
    expect(caucusPlaces(record, { party: 'us', partyKind: 'supervisor' }, compartments, kindOf)).toEqual([
      { side: 'sy', compartment: 'caucus-sy' },
      { side: 'il', compartment: 'caucus-il' },
    ]);
    expect(caucusPlaces(record, { party: 'il', partyKind: 'side' }, [compartments[1]!], kindOf)).toEqual([{ side: 'il', compartment: 'caucus-il' }]);
    // A side whose session lacks its caucus (never the case in a cell, always refused) is offered none.
    expect(caucusPlaces(record, { party: 'sy', partyKind: 'side' }, [compartments[1]!], kindOf)).toEqual([]);
  });
});

describe('raising a dispute', () => {
  it('puts it by default to the side that entered the item, else to every other side', () => {
    expect(defaultRespondents(['sy', 'il'], 'sy', 'il')).toEqual(['il']);
    expect(defaultRespondents(['sy', 'il'], 'sy', 'us')).toEqual(['il']);
    expect(defaultRespondents(['sy', 'il', 'jo'], 'sy', '@cell')).toEqual(['il', 'jo']);
  });

  it('lets a dispute also name other items, but never the process’s own items, acknowledgments, signatures or escalations', () => {
    const ack = entry('a1', 'm-sy', 'ack', { level: 'received' }, { references: ['n1'] });
    expect(disputableItems([notice, dispute, ack, escalation, signatures[0]!], []).map((item) => item.id)).toEqual(['n1']);
    expect(disputableItems([notice], ['n1'])).toEqual([]);
  });
});

describe('what the app offers on the process’s items', () => {
  const reader = (party: string, roles: ActionContext['reader']['roles'] = ['head']) => ({ party, roles, partyKind: kindOf(party) ?? 'observer' });
  function offers(items: SyncedItem[], target: SyncedItem, party: string, roles?: ActionContext['reader']['roles']): string[] {
    const logs = new Map<string, SyncedItem[]>();
    for (const item of items) logs.set(item.compartment, [...(logs.get(item.compartment) ?? []), item]);
    const envelope = target.signed!.envelope;
    const context: ActionContext = {
      target: { id: target.id, compartment: { ...plenary, parties: [...plenary.parties] }, track: 'deescalation', type: envelope.type, payload: envelope.payload, authorParty: members.get(envelope.author)?.party },
      reader: reader(party, roles),
      cell,
      graph: buildItemGraph(logs),
      members,
      overdue: null,
    };
    return offeredActions(context).map(({ action }) => action.id);
  }

  it('offers a side a dispute on the other side’s item, and nothing of the kind on its own, on an acknowledgment or on a supervisor’s view', () => {
    expect(offers([notice], notice, 'sy')).toContain('raiseDispute');
    expect(offers([notice], notice, 'il')).not.toContain('raiseDispute');
    expect(offers([notice], notice, 'us')).not.toContain('raiseDispute');
    const ack = entry('a2', 'm-il', 'ack', { level: 'received' }, { references: ['n1'] });
    expect(offers([notice, ack], ack, 'sy')).not.toContain('raiseDispute');
  });

  it('offers the response to the respondent in the notice, the proposal to a side, the decision and the closing to the supervisor', () => {
    const items = [notice, dispute];
    expect(offers(items, dispute, 'il')).toEqual(expect.arrayContaining(['respondDispute', 'proposeStage']));
    expect(offers(items, dispute, 'sy')).toEqual(expect.arrayContaining(['proposeStage']));
    expect(offers(items, dispute, 'sy')).not.toContain('respondDispute');
    expect(offers(items, dispute, 'us')).toEqual(expect.arrayContaining(['decideStage', 'closeDispute']));
    expect(offers(items, dispute, 'us')).not.toContain('proposeStage');
    expect(offers([...items, response], dispute, 'il')).not.toContain('respondDispute');
  });

  it('offers the caucus in facilitation only, and the response on the stage decision that asks it, not on the dispute any more', () => {
    expect(offers([notice, dispute], dispute, 'us')).not.toContain('caucus');
    const items = [notice, dispute, facilitation];
    expect(offers(items, dispute, 'us')).toContain('caucus');
    expect(offers(items, dispute, 'sy')).toContain('caucus');
    expect(offers(items, dispute, 'il')).not.toContain('respondDispute');
    expect(offers(items, facilitation, 'il')).toContain('respondDispute');
    expect(offers(items, facilitation, 'sy')).toContain('respondDispute');
    // Where a response is overdue, the supervisor decides from the stage decision that asked it; not from an earlier one.
    expect(offers(items, facilitation, 'us')).toEqual(expect.arrayContaining(['decideStage', 'closeDispute']));
    expect(offers([...items, resolutionStage], facilitation, 'us')).not.toContain('closeDispute');
  });

  it('offers the first draft of the resolution in its stage, then its amendment while not in force, and nothing once closed', () => {
    expect(offers([notice, dispute, resolutionStage], dispute, 'il')).toContain('draftResolution');
    expect(offers([notice, dispute, facilitation], dispute, 'il')).not.toContain('draftResolution');
    const drafted = [notice, dispute, resolutionStage, version1];
    expect(offers(drafted, dispute, 'il')).not.toContain('draftResolution');
    expect(offers(drafted, version1, 'il')).toContain('amend');
    expect(offers([...drafted, ...signatures], version1, 'il')).not.toContain('amend');
    expect(offers([...drafted, ...signatures, close], dispute, 'us')).not.toContain('closeDispute');
  });

  it('offers a contest of another party’s translation, once at a time', () => {
    const message = entry('m1', 'm-il', 'message', { text: 'We propose talks on Tuesday.', language: 'en' });
    const translation = entry('t1', 'm-sy-translator', 'translation', { language: 'ar', text: 'نقترح محادثات يوم الثلاثاء.' }, { references: ['m1'] });
    expect(offers([message, translation], translation, 'il')).toContain('contestTranslation');
    expect(offers([message, translation], translation, 'il')).not.toContain('raiseDispute');
    expect(offers([message, translation], translation, 'sy')).not.toContain('contestTranslation');
    const contest = entry('d2', 'm-il', 'dispute', { subject: 'Tuesday is not Thursday', statement: 'The day is wrong.', respondents: ['sy'], language: 'en' }, { references: ['t1'] });
    expect(offers([message, translation, contest], translation, 'il')).not.toContain('contestTranslation');
  });

  it('releases what the dispute asked once it moved on, as the cell does', () => {
    const released = webItemType('dispute')?.released;
    const graphOf = (items: SyncedItem[]) => buildItemGraph(new Map([['plenary', items]]));
    expect(released?.('d1', graphOf([notice, dispute]), members)).toBe(false);
    expect(released?.('d1', graphOf([notice, dispute, facilitation]), members)).toBe(true);
    expect(webItemType('dispute.stage')?.released?.('s1', graphOf([notice, dispute, facilitation]), members)).toBe(false);
  });
});

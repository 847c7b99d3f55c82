import type { JsonObject } from '@fusion-cell/record';
import { ROLES, type CompartmentKind, type PartyKind, type Role, type Track } from '@fusion-cell/protocol';
import { ALL_PARTIES, isInAudience, OTHER_SIDE, type Caller, type CompartmentProbe } from './authorization-cell.ts';
import { created, forbidden, notFound, type Expected } from './authorization-case.ts';

/** What an item answers; a case that must be entered gets a fresh one, written by another party. */
export type Answers =
  | 'any item'
  | 'clarification'
  | 'explanation.request'
  | 'explanation.request with a contested reply'
  | 'a glossary term'
  | 'an incident alleging a violation'
  | 'a notice of its own party'
  | 'an intelligence report'
  | 'a request for information'
  | 'a request for information of its own party'
  | 'an opportunity'
  | 'an opportunity of its own party'
  // Diplomatic types refer first to what they act on, answers or not; minutes' amendments also name their meeting.
  | 'a meeting proposed by another side'
  | 'a meeting of its own party'
  | 'minutes drafted by a supervisor, and their meeting'
  | 'a joint text'
  | 'a suggestion on a joint text its party holds the pen of'
  | 'agreed minutes'
  | 'a commitment owed by its own party'
  | 'a commitment reported done'
  // Disputes: raised by the other side naming the caller's, moved on by a supervisor as the step needs.
  | 'a dispute raised by the other side'
  | 'a dispute in facilitation'
  | 'a dispute in its resolution stage'
  // Understanding: a translation of an item with text; a read-back of an item of the caller's party.
  | 'an item with text'
  | 'a read-back of an item of its own party';

/**
 * Who may enter an item of a type, and where, written out by hand from the registry's
 * declarations (protocol/src/items, ITEM_TYPES) and the product brief. It is not read from
 * the registry: a change there must change this table too, deliberately.
 */
export interface ItemTypeRule {
  roles: readonly Role[];
  /** Kinds of party whose members may; any when absent. */
  partyKinds?: readonly PartyKind[];
  /** Kinds of compartment it goes in; any when absent. */
  compartments?: readonly CompartmentKind[];
  answers?: Answers;
  /**
   * For an answer, its refusal in kinds of compartment where nothing it could answer is ever
   * entered: the caller's own internal compartment, where every item is the party's own; a
   * compartment without documents to sign.
   */
  refusedIn?: Partial<Record<CompartmentKind, Expected>>;
  /** The track it is filed under; `general` when absent. */
  track?: Track;
  /** Changes the channel's state: allowed cases are entered one after the other. */
  inOrder?: true;
  /**
   * A release: sent with its opening beside the envelope, of an original its party entered in
   * its own internal compartment, narrower than every other (record SPEC R44).
   */
  release?: true;
  /**
   * For an answer, its refusal to some callers in some compartments where nothing it could
   * answer is ever entered (a side's own caucus holds no other side to suggest a change).
   */
  refusedFor?(caller: Caller, probe: CompartmentProbe): Expected | undefined;
  /** The payload, given a text that makes it unique, the references the case sends, and where and by whom. */
  payload(text: string, references: readonly string[], where: { compartment: string; party: string }): JsonObject;
}

const OPERATIONAL: readonly Role[] = ['head', 'duty'];
const SHARED: readonly CompartmentKind[] = ['plenary', 'caucus'];
/** "A party does not answer its own items." */
const ONLY_OWN_ITEMS_THERE: Expected = { status: 403, code: 'forbidden', field: 'body.envelope.references[0]' };
/** What it answers goes in shared compartments only, so the item referred to is of another type. */
const NOTHING_IT_COULD_ANSWER: Expected = { status: 400, code: 'validation_failed', field: 'body.envelope.references[0]' };

export const text = (value: string) => ({ text: value, language: 'en' });
export const answer = (value: string) => ({ answer: value, language: 'en' });
export const question = (value: string) => ({ question: value, language: 'en' });
const reason = (value: string) => ({ reason: value, language: 'en' });
const SQUARE = { type: 'Polygon', coordinates: [[[35.85, 32.9], [35.9, 32.9], [35.9, 32.95], [35.85, 32.95], [35.85, 32.9]]] };
export const notice = (value: string) => ({
  kind: 'exercise',
  description: value,
  language: 'en',
  area: SQUARE,
  window: { from: '2026-01-10T08:00:00.000Z', to: '2026-01-10T16:00:00.000Z' },
  size: { category: 'small', personnel: 50 },
  semantics: 'information-only',
});

const INTELLIGENCE: readonly Role[] = ['analyst', 'head', 'duty'];
export const intelReport = (value: string) => ({
  title: value,
  summary: 'a summary',
  body: 'the body',
  language: 'en',
  tlp: 'AMBER',
  reliability: 'B',
  credibility: 2,
  informationTime: '2026-01-06T08:00:00.000Z',
});

/**
 * The sides and supervisors of a compartment: whom a meeting there invites, who signs its
 * minutes. Where that is fewer than a meeting needs (an internal compartment, which refuses the
 * type anyway), the payload stays valid so that the compartment is what refuses it.
 */
export function partiesIn(compartment: string): string[] {
  const parties = ALL_PARTIES.filter((party) => party.kind !== 'observer' && isInAudience(party, compartment)).map((party) => party.id);
  return parties.length >= 2 ? parties : ['sy', 'us'];
}

/** The sides of a compartment: who takes part in a joint text there. */
export function sidesIn(compartment: string): string[] {
  const sides = ALL_PARTIES.filter((party) => party.kind === 'side' && isInAudience(party, compartment)).map((party) => party.id);
  return sides.length > 0 ? sides : ['sy'];
}

export const meeting = (title: string, compartment: string) => ({
  round: 1,
  title,
  startsAt: '2026-02-01T08:00:00.000Z',
  endsAt: '2026-02-01T12:00:00.000Z',
  timeZone: 'Europe/Paris',
  mode: 'in-person',
  venue: 'Geneva',
  parties: partiesIn(compartment),
  agenda: [{ id: 'a1', title: 'The line' }],
  language: 'en',
});
export const minutes = (meetingId: string, compartment: string, amendment?: string) => ({
  meeting: meetingId,
  parties: partiesIn(compartment),
  sections: [{ agendaItem: 'a1', text: 'The parties discussed the line.' }],
  ...(amendment !== undefined ? { amendment } : {}),
  language: 'en',
});
export const jointText = (title: string, compartment: string, penHolder: string) => ({
  title,
  penHolder,
  parties: sidesIn(compartment),
  sections: [{ id: 's1', passages: [{ id: 'p1', text: 'The parties reaffirm the ceasefire.' }] }],
  language: 'en',
});
export const commitment = (undertaking: string, owner: string) => ({ owner, undertaking, due: '2027-01-01T00:00:00.000Z', verification: 'Patrols', language: 'en' });

const COMMERCIAL: readonly Role[] = ['commercial', 'head'];
export const opportunity = (value: string) => ({
  sector: 'energy',
  title: value,
  description: 'A solar plant',
  sought: 'an investor',
  language: 'en',
  value: { min: 1000000, max: 2000000, currency: 'USD' },
  contactParty: 'us',
});

/** The side other than the caller's: whom a side's dispute names. */
const otherSide = (party: string): string => (party === 'il' ? 'sy' : 'il');

/**
 * Disputes: a side raises one about an item of the plenary; the sides it is between respond and
 * propose stages; a supervisor moves and closes it; the supervisor and each of its sides caucus in
 * that side's caucus; a supervisor or a side drafts its resolution. A translator translates any
 * item with text it reads; the party that wrote an item confirms a read-back of it.
 */
const DISPUTE_AND_UNDERSTANDING_MATRIX: Readonly<Record<string, ItemTypeRule>> = {
  dispute: {
    roles: ['head', 'duty', 'analyst', 'commercial', 'translator'],
    partyKinds: ['side'],
    compartments: ['plenary'],
    answers: 'any item',
    payload: (value, _references, { party }) => ({ subject: value, statement: 'It is not what was agreed.', respondents: [otherSide(party)], language: 'en' }),
  },
  'dispute.response': {
    roles: ['head', 'duty', 'analyst', 'commercial', 'translator'],
    partyKinds: ['side'],
    answers: 'a dispute raised by the other side',
    refusedIn: { caucus: NOTHING_IT_COULD_ANSWER, internal: NOTHING_IT_COULD_ANSWER },
    payload: (value) => ({ position: value, language: 'en' }),
  },
  'dispute.stage.proposal': {
    roles: OPERATIONAL,
    partyKinds: ['side'],
    compartments: ['plenary'],
    answers: 'a dispute raised by the other side',
    payload: (value) => ({ to: 'negotiation', reason: value, language: 'en' }),
  },
  'dispute.stage': {
    roles: OPERATIONAL,
    partyKinds: ['supervisor'],
    compartments: ['plenary'],
    answers: 'a dispute raised by the other side',
    payload: (value) => ({ to: 'negotiation', sides: [OTHER_SIDE.id, 'sy'], reason: value, language: 'en' }),
  },
  'dispute.close': {
    roles: OPERATIONAL,
    partyKinds: ['supervisor'],
    compartments: ['plenary'],
    answers: 'a dispute raised by the other side',
    payload: (value) => ({ outcome: 'unresolved', reason: value, language: 'en' }),
  },
  'dispute.caucus': { roles: OPERATIONAL, partyKinds: ['side', 'supervisor'], compartments: ['caucus'], answers: 'a dispute in facilitation', payload: text },
  'dispute.resolution': {
    roles: OPERATIONAL,
    partyKinds: ['side', 'supervisor'],
    compartments: ['plenary'],
    answers: 'a dispute in its resolution stage',
    payload: (value, references) => ({ dispute: references[0] ?? 'A'.repeat(43), parties: ['il', 'sy', 'us'], text: value, language: 'en' }),
  },
  translation: { roles: ['translator'], answers: 'an item with text', payload: (value) => ({ language: 'ar', text: value }) },
  'readback.confirm': {
    roles: ['head', 'duty', 'analyst', 'commercial', 'translator'],
    answers: 'a read-back of an item of its own party',
    // Its own internal compartment holds no other party to read an item back.
    refusedIn: { internal: NOTHING_IT_COULD_ANSWER },
    payload: (value) => ({ note: value, language: 'en' }),
  },
};

export const ITEM_MATRIX: Readonly<Record<string, ItemTypeRule>> = {
  message: { roles: ROLES, payload: text },
  alert: { roles: OPERATIONAL, compartments: SHARED, payload: (value) => ({ title: value, severity: 'priority', language: 'en' }) },
  ack: { roles: ['head', 'duty', 'analyst', 'commercial'], answers: 'any item', refusedIn: { internal: ONLY_OWN_ITEMS_THERE }, payload: () => ({ level: 'received' }) },
  clarification: { roles: ROLES, compartments: SHARED, answers: 'any item', payload: question },
  'clarification.reply': {
    roles: ['head', 'duty', 'analyst', 'commercial', 'translator'],
    answers: 'clarification',
    refusedIn: { internal: NOTHING_IT_COULD_ANSWER },
    payload: answer,
  },
  'explanation.request': { roles: OPERATIONAL, compartments: SHARED, payload: question },
  'explanation.reply': { roles: OPERATIONAL, answers: 'explanation.request', refusedIn: { internal: NOTHING_IT_COULD_ANSWER }, payload: answer },
  'meeting.convene': {
    roles: OPERATIONAL,
    partyKinds: ['supervisor'],
    compartments: SHARED,
    answers: 'explanation.request with a contested reply',
    payload: (value) => ({ purpose: value, proposedAt: '2026-01-08T10:00:00.000Z', language: 'en' }),
  },
  'link.check': { roles: ['duty'], compartments: ['plenary'], payload: (value) => ({ note: value }) },
  'channel.suspended': { roles: ['head'], compartments: ['plenary'], inOrder: true, payload: reason },
  'channel.resumed': { roles: ['head'], compartments: ['plenary'], inOrder: true, payload: reason },
  // Entered by the cell alone: no role may, so every member is refused.
  escalation: {
    roles: [],
    payload: () => ({ kind: 'reply-overdue', item: 'A'.repeat(43), party: 'il', required: 'explanation.reply', dueAt: '2026-01-06T08:00:00.000Z' }),
  },
  finding: {
    roles: [],
    payload: () => ({ check: 'area-in-zone', subject: 'A'.repeat(43), result: 'clear', checked: [], detail: { zones: [] } }),
  },
  // Proposed by whoever answers for a side or the supervisor; signed by heads of delegation, in plenary where terms are.
  'glossary.term': {
    roles: ['head', 'duty', 'analyst', 'commercial', 'translator'],
    partyKinds: ['side', 'supervisor'],
    compartments: ['plenary'],
    payload: (value) => ({ term: value, language: 'en' }),
  },
  'document.sign': {
    roles: ['head'],
    partyKinds: ['side', 'supervisor'],
    answers: 'a glossary term',
    refusedIn: { caucus: NOTHING_IT_COULD_ANSWER, internal: NOTHING_IT_COULD_ANSWER },
    payload: (_value, references) => ({ act: 'signature', version: references[0] ?? 'A'.repeat(43) }),
  },
  // De-escalation: zones are proposed in plenary by sides and supervisors; notices come from the sides.
  zone: {
    roles: OPERATIONAL,
    partyKinds: ['side', 'supervisor'],
    compartments: ['plenary'],
    track: 'deescalation',
    payload: (value) => ({ name: { en: value }, area: SQUARE, rule: { kind: 'no-forces' }, language: 'en' }),
  },
  'activity.notice': { roles: OPERATIONAL, partyKinds: ['side'], compartments: SHARED, track: 'deescalation', payload: notice },
  // Only the party that gave a notice cancels it.
  'activity.cancel': {
    roles: OPERATIONAL,
    partyKinds: ['side'],
    compartments: SHARED,
    track: 'deescalation',
    answers: 'a notice of its own party',
    payload: reason,
  },
  'incident.report': {
    roles: OPERATIONAL,
    compartments: SHARED,
    track: 'deescalation',
    payload: (value) => ({ what: value, language: 'en', place: { type: 'Point', coordinates: [35.9, 33] }, occurredAt: '2026-01-06T08:00:00.000Z', violation: true }),
  },
  // A side states its position on a register entry; a supervisor gives its verdict.
  'violation.position': {
    roles: OPERATIONAL,
    partyKinds: ['side'],
    track: 'deescalation',
    answers: 'an incident alleging a violation',
    refusedIn: { internal: NOTHING_IT_COULD_ANSWER },
    payload: (value) => ({ status: 'contested', reason: value, language: 'en' }),
  },
  'violation.verdict': {
    roles: OPERATIONAL,
    partyKinds: ['supervisor'],
    track: 'deescalation',
    answers: 'an incident alleging a violation',
    refusedIn: { internal: NOTHING_IT_COULD_ANSWER },
    payload: (value) => ({ verdict: 'verified', findings: value, language: 'en' }),
  },
  // Intelligence: analysts, heads and duty officers; AMBER is shared in any compartment.
  'intel.report': { roles: INTELLIGENCE, track: 'intelligence', payload: intelReport },
  'intel.rfi': { roles: INTELLIGENCE, compartments: SHARED, track: 'intelligence', payload: (value) => ({ question: value, priority: 'routine', language: 'en' }) },
  'intel.rfi.reply': { roles: INTELLIGENCE, track: 'intelligence', answers: 'a request for information', refusedIn: { internal: NOTHING_IT_COULD_ANSWER }, payload: answer },
  // Only the party that asked closes its request.
  'intel.rfi.close': {
    roles: INTELLIGENCE,
    compartments: SHARED,
    track: 'intelligence',
    answers: 'a request for information of its own party',
    payload: (value) => ({ outcome: 'answered', note: value, language: 'en' }),
  },
  // A release goes into a shared compartment broader than its original's; the cell alone notes it beside the original.
  'intel.release': {
    roles: INTELLIGENCE,
    compartments: SHARED,
    track: 'intelligence',
    release: true,
    payload: (value) => ({ title: value, extract: 'an extract', language: 'en', tlp: 'GREEN', original: 'A'.repeat(43) }),
  },
  'intel.release.note': { roles: [], payload: () => ({ release: 'A'.repeat(43), nonce: 'A'.repeat(43) }) },
  'intel.opinion': {
    roles: INTELLIGENCE,
    track: 'intelligence',
    answers: 'an intelligence report',
    refusedIn: { internal: NOTHING_IT_COULD_ANSWER },
    payload: (value) => ({ opinion: 'disagree', explanation: value, language: 'en' }),
  },
  // Commercial: attachés and heads of the sides and the supervisor propose; another party expresses
  // interest; only the proposer's party moves its opportunity (withdrawing it, here).
  opportunity: { roles: COMMERCIAL, partyKinds: ['side', 'supervisor'], compartments: SHARED, track: 'commercial', payload: opportunity },
  'opportunity.move': {
    roles: COMMERCIAL,
    partyKinds: ['side', 'supervisor'],
    compartments: SHARED,
    track: 'commercial',
    answers: 'an opportunity of its own party',
    payload: (value) => ({ to: 'withdrawn', note: value, language: 'en' }),
  },
  interest: {
    roles: COMMERCIAL,
    partyKinds: ['side', 'supervisor'],
    track: 'commercial',
    answers: 'an opportunity',
    refusedIn: { internal: NOTHING_IT_COULD_ANSWER },
    payload: (value) => ({ note: value, language: 'en' }),
  },
  // Diplomatic: meetings convened by a supervisor or proposed by a side, confirmed by a supervisor,
  // cancelled by a supervisor or the side that proposed them.
  meeting: { roles: OPERATIONAL, partyKinds: ['side', 'supervisor'], compartments: SHARED, track: 'diplomatic', payload: (value, _references, { compartment }) => meeting(value, compartment) },
  'meeting.confirm': { roles: OPERATIONAL, partyKinds: ['supervisor'], compartments: SHARED, track: 'diplomatic', answers: 'a meeting proposed by another side', payload: (value) => ({ note: value, language: 'en' }) },
  'meeting.cancel': { roles: OPERATIONAL, partyKinds: ['side', 'supervisor'], compartments: SHARED, track: 'diplomatic', answers: 'a meeting of its own party', payload: reason },
  // A supervisor drafts minutes; any party taking part amends them (the case an amendment, which every such party may enter).
  minutes: {
    roles: OPERATIONAL,
    partyKinds: ['side', 'supervisor'],
    compartments: SHARED,
    track: 'diplomatic',
    answers: 'minutes drafted by a supervisor, and their meeting',
    payload: (value, references, { compartment }) => minutes(references[1] ?? 'A'.repeat(43), compartment, value),
  },
  // The pen-holder issues the text (the caller's own party here); its parties bracket and suggest; the pen-holder decides.
  'joint.text': { roles: OPERATIONAL, partyKinds: ['side', 'supervisor'], compartments: SHARED, track: 'diplomatic', payload: (value, _references, { compartment, party }) => jointText(value, compartment, party) },
  'joint.text.bracket': {
    roles: OPERATIONAL,
    partyKinds: ['side', 'supervisor'],
    compartments: SHARED,
    track: 'diplomatic',
    answers: 'a joint text',
    payload: (value) => ({ passage: 'p1', action: 'raise', reason: value, language: 'en' }),
  },
  'joint.text.suggestion': {
    roles: OPERATIONAL,
    partyKinds: ['side'],
    compartments: SHARED,
    track: 'diplomatic',
    answers: 'a joint text',
    payload: (value) => ({ changes: [{ kind: 'replace', passage: 'p1', text: value }], language: 'en' }),
  },
  'joint.text.decision': {
    roles: OPERATIONAL,
    partyKinds: ['side', 'supervisor'],
    track: 'diplomatic',
    answers: 'a suggestion on a joint text its party holds the pen of',
    refusedIn: { internal: NOTHING_IT_COULD_ANSWER },
    // A side's own caucus holds no other side to suggest changes to its text.
    refusedFor: (caller, probe) => (caller.party.kind === 'side' && probe.kind === 'caucus' ? NOTHING_IT_COULD_ANSWER : undefined),
    payload: (value) => ({ decision: 'accepted', reason: value, language: 'en' }),
  },
  // Commitments from agreed minutes, owned by a signer other than the party recording them; the owner reports, a supervisor verifies.
  commitment: {
    roles: OPERATIONAL,
    partyKinds: ['side', 'supervisor'],
    compartments: SHARED,
    track: 'diplomatic',
    answers: 'agreed minutes',
    payload: (value, _references, { compartment, party }) => commitment(value, partiesIn(compartment).find((owner) => owner !== party) ?? 'il'),
  },
  'commitment.report': {
    roles: OPERATIONAL,
    partyKinds: ['side', 'supervisor'],
    track: 'diplomatic',
    answers: 'a commitment owed by its own party',
    refusedIn: { internal: NOTHING_IT_COULD_ANSWER },
    payload: (value) => ({ summary: value, language: 'en' }),
  },
  'commitment.verify': {
    roles: OPERATIONAL,
    partyKinds: ['supervisor'],
    compartments: SHARED,
    track: 'diplomatic',
    answers: 'a commitment reported done',
    payload: (value) => ({ verdict: 'verified', note: value, language: 'en' }),
  },
  ...DISPUTE_AND_UNDERSTANDING_MATRIX,
};

/**
 * The one answer to a caller entering an item of a type in a compartment, in the order the
 * server checks (ARCHITECTURE.md, "A signed item"): the compartment and the author's right to
 * write the type (roles and kind of party, the policy's to say, naming no field), then the
 * type's rules: the kind of compartment, what it answers.
 */
export function expectedItemAnswer(caller: Caller, rule: ItemTypeRule, probe: CompartmentProbe): Expected {
  if (probe.relation !== 'in') return notFound;
  if (!rule.roles.includes(caller.role)) return forbidden;
  if (rule.partyKinds && !rule.partyKinds.includes(caller.party.kind)) return forbidden;
  if (rule.compartments && !rule.compartments.includes(probe.kind)) return { status: 400, code: 'validation_failed', field: 'body.envelope.compartment' };
  if (rule.answers) return rule.refusedFor?.(caller, probe) ?? rule.refusedIn?.[probe.kind] ?? created;
  return created;
}

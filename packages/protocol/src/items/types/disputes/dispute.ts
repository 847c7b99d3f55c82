import { z } from 'zod';
import { Evidence } from '../../../attachments.ts';
import { Language, Slug, TRACKS } from '../../../common.ts';
import { defineItemType } from '../../item-type.ts';
import type { Lifecycle } from '../../lifecycle.ts';
import { OPERATIONAL, RESPONDERS } from '../audiences.ts';
import { duplicates } from '../diplomatic/meeting.ts';

/**
 * The stages a dispute goes through, in order: the notice (the respondents answer it), direct
 * negotiation between the sides, facilitation by the supervisor (who may caucus with each side
 * apart), and the resolution (a text the sides and the supervisor co-sign). A supervisor moves
 * it on, forward only, and may skip a stage; a side only proposes.
 */
export const DISPUTE_STAGES = ['notice', 'negotiation', 'facilitation', 'resolution'] as const;
export type DisputeStage = (typeof DISPUTE_STAGES)[number];
/** The stages a supervisor moves a dispute to. */
export const DISPUTE_NEXT_STAGES = ['negotiation', 'facilitation', 'resolution'] as const;
export type DisputeNextStage = (typeof DISPUTE_NEXT_STAGES)[number];
/** How a dispute ends: resolved by a resolution in force, or recorded as unresolved or referred, with the reason. */
export const DISPUTE_OUTCOMES = ['resolved', 'unresolved', 'referred'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];
export const DISPUTE_STATES = [...DISPUTE_STAGES, ...DISPUTE_OUTCOMES] as const;
export type DisputeState = (typeof DISPUTE_STATES)[number];

/** Whether a dispute in this state is still open (in one of its stages). */
export function disputeIsOpen(state: string): state is DisputeStage {
  return (DISPUTE_STAGES as readonly string[]).includes(state);
}

/**
 * A party's dispute about one or more items it can see (its references, all in the dispute's
 * compartment): a notice, a finding, a register entry, a commitment, a translation, minutes, a
 * joint text. It states the raiser's position; the respondents it names owe a response.
 */
export const DisputePayload = z
  .strictObject({
    subject: z.string().trim().min(1).max(200).describe('what is disputed, in a line'),
    statement: z.string().trim().min(1).max(8000).describe("the raiser's position"),
    respondents: z.array(Slug).min(1).max(10).describe('the parties that must respond: other sides of the compartment'),
    evidence: z.array(Evidence).max(20).optional(),
    language: Language,
  })
  .superRefine((dispute, context) => {
    duplicates(dispute.respondents).forEach((index) => context.addIssue({ code: 'custom', path: ['respondents', index], message: 'a party is named once' }));
  });
export type DisputePayload = z.infer<typeof DisputePayload>;

/** A side's position in the current stage: the response to the notice, or its position when a stage opens. */
export const DisputeResponsePayload = z.strictObject({
  position: z.string().trim().min(1).max(8000),
  evidence: z.array(Evidence).max(20).optional(),
  language: Language,
});
export type DisputeResponsePayload = z.infer<typeof DisputeResponsePayload>;

/** A side's proposal to move the dispute to a later stage; the supervisor decides. */
export const DisputeStageProposalPayload = z.strictObject({
  to: z.enum(DISPUTE_NEXT_STAGES),
  reason: z.string().trim().min(1).max(4000),
  language: Language,
});
export type DisputeStageProposalPayload = z.infer<typeof DisputeStageProposalPayload>;

/**
 * A supervisor's decision moving the dispute to a later stage; it may answer a proposal (its
 * second reference). It names the sides whose position the stage awaits, the dispute's raiser and
 * respondents, so that what it asks is read from the signed item alone, as every obligation is.
 */
export const DisputeStagePayload = z
  .strictObject({
    to: z.enum(DISPUTE_NEXT_STAGES),
    sides: z.array(Slug).min(2).max(11).describe("the sides whose position the stage awaits: the dispute's raiser and respondents"),
    reason: z.string().trim().min(1).max(4000).optional(),
    language: Language,
  })
  .superRefine((stage, context) => {
    duplicates(stage.sides).forEach((index) => context.addIssue({ code: 'custom', path: ['sides', index], message: 'a party is named once' }));
  });
export type DisputeStagePayload = z.infer<typeof DisputeStagePayload>;

/** A supervisor records how the dispute ended: resolved (its resolution in force), unresolved or referred, with the reason. */
export const DisputeClosePayload = z
  .strictObject({
    outcome: z.enum(DISPUTE_OUTCOMES),
    reason: z.string().trim().min(1).max(4000).optional(),
    referredTo: z.string().trim().min(1).max(200).optional().describe('where a referred dispute goes'),
    language: Language,
  })
  .superRefine((close, context) => {
    if (close.outcome !== 'resolved' && close.reason === undefined) context.addIssue({ code: 'custom', path: ['reason'], message: 'say why the dispute ends without a resolution' });
    if (close.outcome === 'referred' && close.referredTo === undefined) context.addIssue({ code: 'custom', path: ['referredTo'], message: 'say where the dispute is referred' });
    if (close.outcome !== 'referred' && close.referredTo !== undefined) context.addIssue({ code: 'custom', path: ['referredTo'], message: 'only a referred dispute is referred somewhere' });
  });
export type DisputeClosePayload = z.infer<typeof DisputeClosePayload>;

/**
 * A message of a private caucus: the supervisor and one side of the dispute, in that side's
 * caucus compartment, which the other side cannot read (nor learn that it exists). It refers
 * first to the dispute.
 */
export const DisputeCaucusPayload = z.strictObject({
  text: z.string().trim().min(1).max(8000),
  evidence: z.array(Evidence).max(20).optional(),
  language: Language,
});
export type DisputeCaucusPayload = z.infer<typeof DisputeCaucusPayload>;

const OPEN: readonly DisputeStage[] = DISPUTE_STAGES;
const stageMove = (to: DisputeNextStage, from: readonly DisputeStage[]) => ({ by: 'dispute.stage', from, to, partyKinds: ['supervisor'] as const, when: { field: 'to', equals: to } });
const closeMove = (to: DisputeOutcome, from: readonly DisputeStage[]) => ({ by: 'dispute.close', from, to, partyKinds: ['supervisor'] as const, when: { field: 'outcome', equals: to } });

/** A dispute's stages, moved forward by a supervisor only, and how it ends. */
export const DISPUTE_LIFECYCLE: Lifecycle = {
  name: 'dispute',
  subject: { kind: 'item', of: ['dispute'] },
  states: DISPUTE_STATES,
  initial: 'notice',
  transitions: [
    stageMove('negotiation', ['notice']),
    stageMove('facilitation', ['notice', 'negotiation']),
    stageMove('resolution', ['notice', 'negotiation', 'facilitation']),
    closeMove('resolved', ['resolution']),
    closeMove('unresolved', OPEN),
    closeMove('referred', OPEN),
  ],
};

/** The parties a dispute names to respond. */
export function disputeRespondents(payload: Record<string, unknown>): string[] {
  return Array.isArray(payload.respondents) ? payload.respondents.filter((party): party is string => typeof party === 'string') : [];
}

/** The sides a stage decision names: each owes its position in that stage. */
export function stageSides(payload: Record<string, unknown>): string[] {
  return Array.isArray(payload.sides) ? payload.sides.filter((party): party is string => typeof party === 'string') : [];
}

/** The rule for a stage's deadline: each side's position is owed within it. */
export function stageRuleKey(payload: Record<string, unknown>): string {
  return `dispute.${typeof payload.to === 'string' ? payload.to : 'negotiation'}`;
}

export const disputeType = defineItemType({
  type: 'dispute',
  version: 1,
  payload: DisputePayload,
  roles: RESPONDERS,
  partyKinds: ['side'],
  tracks: TRACKS,
  compartments: ['plenary'],
  obligation: { ruleKey: 'dispute', owedBy: { payload: disputeRespondents }, escalatesAs: 'dispute-overdue' },
  lifecycle: DISPUTE_LIFECYCLE,
  summary: ['subject', 'statement'],
});

export const disputeResponseType = defineItemType({
  type: 'dispute.response',
  version: 1,
  payload: DisputeResponsePayload,
  roles: RESPONDERS,
  partyKinds: ['side'],
  tracks: TRACKS,
  answers: { types: ['dispute', 'dispute.stage'] },
  summary: ['position'],
});

export const disputeStageProposalType = defineItemType({
  type: 'dispute.stage.proposal',
  version: 1,
  payload: DisputeStageProposalPayload,
  roles: OPERATIONAL,
  partyKinds: ['side'],
  tracks: TRACKS,
  compartments: ['plenary'],
  attached: true,
  summary: ['reason', 'to'],
});

export const disputeStageType = defineItemType({
  type: 'dispute.stage',
  version: 1,
  payload: DisputeStagePayload,
  roles: OPERATIONAL,
  partyKinds: ['supervisor'],
  tracks: TRACKS,
  compartments: ['plenary'],
  attached: true,
  obligation: {
    ruleKey: 'dispute.negotiation',
    variants: { keys: ['dispute.negotiation', 'dispute.facilitation', 'dispute.resolution'], of: stageRuleKey },
    owedBy: { payload: stageSides },
    escalatesAs: 'dispute-overdue',
  },
  lifecycle: DISPUTE_LIFECYCLE,
  summary: ['reason', 'to'],
});

export const disputeCloseType = defineItemType({
  type: 'dispute.close',
  version: 1,
  payload: DisputeClosePayload,
  roles: OPERATIONAL,
  partyKinds: ['supervisor'],
  tracks: TRACKS,
  compartments: ['plenary'],
  attached: true,
  lifecycle: DISPUTE_LIFECYCLE,
  summary: ['outcome', 'reason'],
});

export const disputeCaucusType = defineItemType({
  type: 'dispute.caucus',
  version: 1,
  payload: DisputeCaucusPayload,
  roles: OPERATIONAL,
  partyKinds: ['side', 'supervisor'],
  tracks: TRACKS,
  compartments: ['caucus'],
  obligation: { ruleKey: 'dispute.caucus' },
  summary: ['text'],
});

import { z } from 'zod';
import { Language, Slug } from '../../../common.ts';
import { CurrencyCode } from '../../../commercial/currencies.ts';
import { Place } from '../../../geo.ts';
import { defineItemType } from '../../item-type.ts';
import type { Lifecycle } from '../../lifecycle.ts';
import { SHARED_COMPARTMENTS } from '../audiences.ts';

/** Those who publish and follow up commercial opportunities for a party: its commercial attachés and its head of delegation. */
export const COMMERCIAL_ROLES = ['commercial', 'head'] as const;

/** The sectors an opportunity is filed under: a fixed list, so each reader sees it in their own language. */
export const SECTORS = [
  'agriculture',
  'energy',
  'water',
  'construction',
  'transport',
  'health',
  'tourism',
  'technology',
  'manufacturing',
  'trade',
  'finance',
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];

/**
 * Where an opportunity stands in the pipeline: proposed, another party's interest expressed,
 * in discussion, agreed; then closed (carried out) or withdrawn.
 */
export const PIPELINE_STATUSES = ['proposed', 'interest', 'discussion', 'agreed', 'closed', 'withdrawn'] as const;
export type PipelineStatus = (typeof PIPELINE_STATUSES)[number];

/** The statuses the proposer's party moves an opportunity to; `interest` comes from another party's expression of interest. */
export const OPPORTUNITY_MOVES = ['discussion', 'agreed', 'closed', 'withdrawn'] as const;
export type OpportunityMove = (typeof OPPORTUNITY_MOVES)[number];

/** A whole amount of the currency: values are estimates, and whole units add up exactly. */
const Amount = z.number().int('must be a whole amount of the currency').nonnegative().max(1e15);

/** What an opportunity is worth, as a range in one currency; a single figure is a range whose ends are equal. */
export const ValueRange = z
  .strictObject({ min: Amount, max: Amount, currency: CurrencyCode })
  .refine((value) => value.max >= value.min, { path: ['max'], message: 'the maximum must not be less than the minimum' });
export type ValueRange = z.infer<typeof ValueRange>;

export const OpportunityPayload = z.strictObject({
  sector: z.enum(SECTORS),
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().min(1).max(8000),
  sought: z.string().trim().min(1).max(2000).describe('what the proposer seeks: partners, investment, contractors, buyers…'),
  language: Language,
  value: ValueRange,
  contactParty: Slug.describe('the party to contact about it, one of the compartment’s'),
  location: Place.optional().describe('GeoJSON Point, Polygon or MultiPolygon, WGS 84'),
});
export type OpportunityPayload = z.infer<typeof OpportunityPayload>;

export const OpportunityMovePayload = z
  .strictObject({
    to: z.enum(OPPORTUNITY_MOVES),
    note: z.string().trim().min(1).max(2000).optional(),
    language: Language.optional().describe('language of the note'),
  })
  .superRefine((move, context) => {
    if (move.note !== undefined && move.language === undefined) context.addIssue({ code: 'custom', path: ['language'], message: 'say the language of the note' });
  });
export type OpportunityMovePayload = z.infer<typeof OpportunityMovePayload>;

const move = (to: OpportunityMove, from: readonly PipelineStatus[]) => ({ by: 'opportunity.move', when: { field: 'to', equals: to }, from, to, party: 'subject-author' as const });

/**
 * An opportunity's pipeline. Another party's expression of interest moves it from proposed to
 * interest (later ones leave it where it is, until it is agreed); every other move is its
 * proposer's party's alone, one step at a time, each an item in the record.
 */
export const OPPORTUNITY_LIFECYCLE: Lifecycle = {
  name: 'opportunity',
  subject: { kind: 'item', of: ['opportunity'] },
  states: PIPELINE_STATUSES,
  initial: 'proposed',
  transitions: [
    { by: 'interest', from: ['proposed', 'interest'], to: 'interest', party: 'other' },
    { by: 'interest', from: ['discussion'], to: 'discussion', party: 'other' },
    move('discussion', ['interest']),
    move('agreed', ['discussion']),
    move('closed', ['agreed']),
    move('withdrawn', ['proposed', 'interest', 'discussion', 'agreed']),
  ],
};

export const opportunityType = defineItemType({
  type: 'opportunity',
  version: 1,
  payload: OpportunityPayload,
  roles: COMMERCIAL_ROLES,
  partyKinds: ['side', 'supervisor'],
  tracks: ['commercial'],
  compartments: SHARED_COMPARTMENTS,
  lifecycle: OPPORTUNITY_LIFECYCLE,
  summary: ['title', 'sought'],
});

export const opportunityMoveType = defineItemType({
  type: 'opportunity.move',
  version: 1,
  payload: OpportunityMovePayload,
  roles: COMMERCIAL_ROLES,
  partyKinds: ['side', 'supervisor'],
  tracks: ['commercial'],
  compartments: SHARED_COMPARTMENTS,
  // Shown under the opportunity it moves; its own party's, so not an answer.
  attached: true,
  lifecycle: OPPORTUNITY_LIFECYCLE,
  summary: ['to', 'note'],
});

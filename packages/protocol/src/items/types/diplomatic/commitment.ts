import { z } from 'zod';
import { Evidence } from '../../../attachments.ts';
import { Language, Slug, Timestamp } from '../../../common.ts';
import { defineItemType } from '../../item-type.ts';
import { OPERATIONAL, SHARED_COMPARTMENTS } from '../audiences.ts';

/**
 * An undertaking taken in agreed minutes or a signed text, which it refers to first (the
 * version in force): which party owes it, by when, and how it will be verified. Another party
 * records it (a supervisor, as a rule): a party does not answer its own item. The owner
 * reports it done, with evidence; a supervisor verifies it. Past its due date unreported, it
 * is overdue and escalates like every deadline.
 */
export const CommitmentPayload = z.strictObject({
  owner: Slug.describe('the party that undertakes it'),
  undertaking: z.string().trim().min(1).max(4000),
  due: Timestamp,
  verification: z.string().trim().min(1).max(2000).describe('how it will be verified'),
  source: Slug.optional().describe('the decision, section or passage of the source it comes from'),
  language: Language,
});
export type CommitmentPayload = z.infer<typeof CommitmentPayload>;

/** The owner's report that it has done what it undertook, with its evidence by hash. */
export const CommitmentReportPayload = z.strictObject({
  summary: z.string().trim().min(1).max(4000),
  evidence: z.array(Evidence).max(20).optional(),
  language: Language,
});
export type CommitmentReportPayload = z.infer<typeof CommitmentReportPayload>;

export const VERIFICATION_VERDICTS = ['verified', 'not-verified'] as const;
export type VerificationVerdict = (typeof VERIFICATION_VERDICTS)[number];

/** A supervisor's finding on a reported commitment: verified, or not (then it is open again). */
export const CommitmentVerifyPayload = z.strictObject({
  verdict: z.enum(VERIFICATION_VERDICTS),
  note: z.string().trim().min(1).max(4000),
  language: Language,
});
export type CommitmentVerifyPayload = z.infer<typeof CommitmentVerifyPayload>;

export type CommitmentStatus = 'open' | 'reported' | 'verified' | 'overdue' | 'disputed';
export const COMMITMENT_STATUSES: readonly CommitmentStatus[] = ['open', 'overdue', 'reported', 'verified', 'disputed'];

/**
 * Where a commitment stands at `now`, from its due date and what followed it, in the order the
 * cell received them: the owner's reports, a supervisor's verdicts, and whether it is disputed.
 * A verdict of not verified opens it again; one of verified closes it.
 */
export function commitmentStatus(
  due: string,
  now: number,
  acts: readonly ({ type: 'commitment.report'; byOwner: boolean } | { type: 'commitment.verify'; verdict: VerificationVerdict; bySupervisor: boolean })[],
  disputed = false,
): CommitmentStatus {
  let state: 'open' | 'reported' | 'verified' = 'open';
  for (const act of acts) {
    if (state === 'verified') break;
    if (act.type === 'commitment.report' && act.byOwner) state = 'reported';
    else if (act.type === 'commitment.verify' && act.bySupervisor && state === 'reported') state = act.verdict === 'verified' ? 'verified' : 'open';
  }
  if (state === 'verified') return 'verified';
  if (disputed) return 'disputed';
  if (state === 'reported') return 'reported';
  return Date.parse(due) <= now ? 'overdue' : 'open';
}

/** The party a commitment is owed by: its owner. */
export function commitmentOwner(payload: Record<string, unknown>): string[] {
  return typeof payload.owner === 'string' ? [payload.owner] : [];
}

/** A commitment's own due date is its deadline. */
export function commitmentDue(payload: Record<string, unknown>): string | undefined {
  return typeof payload.due === 'string' ? payload.due : undefined;
}

export const commitmentType = defineItemType({
  type: 'commitment',
  version: 1,
  payload: CommitmentPayload,
  roles: OPERATIONAL,
  partyKinds: ['side', 'supervisor'],
  tracks: ['diplomatic'],
  compartments: SHARED_COMPARTMENTS,
  obligation: { ruleKey: 'commitment', owedBy: { payload: commitmentOwner }, dueAt: commitmentDue, escalatesAs: 'commitment-overdue' },
  summary: ['undertaking'],
});

export const commitmentReportType = defineItemType({
  type: 'commitment.report',
  version: 1,
  payload: CommitmentReportPayload,
  roles: OPERATIONAL,
  partyKinds: ['side', 'supervisor'],
  tracks: ['diplomatic'],
  answers: { types: ['commitment'] },
  summary: ['summary'],
});

export const commitmentVerifyType = defineItemType({
  type: 'commitment.verify',
  version: 1,
  payload: CommitmentVerifyPayload,
  roles: OPERATIONAL,
  partyKinds: ['supervisor'],
  tracks: ['diplomatic'],
  compartments: SHARED_COMPARTMENTS,
  attached: true,
  summary: ['verdict', 'note'],
});

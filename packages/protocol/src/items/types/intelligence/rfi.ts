import { z } from 'zod';
import { Language, Timestamp } from '../../../common.ts';
import { Evidence } from '../../../attachments.ts';
import { defineItemType } from '../../item-type.ts';
import type { Lifecycle } from '../../lifecycle.ts';
import { SHARED_COMPARTMENTS } from '../audiences.ts';
import { INTELLIGENCE_ROLES } from './report.ts';

export const RFI_PRIORITIES = ['routine', 'priority', 'immediate'] as const;
export const RFI_OUTCOMES = ['answered', 'unanswered'] as const;
export type RfiOutcome = (typeof RFI_OUTCOMES)[number];

/** A request for information: a question to the other parties, answered by a reply, due by `replyDue` or the rule's deadline. */
export const IntelRfiPayload = z.strictObject({
  question: z.string().trim().min(1).max(4000),
  priority: z.enum(RFI_PRIORITIES),
  replyDue: Timestamp.optional().describe("when the reply is due; the rule's deadline when absent"),
  language: Language,
});
export type IntelRfiPayload = z.infer<typeof IntelRfiPayload>;

export const IntelRfiReplyPayload = z.strictObject({
  answer: z.string().trim().min(1).max(8000),
  language: Language,
  evidence: z.array(Evidence).max(20).optional(),
});
export type IntelRfiReplyPayload = z.infer<typeof IntelRfiReplyPayload>;

export const IntelRfiClosePayload = z.strictObject({
  outcome: z.enum(RFI_OUTCOMES),
  note: z.string().trim().min(1).max(2000).optional(),
  language: Language,
});
export type IntelRfiClosePayload = z.infer<typeof IntelRfiClosePayload>;

/**
 * A request for information is open until the party that asked it closes it, as answered or
 * unanswered; replies after that are recorded and change nothing.
 */
export const RFI_LIFECYCLE: Lifecycle = {
  name: 'rfi',
  subject: { kind: 'item', of: ['intel.rfi'] },
  states: ['open', 'answered', 'unanswered'],
  initial: 'open',
  transitions: [
    { by: 'intel.rfi.close', from: ['open'], to: 'answered', party: 'subject-author', when: { field: 'outcome', equals: 'answered' } },
    { by: 'intel.rfi.close', from: ['open'], to: 'unanswered', party: 'subject-author', when: { field: 'outcome', equals: 'unanswered' } },
  ],
};

/** The deadline an RFI sets itself, when it does: its `replyDue`. */
export function rfiReplyDue(payload: Record<string, unknown>): string | undefined {
  return typeof payload.replyDue === 'string' ? payload.replyDue : undefined;
}

export const intelRfiType = defineItemType({
  type: 'intel.rfi',
  version: 1,
  payload: IntelRfiPayload,
  roles: INTELLIGENCE_ROLES,
  tracks: ['intelligence'],
  compartments: SHARED_COMPARTMENTS,
  obligation: { ruleKey: 'intel.rfi', dueAt: rfiReplyDue },
  lifecycle: RFI_LIFECYCLE,
  summary: ['question'],
});

export const intelRfiReplyType = defineItemType({
  type: 'intel.rfi.reply',
  version: 1,
  payload: IntelRfiReplyPayload,
  roles: INTELLIGENCE_ROLES,
  tracks: ['intelligence'],
  answers: { types: ['intel.rfi'] },
  summary: ['answer'],
});

export const intelRfiCloseType = defineItemType({
  type: 'intel.rfi.close',
  version: 1,
  payload: IntelRfiClosePayload,
  roles: INTELLIGENCE_ROLES,
  tracks: ['intelligence'],
  compartments: SHARED_COMPARTMENTS,
  // Shown under the request it closes; the asker's own, so not an answer.
  attached: true,
  lifecycle: RFI_LIFECYCLE,
  summary: ['outcome', 'note'],
});

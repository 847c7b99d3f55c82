import { z } from 'zod';
import { Duration } from './common.ts';

export const ACK_LEVELS = ['received', 'understood', 'accepted', 'contested'] as const;
export const AckLevel = z.enum(ACK_LEVELS);
export type AckLevel = z.infer<typeof AckLevel>;

/** Order of acknowledgment levels; `accepted` and `contested` are both final answers. */
export const ACK_LEVEL_RANK: Record<AckLevel, number> = { received: 1, understood: 2, accepted: 3, contested: 3 };

/** Whether `given` meets a requirement of `required` (a contest answers as much as an acceptance). */
export function ackLevelMeets(given: AckLevel, required: AckLevel): boolean {
  return ACK_LEVEL_RANK[given] >= ACK_LEVEL_RANK[required];
}

/**
 * What the recipients of an item type owe its author, and by when: an acknowledgment at a
 * level, or a reply of a given type. Deadlines run from the moment the cell received the item.
 */
export const AcknowledgmentRule = z
  .strictObject({
    level: AckLevel.optional().describe('the acknowledgment level the recipients must reach'),
    reply: z.string().regex(/^[a-z][a-z.]*$/, 'must be an item type').optional().describe('an item of this type, referring to it, meets the rule'),
    within: Duration.describe('time allowed after the item is received'),
    remindBefore: Duration.optional().describe("when to remind the recipients' duty officers before the deadline"),
    urgent: z.boolean().default(false).describe('urgent items re-notify until acknowledged'),
    repeatEvery: Duration.optional().describe("how often an urgent item re-notifies; the cell's urgentRepeatEvery when absent"),
  })
  .refine((rule) => (rule.level === undefined) !== (rule.reply === undefined), 'give either a level or a reply type');
export type AcknowledgmentRule = z.infer<typeof AcknowledgmentRule>;

export const DEFAULT_ACKNOWLEDGMENT_RULES: Record<string, z.input<typeof AcknowledgmentRule>> = {
  // An alert's severity sets its deadline and how often it sounds again: minutes for FLASH,
  // tens of minutes for IMMEDIATE, hours for PRIORITY.
  'alert.flash': { level: 'received', within: 'PT5M', remindBefore: 'PT2M', urgent: true, repeatEvery: 'PT5M' },
  'alert.immediate': { level: 'received', within: 'PT30M', remindBefore: 'PT10M', urgent: true, repeatEvery: 'PT10M' },
  'alert.priority': { level: 'received', within: 'PT4H', remindBefore: 'PT1H' },
  message: { level: 'understood', within: 'PT24H', remindBefore: 'PT2H' },
  clarification: { reply: 'clarification.reply', within: 'PT24H', remindBefore: 'PT2H' },
  'explanation.request': { reply: 'explanation.reply', within: 'PT48H', remindBefore: 'PT6H' },
  // The other side says it understood a notice; one asking consent needs consent or a contest.
  'activity.notice': { level: 'understood', within: 'PT12H', remindBefore: 'PT2H' },
  'activity.notice.consent': { level: 'accepted', within: 'PT24H', remindBefore: 'PT4H' },
  'incident.report': { level: 'understood', within: 'PT12H', remindBefore: 'PT2H' },
  // A flagged finding is answered by the party whose item it is about.
  finding: { level: 'understood', within: 'PT12H', remindBefore: 'PT2H' },
  // The other parties say they understood a report; an RFI is owed its reply by its own
  // `replyDue` when it sets one, else within the rule.
  'intel.report': { level: 'understood', within: 'PT24H', remindBefore: 'PT4H' },
  'intel.rfi': { reply: 'intel.rfi.reply', within: 'PT72H', remindBefore: 'PT12H' },
  // A release shares an extract with parties that did not read its original: they say they understood it.
  'intel.release': { level: 'understood', within: 'PT24H', remindBefore: 'PT4H' },
  // The proposer's party answers an expression of interest in its opportunity within two days.
  interest: { level: 'understood', within: 'P2D', remindBefore: 'PT12H' },
  // Each invited party acknowledges a meeting's invitation within a day.
  meeting: { level: 'understood', within: 'PT24H', remindBefore: 'PT4H' },
  // The pen-holder accepts or rejects a suggestion on the joint text, with its reason.
  'joint.text.suggestion': { reply: 'joint.text.decision', within: 'P3D', remindBefore: 'PT12H' },
  // A commitment is due on its own date; the rule's time applies only to one that names none.
  commitment: { reply: 'commitment.report', within: 'P30D', remindBefore: 'P2D' },
  // The respondents answer a dispute's notice; each stage a supervisor opens asks each side's
  // position within the stage's time; a caucus message is acknowledged by the one it is sent to.
  dispute: { reply: 'dispute.response', within: 'P3D', remindBefore: 'PT12H' },
  'dispute.negotiation': { reply: 'dispute.response', within: 'P7D', remindBefore: 'P1D' },
  'dispute.facilitation': { reply: 'dispute.response', within: 'P14D', remindBefore: 'P2D' },
  'dispute.resolution': { reply: 'dispute.response', within: 'P14D', remindBefore: 'P2D' },
  'dispute.caucus': { level: 'received', within: 'PT24H', remindBefore: 'PT4H' },
};

/** How an alert of a severity is presented to the watch: its alarm, and the tone of its colour. */
export const AlertPresentation = z.strictObject({
  sound: z.enum(['alarm', 'chime', 'none']).describe('alarm: the full alarm; chime: a short tone; none: silent'),
  tone: z.enum(['critical', 'serious', 'routine']).describe('the colour it is shown in'),
});
export type AlertPresentation = z.infer<typeof AlertPresentation>;

export const Rules = z.strictObject({
  acknowledgments: z
    .record(z.string().regex(/^[a-z][a-z.]*$/, 'must be an item type'), AcknowledgmentRule)
    // prefault: the defaults are parsed like a scenario's own rules (urgent: false filled in).
    .prefault(DEFAULT_ACKNOWLEDGMENT_RULES),
  urgentRepeatEvery: Duration.default('PT5M'),
  alertPresentation: z
    .strictObject({ flash: AlertPresentation, immediate: AlertPresentation, priority: AlertPresentation })
    .default({ flash: { sound: 'alarm', tone: 'critical' }, immediate: { sound: 'chime', tone: 'serious' }, priority: { sound: 'none', tone: 'routine' } })
    .describe("each alert severity's sound and colour on the watch; its deadlines are the rules alert.flash, alert.immediate and alert.priority"),
  noticeLeadTime: Duration.default('PT48H').describe('minimum notice before a planned activity'),
  authoredTimeTolerance: Duration.default('PT5M').describe("how far an item's authoring time may be from the server's clock, earlier or later"),
  linkCheck: z
    .strictObject({
      every: Duration.describe('how often the cell checks the link with every party'),
      answerWithin: Duration.describe('time each party has to answer a check'),
    })
    .default({ every: 'PT8H', answerWithin: 'PT10M' }),
});
export type Rules = z.infer<typeof Rules>;


/** What the cell's escalation says was missed: an acknowledgment, a reply, or an answer to a link check. */
export const ESCALATION_KINDS = ['acknowledgment-overdue', 'reply-overdue', 'link-check-missed'] as const;
export type EscalationKind = (typeof ESCALATION_KINDS)[number];

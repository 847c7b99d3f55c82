/** What the cell's escalation says was missed: an acknowledgment, a reply, an answer to a link check, or a commitment's due date. */
export const ESCALATION_KINDS = ['acknowledgment-overdue', 'reply-overdue', 'link-check-missed', 'commitment-overdue'] as const;
export type EscalationKind = (typeof ESCALATION_KINDS)[number];

/** What the cell's escalation says was missed: an acknowledgment, a reply, an answer to a link check, a commitment's due date, or a dispute's response or stage. */
export const ESCALATION_KINDS = ['acknowledgment-overdue', 'reply-overdue', 'link-check-missed', 'commitment-overdue', 'dispute-overdue'] as const;
export type EscalationKind = (typeof ESCALATION_KINDS)[number];

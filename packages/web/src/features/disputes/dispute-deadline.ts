import { EscalationPayload, obligationDueAt, partiesOwing, requirementOf, type Rules } from '@fusion-cell/protocol';
import { CELL_AUTHOR } from '@fusion-cell/record';
import { authorPartyOf } from '../items/item-graph.ts';
import { currentStep, type DisputeReading, type DisputeRecord } from './dispute-record.ts';

/** What the cell's rules and the record say about a dispute's deadline. */
export interface DeadlineReading extends DisputeReading {
  rules: Rules;
  /** The parties of a compartment, who may owe what is asked there. */
  audienceOf(compartment: string): readonly string[];
}

/** What the current stage asks, of whom, by when; and who let it pass. */
export interface DisputeDeadline {
  /** The item whose response is owed: the dispute in its notice, the stage decision after. */
  subject: string;
  /** The parties the stage asks a response of, and those that have not given it. */
  owing: readonly string[];
  awaiting: readonly string[];
  /** When the response falls due (epoch ms), by the cell's rule for this stage. */
  dueAt: number;
  /** Each party the cell escalated for not responding in time, and when. */
  escalated: readonly { party: string; at: string }[];
}

/**
 * The deadline of the stage a dispute is in, as the cell computes it: the rule its subject
 * reads (`dispute` for the notice, `dispute.<stage>` after), from when the cell received that
 * item; owed by the respondents in the notice, by each side in a stage. Undefined once the
 * dispute is closed or when the cell's rules ask nothing.
 */
export function deadlineOf(record: DisputeRecord, reading: DeadlineReading): DisputeDeadline | undefined {
  const step = currentStep(record);
  const envelope = step?.item.signed?.envelope;
  if (!step || !envelope) return undefined;
  const requirement = requirementOf(envelope, reading.rules);
  const authorParty = authorPartyOf(step.item, reading.members);
  if (!requirement || authorParty === undefined) return undefined;
  const owing = partiesOwing(envelope.type, reading.audienceOf(record.compartment), reading.kindOf, authorParty === CELL_AUTHOR ? null : authorParty, undefined, undefined, envelope.payload);
  const answered = new Set(record.responses.filter((response) => response.signed?.envelope.references[0] === step.item.id).map((response) => authorPartyOf(response, reading.members)));
  const escalated = record.escalations.flatMap((escalation) => {
    const payload = EscalationPayload.safeParse(escalation.signed?.envelope.payload);
    return escalation.signed?.envelope.references[0] === step.item.id && payload.success ? [{ party: payload.data.party, at: escalation.receivedAt }] : [];
  });
  return {
    subject: step.item.id,
    owing,
    awaiting: owing.filter((party) => !answered.has(party)),
    dueAt: obligationDueAt(envelope, Date.parse(step.item.receivedAt), requirement.withinMs),
    escalated,
  };
}

/** Whether a response is still awaited and its time has passed. */
export function isOverdue(deadline: DisputeDeadline | undefined, now: number): boolean {
  return deadline !== undefined && deadline.awaiting.length > 0 && now >= deadline.dueAt;
}

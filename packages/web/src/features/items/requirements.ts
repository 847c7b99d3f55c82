import { durationToMilliseconds, type AckLevel, type CellInfo, type Rules } from '@fusion-cell/protocol';
import { CELL_AUTHOR, type Envelope } from '@fusion-cell/record';

/**
 * What the recipients of an item owe: an acknowledgment at a level, or a reply of a type;
 * within how long of the cell receiving it (ms), and whether the cell repeats it until answered.
 */
export type Requirement = ({ kind: 'ack'; level: AckLevel } | { kind: 'reply'; type: string }) & { withinMs: number; urgent: boolean };

/**
 * What an item asks of its recipients under the cell's own rules (`GET /api/v1/cell`), as the
 * server derives its obligations: a message asks only when it requests an acknowledgment; a
 * link check always asks for "received", within the cell's link-check answer time.
 */
export function requirementOf(envelope: Envelope, rules: Rules): Requirement | undefined {
  if (envelope.type === 'link.check') return { kind: 'ack', level: 'received', withinMs: durationToMilliseconds(rules.linkCheck.answerWithin), urgent: true };
  if (envelope.type === 'message' && envelope.payload['ackRequested'] !== true) return undefined;
  const rule = Object.hasOwn(rules.acknowledgments, envelope.type) ? rules.acknowledgments[envelope.type] : undefined;
  if (!rule) return undefined;
  const timing = { withinMs: durationToMilliseconds(rule.within), urgent: rule.urgent };
  if (rule.level !== undefined) return { kind: 'ack', level: rule.level, ...timing };
  if (rule.reply !== undefined) return { kind: 'reply', type: rule.reply, ...timing };
  return undefined;
}

/**
 * Who must answer an item, as the cell decides it: for a side's item, the other sides in the
 * compartment, or the supervisors when no other side is there (a caucus); for a supervisor's
 * item, the sides; for the cell's own (link checks), every party. Observers never owe answers.
 */
export function requiredParties(cell: CellInfo, audience: readonly string[], authorParty: string): string[] {
  const kindOf = (party: string) => cell.parties.find((candidate) => candidate.id === party)?.kind;
  if (authorParty === CELL_AUTHOR) return audience.filter((party) => kindOf(party) !== 'observer');
  const others = audience.filter((party) => party !== authorParty && kindOf(party) !== 'observer');
  const sides = others.filter((party) => kindOf(party) === 'side');
  if (kindOf(authorParty) === 'side' && sides.length === 0) return others.filter((party) => kindOf(party) === 'supervisor');
  return sides;
}

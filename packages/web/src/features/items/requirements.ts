import { AckLevel, DEFAULT_ACKNOWLEDGMENT_RULES, type AckLevel as AckLevelName, type CellInfo } from '@fusion-cell/protocol';
import { CELL_AUTHOR, type Envelope } from '@fusion-cell/record';

/** What the recipients of an item owe: an acknowledgment at a level, or a reply of a type. */
export type Requirement = { kind: 'ack'; level: AckLevelName } | { kind: 'reply'; type: string };

/**
 * What an item asks of its recipients under the default rules (the cell's own rules are not
 * published to the browser; the inbox says what this party actually owes, and by when).
 * A message asks only when it requests an acknowledgment; a link check always does.
 */
export function requirementOf(envelope: Envelope): Requirement | undefined {
  if (envelope.type === 'link.check') return { kind: 'ack', level: 'received' };
  if (envelope.type === 'message' && envelope.payload['ackRequested'] !== true) return undefined;
  const rule = DEFAULT_ACKNOWLEDGMENT_RULES[envelope.type];
  if (!rule) return undefined;
  if (rule.reply !== undefined) return { kind: 'reply', type: rule.reply };
  const level = AckLevel.safeParse(rule.level);
  return level.success ? { kind: 'ack', level: level.data } : undefined;
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

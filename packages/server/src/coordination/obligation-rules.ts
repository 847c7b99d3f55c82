import type { AcknowledgmentRule } from '@fusion-cell/protocol';
import { CELL_AUTHOR, type Envelope } from '@fusion-cell/record';
import type { CellContext } from '../cell/cell-context.ts';

/**
 * The rule an item puts on its recipients, if any: the cell's rule for its type (a message
 * only when it asks for an acknowledgment), or for a link check the cell's check rule.
 */
export function obligationRuleFor(context: CellContext, envelope: Envelope): AcknowledgmentRule | undefined {
  if (envelope.type === 'link.check') {
    return { level: 'received', within: context.rules.linkCheck.answerWithin, urgent: true };
  }
  if (envelope.type === 'message' && envelope.payload['ackRequested'] !== true) return undefined;
  return context.rules.acknowledgments[envelope.type];
}

/**
 * Who must answer an item: for a side's item, the other sides in the compartment, or the
 * supervisors when no other side is there (a caucus); for a supervisor's item, the sides;
 * for the cell's own (link checks), every party. Observers never owe answers.
 */
export function requiredParties(context: CellContext, compartmentId: string, authorParty: string): string[] {
  const audience = context.audiences.get(compartmentId) ?? [];
  const kindOf = (party: string) => context.partyKinds.get(party);
  if (authorParty === CELL_AUTHOR) return audience.filter((party) => kindOf(party) !== 'observer');
  const others = audience.filter((party) => party !== authorParty && kindOf(party) !== 'observer');
  const sides = others.filter((party) => kindOf(party) === 'side');
  if (kindOf(authorParty) === 'side' && sides.length === 0) return others.filter((party) => kindOf(party) === 'supervisor');
  return sides;
}

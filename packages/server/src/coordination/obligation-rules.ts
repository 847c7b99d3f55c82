import { durationToMilliseconds, obligationRuleOf, requiredParties as partiesThatOwe, type AcknowledgmentRule } from '@fusion-cell/protocol';
import { CELL_AUTHOR, type Envelope } from '@fusion-cell/record';
import type { CellContext } from '../cell/cell-context.ts';

/** The rule an item puts on its recipients, as its type declares it under the cell's rules. */
export function obligationRuleFor(context: CellContext, envelope: Envelope): AcknowledgmentRule | undefined {
  return obligationRuleOf(envelope.type, envelope.payload, context.rules);
}

/** Who must answer an item in this compartment, by the protocol's one rule. */
export function requiredParties(context: CellContext, compartmentId: string, authorParty: string): string[] {
  const audience = context.audiences.get(compartmentId) ?? [];
  return partiesThatOwe(audience, (party) => context.partyKinds.get(party), authorParty === CELL_AUTHOR ? null : authorParty);
}

/** How often an urgent item sounds again until answered: its rule's interval, or the cell's. */
export function repeatIntervalMs(context: CellContext, rule: AcknowledgmentRule): number {
  return durationToMilliseconds(rule.repeatEvery ?? context.rules.urgentRepeatEvery);
}

import { requiredParties as partiesThatOwe, type CellInfo } from '@fusion-cell/protocol';
import { CELL_AUTHOR } from '@fusion-cell/record';

export { requirementOf, type Requirement } from '@fusion-cell/protocol';

/** Who must answer an item, as the cell decides it (the protocol's one rule), from the cell's parties. */
export function requiredParties(cell: CellInfo, audience: readonly string[], authorParty: string): string[] {
  const kindOf = (party: string) => cell.parties.find((candidate) => candidate.id === party)?.kind;
  return partiesThatOwe(audience, kindOf, authorParty === CELL_AUTHOR ? null : authorParty);
}

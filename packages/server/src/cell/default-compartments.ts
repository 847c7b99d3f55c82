import { compartmentId, type CompartmentKind } from '@fusion-cell/protocol';

export interface CompartmentPlan {
  id: string;
  kind: CompartmentKind;
  owner: string | null;
  parties: string[];
}

/**
 * The default compartments of a cell: plenary (everyone), a caucus per side (that side and
 * the supervisors) and an internal compartment per party.
 */
export function defaultCompartments(parties: ReadonlyArray<{ id: string; kind: string }>): CompartmentPlan[] {
  const supervisors = parties.filter((party) => party.kind === 'supervisor').map((party) => party.id);
  return [
    { id: compartmentId('plenary'), kind: 'plenary', owner: null, parties: parties.map((party) => party.id) },
    ...parties
      .filter((party) => party.kind === 'side')
      .map((side): CompartmentPlan => ({
        id: compartmentId('caucus', side.id),
        kind: 'caucus',
        owner: side.id,
        parties: [side.id, ...supervisors],
      })),
    ...parties.map((party): CompartmentPlan => ({
      id: compartmentId('internal', party.id),
      kind: 'internal',
      owner: party.id,
      parties: [party.id],
    })),
  ];
}

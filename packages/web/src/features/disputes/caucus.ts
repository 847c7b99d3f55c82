import { compartmentId, type CompartmentSummary, type PartyKind } from '@fusion-cell/protocol';
import type { DisputeRecord } from './dispute-record.ts';
import { disputeParties } from './dispute-record.ts';

/** The stages in which the supervisor and a side may caucus. */
export const CAUCUS_STAGES: readonly string[] = ['facilitation', 'resolution'];

/** A caucus the reader may hold on a dispute: with which side, in which compartment. */
export interface CaucusPlace {
  side: string;
  compartment: string;
}

/**
 * The caucuses the reader takes part in on a dispute: a supervisor's with each side of the
 * dispute, a side's own with the supervisor (when it is a party to the dispute); each in that
 * side's caucus compartment, and only those the reader's party reads. Nothing here names a
 * caucus the reader cannot read.
 */
export function caucusPlaces(record: DisputeRecord, reader: { party: string; partyKind: PartyKind }, compartments: readonly CompartmentSummary[], kindOf: (party: string) => PartyKind | undefined): CaucusPlace[] {
  const sides = disputeParties(record).filter((party) => kindOf(party) === 'side');
  const mine = reader.partyKind === 'supervisor' ? sides : sides.filter((side) => side === reader.party);
  return mine.flatMap((side) => {
    const compartment = compartmentId('caucus', side);
    return compartments.some((candidate) => candidate.id === compartment) ? [{ side, compartment }] : [];
  });
}

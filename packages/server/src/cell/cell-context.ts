import { Rules, type CompartmentKind, type PartyKind } from '@fusion-cell/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * What the cell's rules and shape say, loaded once: parties and compartments do not change
 * while a server runs, and the derived state needs them on every append.
 */
export interface CellContext {
  cellId: string;
  rules: Rules;
  partyKinds: ReadonlyMap<string, PartyKind>;
  /** The parties of each compartment, in party order. */
  audiences: ReadonlyMap<string, readonly string[]>;
  compartmentKinds: ReadonlyMap<string, CompartmentKind>;
}

export async function loadCellContext(db: Kysely<Database>): Promise<CellContext> {
  const cell = await db.selectFrom('cells').select(['id', 'rules']).executeTakeFirstOrThrow();
  const parties = await db.selectFrom('parties').select(['id', 'kind']).orderBy('position').execute();
  const compartments = await db.selectFrom('compartments').select(['id', 'kind']).execute();
  const members = await db.selectFrom('compartment_parties').innerJoin('parties', 'parties.id', 'compartment_parties.party_id').select(['compartment_id', 'party_id']).orderBy('parties.position').execute();
  const audiences = new Map<string, string[]>();
  for (const row of members) audiences.set(row.compartment_id, [...(audiences.get(row.compartment_id) ?? []), row.party_id]);
  return {
    cellId: cell.id,
    // Parsed again so that rules added since the cell was created take their defaults.
    rules: Rules.parse(JSON.parse(cell.rules)),
    partyKinds: new Map(parties.map((party) => [party.id, party.kind as PartyKind])),
    audiences,
    compartmentKinds: new Map(compartments.map((compartment) => [compartment.id, compartment.kind as CompartmentKind])),
  };
}

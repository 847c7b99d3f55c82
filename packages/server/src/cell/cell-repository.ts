import type { CellInfo, CompartmentKind, CompartmentSummary, LocalizedText, PartyKind, PartySummary, Rules } from '@fusion-cell/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface StoredCell extends CellInfo {
  rules: Rules;
  autoApproveDevices: boolean;
}

/** The cell this database holds, if it has been initialised. */
export async function findCell(db: Kysely<Database>): Promise<StoredCell | undefined> {
  const row = await db.selectFrom('cells').selectAll().executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    name: JSON.parse(row.name) as LocalizedText,
    languages: JSON.parse(row.languages) as CellInfo['languages'],
    tracks: JSON.parse(row.tracks) as CellInfo['tracks'],
    agreements: JSON.parse(row.agreements) as CellInfo['agreements'],
    parties: await listParties(db),
    rules: JSON.parse(row.rules) as Rules,
    autoApproveDevices: row.auto_approve_devices === 1,
  };
}

export async function listParties(db: Kysely<Database>): Promise<PartySummary[]> {
  const rows = await db.selectFrom('parties').selectAll().orderBy('position').execute();
  return rows.map((row) => ({ id: row.id, kind: row.kind as PartyKind, name: JSON.parse(row.name) as LocalizedText }));
}

export async function findParty(db: Kysely<Database>, partyId: string): Promise<PartySummary | undefined> {
  const row = await db.selectFrom('parties').selectAll().where('id', '=', partyId).executeTakeFirst();
  return row && { id: row.id, kind: row.kind as PartyKind, name: JSON.parse(row.name) as LocalizedText };
}

/** The compartments a party is in, with their audiences, in display order. */
export async function listCompartmentsOf(db: Kysely<Database>, partyId: string): Promise<CompartmentSummary[]> {
  const rows = await db
    .selectFrom('compartments')
    .innerJoin('compartment_parties as mine', 'mine.compartment_id', 'compartments.id')
    .innerJoin('compartment_parties as audience', 'audience.compartment_id', 'compartments.id')
    .select(['compartments.id', 'compartments.kind', 'compartments.owner', 'compartments.position', 'audience.party_id'])
    .where('mine.party_id', '=', partyId)
    .orderBy('compartments.position')
    .orderBy('audience.party_id')
    .execute();
  const byId = new Map<string, CompartmentSummary>();
  for (const row of rows) {
    const compartment = byId.get(row.id) ?? { id: row.id, kind: row.kind as CompartmentKind, owner: row.owner, parties: [] };
    compartment.parties.push(row.party_id);
    byId.set(row.id, compartment);
  }
  return [...byId.values()];
}

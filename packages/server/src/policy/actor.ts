import type { PartyKind, Role } from '@fusion-cell/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The member behind a request, with what the policy needs to decide. */
export interface Actor {
  memberId: string;
  username: string;
  displayName: string;
  partyId: string;
  partyKind: PartyKind;
  roles: ReadonlySet<Role>;
  /** Compartments whose audience includes the actor's party. */
  compartments: ReadonlySet<string>;
}

/** Loads an enabled member as an actor; undefined when missing or disabled. */
export async function loadActor(db: Kysely<Database>, memberId: string): Promise<Actor | undefined> {
  const member = await db
    .selectFrom('members')
    .innerJoin('parties', 'parties.id', 'members.party_id')
    .select(['members.id', 'members.username', 'members.display_name', 'members.roles', 'members.disabled', 'parties.id as party_id', 'parties.kind as party_kind'])
    .where('members.id', '=', memberId)
    .executeTakeFirst();
  if (!member || member.disabled) return undefined;
  const compartments = await db
    .selectFrom('compartment_parties')
    .select('compartment_id')
    .where('party_id', '=', member.party_id)
    .execute();
  return {
    memberId: member.id,
    username: member.username,
    displayName: member.display_name,
    partyId: member.party_id,
    partyKind: member.party_kind as PartyKind,
    roles: new Set(JSON.parse(member.roles) as Role[]),
    compartments: new Set(compartments.map((row) => row.compartment_id)),
  };
}

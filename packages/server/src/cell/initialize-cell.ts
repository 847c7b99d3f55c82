import type { Role, Scenario } from '@fusion-cell/protocol';
import type { MemberTable } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import type { Services } from '../services.ts';
import { createLogHeads } from '../record/log-store.ts';
import { defaultCompartments } from './default-compartments.ts';

export interface DemoLogin {
  party: string;
  username: string;
  password: string;
  roles: Role[];
}

/**
 * Creates the cell of a scenario in an empty database: parties, default compartments and
 * members, each with a generated password returned once. Everything is written in one
 * transaction, so a failure leaves the database empty.
 */
export async function initializeCell(services: Services, scenario: Scenario): Promise<DemoLogin[]> {
  const { db, clock, ids, passwords } = services;
  if (await db.selectFrom('cells').select('id').executeTakeFirst()) {
    throw new DomainError('conflict', 'this database already holds a cell');
  }
  // Hashing is slow on purpose; do it before the transaction so the write lock is short.
  const logins: DemoLogin[] = [];
  const memberRows: MemberTable[] = [];
  for (const member of scenario.members) {
    const password = ids.secret(12);
    logins.push({ party: member.party, username: member.username, password, roles: member.roles });
    memberRows.push({
      id: ids.id('m'),
      party_id: member.party,
      username: member.username,
      display_name: member.displayName,
      roles: JSON.stringify(member.roles),
      email: member.email ?? null,
      password_hash: await passwords.hash(password),
      disabled: 0,
      created_at: clock.now(),
    });
  }
  const compartments = defaultCompartments(scenario.parties);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('cells')
      .values({
        id: scenario.cell.id,
        name: JSON.stringify(scenario.cell.name),
        languages: JSON.stringify(scenario.cell.languages),
        tracks: JSON.stringify(scenario.cell.tracks),
        agreements: JSON.stringify(scenario.cell.agreements),
        rules: JSON.stringify(scenario.rules),
        // Zones are co-signed documents in the record now; the column stays for older cells.
        zones: '[]',
        auto_approve_devices: scenario.demo?.autoApproveDevices ? 1 : 0,
        created_at: clock.now(),
      })
      .execute();
    await trx
      .insertInto('parties')
      .values(scenario.parties.map((party, position) => ({ id: party.id, kind: party.kind, name: JSON.stringify(party.name), position })))
      .execute();
    await trx
      .insertInto('compartments')
      .values(compartments.map((compartment, position) => ({ id: compartment.id, kind: compartment.kind, owner: compartment.owner, position })))
      .execute();
    await trx
      .insertInto('compartment_parties')
      .values(compartments.flatMap((compartment) => compartment.parties.map((party) => ({ compartment_id: compartment.id, party_id: party }))))
      .execute();
    await trx.insertInto('members').values(memberRows).execute();
    await createLogHeads(trx, compartments.map((compartment) => compartment.id));
  });
  return logins;
}

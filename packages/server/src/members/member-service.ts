import type { CreateMemberRequest, Member, Role } from '@fusion-cell/protocol';
import { toIso } from '../clock.ts';
import type { MemberTable } from '../db/schema.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { DomainError, notFound } from '../errors.ts';
import { deleteMemberSessions } from '../auth/sessions.ts';
import type { Actor } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import type { Services } from '../services.ts';

export function toMember(row: Omit<MemberTable, 'password_hash' | 'email'>): Member {
  return {
    id: row.id,
    party: row.party_id,
    username: row.username,
    displayName: row.display_name,
    roles: JSON.parse(row.roles) as Role[],
    disabled: row.disabled === 1,
    createdAt: toIso(row.created_at),
  };
}

const memberColumns = ['id', 'party_id', 'username', 'display_name', 'roles', 'disabled', 'created_at'] as const;

/** The members of a party, for a member of that party. */
export async function listMembers(services: Services, actor: Actor, party: string): Promise<Member[]> {
  authorize(actor, { type: 'member.list', party });
  const rows = await services.db.selectFrom('members').select(memberColumns).where('party_id', '=', party).orderBy('username').execute();
  return rows.map(toMember);
}

/** Adds a member to the actor's party; generates a password when none is given. */
export async function createMember(
  services: Services,
  actor: Actor,
  request: CreateMemberRequest,
): Promise<{ member: Member; generatedPassword?: string }> {
  authorize(actor, { type: 'member.manage', party: actor.partyId });
  return addMember(services, actor.partyId, request);
}

/** Adds a member without a policy check: for the operator's command line and initialisation. */
export async function addMember(
  services: Services,
  party: string,
  request: CreateMemberRequest,
): Promise<{ member: Member; generatedPassword?: string }> {
  const { db, ids, clock, passwords } = services;
  const username = request.username.toLowerCase();
  const taken = await db.selectFrom('members').select('id').where('username', '=', username).executeTakeFirst();
  if (taken) throw usernameTaken(username);
  const partyRow = await db.selectFrom('parties').select('id').where('id', '=', party).executeTakeFirst();
  if (!partyRow) throw new DomainError('not_found', `party "${party}" not found`, 'party');
  const generatedPassword = request.password === undefined ? ids.secret(12) : undefined;
  const row = {
    id: ids.id('m'),
    party_id: party,
    username,
    display_name: request.displayName,
    roles: JSON.stringify(request.roles),
    email: null,
    password_hash: await passwords.hash(request.password ?? generatedPassword ?? ''),
    disabled: 0,
    created_at: clock.now(),
  };
  try {
    await db.insertInto('members').values(row).execute();
  } catch (error) {
    // Another request took the name between the look-up and this insert.
    if (isUniqueViolation(error)) throw usernameTaken(username);
    throw error;
  }
  return generatedPassword === undefined ? { member: toMember(row) } : { member: toMember(row), generatedPassword };
}

function usernameTaken(username: string): DomainError {
  return new DomainError('username_taken', `username "${username}" is taken`, 'username');
}

/** Disables or re-enables a member of the actor's party; disabling ends their sessions. */
export async function setMemberDisabled(services: Services, actor: Actor, memberId: string, disabled: boolean): Promise<Member> {
  const row = await services.db.selectFrom('members').select(memberColumns).where('id', '=', memberId).executeTakeFirst();
  // A member of another party is as invisible here as one that does not exist.
  if (!row || row.party_id !== actor.partyId) throw notFound('member');
  authorize(actor, { type: 'member.manage', party: row.party_id, member: row.id });
  return updateDisabled(services, row.id, disabled);
}

/** Disables or re-enables a member without a policy check: for the operator's command line. */
export async function updateDisabled(services: Services, memberId: string, disabled: boolean): Promise<Member> {
  const { db } = services;
  const updated = await db.transaction().execute(async (trx) => {
    await trx.updateTable('members').set({ disabled: disabled ? 1 : 0 }).where('id', '=', memberId).execute();
    if (disabled) await deleteMemberSessions(trx, memberId);
    return trx.selectFrom('members').select(memberColumns).where('id', '=', memberId).executeTakeFirst();
  });
  if (!updated) throw notFound('member');
  return toMember(updated);
}

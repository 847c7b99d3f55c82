import { randomBytes } from 'node:crypto';
import { OTHER_SIDE, spareOf, type Caller } from './authorization-cell.ts';
import { forbidden, notFound, ok, type CaseSpec, type Expected } from './authorization-case.ts';
import { required, type World } from './authorization-world.ts';

/** Ids in the shapes the server makes, naming nothing. */
const NO_MEMBER = `m_${randomBytes(12).toString('base64url')}`;
const NO_DEVICE = `d_${randomBytes(12).toString('base64url')}`;

export function adminOnly(caller: Caller, allowed: Expected): Expected {
  return caller.role === 'admin' ? allowed : forbidden;
}

/**
 * A member of another party is as unknown as one that does not exist; in its own party, only
 * an administrator acts on members, and never on their own account.
 */
export function memberCases(caller: Caller, world: World, verb: 'disable' | 'enable'): CaseSpec[] {
  const path = (member: string) => `/api/v1/members/${member}/${verb}`;
  return [
    { id: 'colleague', what: 'a member of its party', path: path(world.memberId(spareOf(caller.party.id))), expected: adminOnly(caller, ok) },
    { id: 'self', what: 'its own account', path: path(world.memberId(caller.username)), expected: forbidden },
    {
      id: 'other party',
      what: 'a member of another party',
      path: path(world.memberId(spareOf(OTHER_SIDE.id))),
      expected: notFound,
      sameAs: 'nothing',
    },
    { id: 'nothing', what: 'a member id that names nothing', path: path(NO_MEMBER), expected: notFound },
  ];
}

/**
 * Devices of another party are as unknown as devices that do not exist; in its own party, an
 * administrator approves and revokes, and anyone revokes their own.
 */
export function deviceCases(caller: Caller, world: World, verb: 'approve' | 'revoke'): CaseSpec[] {
  const path = (device: string) => `/api/v1/devices/${device}/${verb}`;
  const colleague = verb === 'approve' ? world.colleagueDeviceToApprove : world.colleagueDeviceToRevoke;
  const own = verb === 'approve' ? world.ownDeviceToApprove : world.ownDeviceToRevoke;
  return [
    {
      id: 'colleague',
      what: 'a pending device of a member of its party',
      path: path(required(colleague, caller.party.id)),
      expected: adminOnly(caller, ok),
    },
    {
      id: 'own',
      what: 'a pending device of its own',
      path: path(required(own, caller.username)),
      // A lost device is revoked at once by its owner; an administrator approves their own new device like any other.
      expected: verb === 'revoke' ? ok : adminOnly(caller, ok),
    },
    { id: 'other party', what: 'a device of another party', path: path(world.otherPartyDevice), expected: notFound, sameAs: 'nothing' },
    { id: 'nothing', what: 'a device id that names nothing', path: path(NO_DEVICE), expected: notFound },
  ];
}

import type { PartyKind, Role } from '@fusion-cell/protocol';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../src/policy/actor.ts';
import { decide, type Action } from '../src/policy/policy.ts';

function actor(party: string, kind: PartyKind, roles: Role[], memberId = `${party}-${roles.join('-')}`): Actor {
  const compartments = ['plenary', `internal-${party}`];
  if (kind === 'side') compartments.push(`caucus-${party}`);
  if (kind === 'supervisor') compartments.push('caucus-sy', 'caucus-il');
  return { memberId, username: memberId, displayName: memberId, partyId: party, partyKind: kind, roles: new Set(roles), compartments: new Set(compartments) };
}

const syDuty = actor('sy', 'side', ['duty']);
const syAdmin = actor('sy', 'side', ['admin']);
const ilAdmin = actor('il', 'side', ['admin']);
const usDuty = actor('us', 'supervisor', ['duty']);
const usAdmin = actor('us', 'supervisor', ['admin']);
const ilHead = actor('il', 'side', ['head']);

type Expected = 'allow' | 'forbidden' | 'hidden';

/** Every row is one question to the policy and its only right answer. */
const table: Array<[string, Actor, Action, Expected]> = [
  ['anyone reads the cell', syDuty, { type: 'cell.read' }, 'allow'],
  ['a member lists their own party', syDuty, { type: 'member.list', party: 'sy' }, 'allow'],
  ['a member cannot list another party', syDuty, { type: 'member.list', party: 'il' }, 'forbidden'],
  ['the supervisor cannot list a side', usAdmin, { type: 'member.list', party: 'sy' }, 'forbidden'],
  ['an admin adds to their party', syAdmin, { type: 'member.manage', party: 'sy' }, 'allow'],
  ['an admin cannot add to another party', ilAdmin, { type: 'member.manage', party: 'sy' }, 'forbidden'],
  ['a supervisor admin cannot add to a side', usAdmin, { type: 'member.manage', party: 'il' }, 'forbidden'],
  ['a duty officer cannot add members', syDuty, { type: 'member.manage', party: 'sy' }, 'forbidden'],
  ['a head cannot add members', ilHead, { type: 'member.manage', party: 'il' }, 'forbidden'],
  ['an admin cannot disable themselves', syAdmin, { type: 'member.manage', party: 'sy', member: syAdmin.memberId }, 'forbidden'],
  ['an admin disables a colleague', syAdmin, { type: 'member.manage', party: 'sy', member: syDuty.memberId }, 'allow'],
  ['anyone registers a device', usDuty, { type: 'device.register' }, 'allow'],
  ['a member lists their own devices', syDuty, { type: 'device.list', party: 'sy', member: syDuty.memberId }, 'allow'],
  ['a member cannot list the party devices', syDuty, { type: 'device.list', party: 'sy' }, 'forbidden'],
  ['an admin lists the party devices', syAdmin, { type: 'device.list', party: 'sy' }, 'allow'],
  ['an admin cannot list another party devices', ilAdmin, { type: 'device.list', party: 'sy' }, 'forbidden'],
  ['an admin approves a party device', syAdmin, { type: 'device.approve', party: 'sy', member: syDuty.memberId }, 'allow'],
  ['a member cannot approve their own device', syDuty, { type: 'device.approve', party: 'sy', member: syDuty.memberId }, 'forbidden'],
  ['a supervisor admin cannot approve a side device', usAdmin, { type: 'device.approve', party: 'sy', member: syDuty.memberId }, 'forbidden'],
  ['a member revokes their own device', syDuty, { type: 'device.revoke', party: 'sy', member: syDuty.memberId }, 'allow'],
  ['a member cannot revoke a colleague device', syDuty, { type: 'device.revoke', party: 'sy', member: 'someone' }, 'forbidden'],
  ['an admin revokes a party device', syAdmin, { type: 'device.revoke', party: 'sy', member: 'someone' }, 'allow'],
  ['an admin cannot revoke another party device', ilAdmin, { type: 'device.revoke', party: 'sy', member: 'someone' }, 'forbidden'],
  ['a side reads plenary', syDuty, { type: 'compartment.read', compartment: 'plenary' }, 'allow'],
  ['a side reads its caucus', syDuty, { type: 'compartment.read', compartment: 'caucus-sy' }, 'allow'],
  ['a side does not see the other caucus', syDuty, { type: 'compartment.read', compartment: 'caucus-il' }, 'hidden'],
  ['a side does not see the other internal', syDuty, { type: 'compartment.read', compartment: 'internal-il' }, 'hidden'],
  ['a side does not see the supervisor internal', ilHead, { type: 'compartment.read', compartment: 'internal-us' }, 'hidden'],
  ['the supervisor reads both caucuses', usDuty, { type: 'compartment.read', compartment: 'caucus-il' }, 'allow'],
  ['the supervisor does not see a side internal', usAdmin, { type: 'compartment.read', compartment: 'internal-sy' }, 'hidden'],
  ['nobody sees a compartment that does not exist', usAdmin, { type: 'compartment.read', compartment: 'caucus-xx' }, 'hidden'],
  ['a duty officer raises an alert in plenary', syDuty, { type: 'item.create', compartment: 'plenary', itemType: 'alert' }, 'allow'],
  ['an administrator may not raise an alert', syAdmin, { type: 'item.create', compartment: 'plenary', itemType: 'alert' }, 'forbidden'],
  ['a side writes nothing in the other caucus', syDuty, { type: 'item.create', compartment: 'caucus-il', itemType: 'message' }, 'hidden'],
  ['the supervisor writes in a caucus', usDuty, { type: 'item.create', compartment: 'caucus-sy', itemType: 'message' }, 'allow'],
  ['a side releases an extract of its own caucus item', syDuty, { type: 'item.release', compartment: 'caucus-sy', originalParty: 'sy' }, 'allow'],
  ['the supervisor reads a caucus but releases nothing a side entered', usDuty, { type: 'item.release', compartment: 'caucus-sy', originalParty: 'sy' }, 'forbidden'],
  ['an original in another caucus is as unknown as none', ilHead, { type: 'item.release', compartment: 'caucus-sy', originalParty: 'sy' }, 'hidden'],
  ['readers of the original read its release tie', usDuty, { type: 'release.read', compartment: 'caucus-sy' }, 'allow'],
  ['others never learn of the tie', ilHead, { type: 'release.read', compartment: 'caucus-sy' }, 'hidden'],
  ['a head acknowledges', ilHead, { type: 'item.create', compartment: 'plenary', itemType: 'ack' }, 'allow'],
  ['an administrator does not acknowledge', usAdmin, { type: 'item.create', compartment: 'plenary', itemType: 'ack' }, 'forbidden'],
  ['a head suspends the channel', ilHead, { type: 'item.create', compartment: 'plenary', itemType: 'channel.suspended' }, 'allow'],
  ['a duty officer does not suspend the channel', syDuty, { type: 'item.create', compartment: 'plenary', itemType: 'channel.suspended' }, 'forbidden'],
  ['nobody enters an escalation', usDuty, { type: 'item.create', compartment: 'plenary', itemType: 'escalation' }, 'forbidden'],
  ['an unknown item type is refused', usDuty, { type: 'item.create', compartment: 'plenary', itemType: 'gossip' }, 'forbidden'],
  ['a party cosigns its compartments', ilHead, { type: 'checkpoint.cosign', compartment: 'caucus-il' }, 'allow'],
  ['a party cannot cosign a hidden compartment', ilHead, { type: 'checkpoint.cosign', compartment: 'caucus-sy' }, 'hidden'],
  ['a member reads its party settings', syDuty, { type: 'party.settings.read', party: 'sy' }, 'allow'],
  ['a member does not read another party settings', syDuty, { type: 'party.settings.read', party: 'il' }, 'forbidden'],
  ['an admin writes its party settings', syAdmin, { type: 'party.settings.write', party: 'sy' }, 'allow'],
  ['a duty officer does not write party settings', syDuty, { type: 'party.settings.write', party: 'sy' }, 'forbidden'],
  ['an admin does not write another party settings', usAdmin, { type: 'party.settings.write', party: 'sy' }, 'forbidden'],
  ['a side reads its own inbox', syDuty, { type: 'inbox.read', view: 'mine' }, 'allow'],
  ['a side does not see the overdue view', ilHead, { type: 'inbox.read', view: 'overdue' }, 'forbidden'],
  ['the supervisor sees the overdue view', usDuty, { type: 'inbox.read', view: 'overdue' }, 'allow'],
  ['anyone opens the stream', syDuty, { type: 'stream.connect' }, 'allow'],
  ['anyone exports the party record', ilHead, { type: 'record.export' }, 'allow'],
  ['the owing party hears its reminder', syDuty, { type: 'notification.hear', compartment: 'plenary', party: 'sy', kind: 'reminder' }, 'allow'],
  ['another side does not hear it', ilHead, { type: 'notification.hear', compartment: 'plenary', party: 'sy', kind: 'reminder' }, 'forbidden'],
  ['the supervisor does not hear a side reminder', usDuty, { type: 'notification.hear', compartment: 'plenary', party: 'sy', kind: 'urgent-repeat' }, 'forbidden'],
  ['the supervisor hears an escalation', usDuty, { type: 'notification.hear', compartment: 'caucus-sy', party: 'sy', kind: 'escalation' }, 'allow'],
  ['another side does not hear an escalation', ilHead, { type: 'notification.hear', compartment: 'plenary', party: 'sy', kind: 'escalation' }, 'forbidden'],
  ['an administrator is not on watch', syAdmin, { type: 'notification.hear', compartment: 'plenary', party: 'sy', kind: 'reminder' }, 'forbidden'],
  ['nothing is heard from a hidden compartment', ilHead, { type: 'notification.hear', compartment: 'caucus-sy', party: 'il', kind: 'escalation' }, 'hidden'],
];

describe('the authorization policy', () => {
  it.each(table)('%s', (_name, who, action, expected) => {
    const decision = decide(who, action);
    const outcome: Expected = decision.allowed ? 'allow' : decision.hidden ? 'hidden' : 'forbidden';
    expect(outcome).toBe(expected);
  });
});

import type { Directory } from '@fusion-cell/protocol';
import { LOG_DEVICE, type BundleDevice } from '@fusion-cell/record';
import { attestationsOf } from '../devices/attestations.ts';
import type { Actor } from '../policy/actor.ts';
import type { CellServices } from '../cell-services.ts';

/**
 * The authors a party can meet: its own members and every author or cosigner of its
 * compartments, with their device keys and signed key history. Nothing about members who
 * only act in compartments the party is not in.
 */
export async function readDirectory(services: CellServices, actor: Actor): Promise<Directory> {
  const compartments = [...actor.compartments];
  const ownParty = await services.db
    .selectFrom('devices')
    .innerJoin('members', 'members.id', 'devices.member_id')
    .select('devices.id as device_id')
    .where('members.party_id', '=', actor.partyId)
    .execute();
  const devices = await devicesWithHistory(services, [...(await signingDevicesIn(services, compartments)), ...ownParty.map((row) => row.device_id)]);
  const memberIds = [...new Set(devices.map((device) => device.member))];
  const members = await services.db
    .selectFrom('members')
    .select(['id', 'party_id', 'display_name'])
    .where((eb) => eb.or([eb('party_id', '=', actor.partyId), ...(memberIds.length ? [eb('id', 'in', memberIds)] : [])]))
    .execute();
  return {
    members: members.map((member) => ({ id: member.id, party: member.party_id, displayName: member.display_name })),
    devices,
  };
}

/** Devices that signed an entry or a cosignature in any of the compartments. */
export async function signingDevicesIn(services: CellServices, compartments: string[]): Promise<string[]> {
  if (compartments.length === 0) return [];
  const authors = await services.db.selectFrom('items').select('device_id').distinct().where('compartment_id', 'in', compartments).execute();
  const cosigners = await services.db.selectFrom('cosignatures').select('device_id').distinct().where('compartment_id', 'in', compartments).execute();
  return [...authors, ...cosigners].map((row) => row.device_id).filter((id) => id !== LOG_DEVICE);
}

/** Devices with their keys and signed history, as bundles and the directory carry them. */
export async function devicesWithHistory(services: CellServices, deviceIds: string[]): Promise<BundleDevice[]> {
  const unique = [...new Set(deviceIds)];
  if (unique.length === 0) return [];
  const rows = await services.db
    .selectFrom('devices')
    .innerJoin('members', 'members.id', 'devices.member_id')
    .select(['devices.id', 'devices.member_id', 'devices.public_key', 'members.party_id'])
    .where('devices.id', 'in', unique)
    .orderBy('devices.id')
    .execute();
  const history = await attestationsOf(services.db, unique);
  return rows.map((device) => ({
    id: device.id,
    member: device.member_id,
    party: device.party_id,
    publicKey: device.public_key,
    attestations: history.get(device.id) ?? [],
  }));
}

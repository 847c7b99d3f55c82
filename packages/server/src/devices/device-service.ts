import { deviceRegistrationMessage, type Device, type DeviceStatus, type RegisterDeviceRequest } from '@fusion-cell/protocol';
import type { Kysely } from 'kysely';
import { toIso } from '../clock.ts';
import { findCell } from '../cell/cell-repository.ts';
import type { Database, DeviceTable } from '../db/schema.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import type { Services } from '../services.ts';
import type { CellServices } from '../cell-services.ts';
import { attestDevice, type AdminSignature } from './attestations.ts';
import { verifyEd25519 } from './proof-of-possession.ts';

/** Who approved a device when no member did: the cell itself (demo) or its operator. */
export const CELL_APPROVER = '@cell';

type DeviceRow = DeviceTable & { username: string; party_id: string };

function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    member: row.member_id,
    username: row.username,
    label: row.label,
    publicKey: row.public_key,
    status: row.status as DeviceStatus,
    registeredAt: toIso(row.registered_at),
    approvedAt: row.approved_at === null ? null : toIso(row.approved_at),
    approvedBy: row.approved_by,
    revokedAt: row.revoked_at === null ? null : toIso(row.revoked_at),
    revokedBy: row.revoked_by,
  };
}

function devicesWithOwners(db: Kysely<Database>) {
  return db
    .selectFrom('devices')
    .innerJoin('members', 'members.id', 'devices.member_id')
    .selectAll('devices')
    .select(['members.username', 'members.party_id']);
}

/**
 * Registers the public key of a new device of the actor. The proof, a signature of the
 * registration text by the key, shows the caller holds the private key.
 */
export async function registerDevice(services: CellServices, actor: Actor, request: RegisterDeviceRequest): Promise<Device> {
  authorize(actor, { type: 'device.register' });
  const { db, clock, ids } = services;
  const cell = await findCell(db);
  if (!cell) throw notFound('cell');
  const message = deviceRegistrationMessage(cell.id, actor.memberId, request.publicKey);
  if (!verifyEd25519(request.publicKey, message, request.proof)) {
    throw new DomainError('validation_failed', 'the proof is not a signature of the registration text by this key', 'proof');
  }
  const existing = await db.selectFrom('devices').select('id').where('public_key', '=', request.publicKey).executeTakeFirst();
  if (existing) throw new DomainError('conflict', 'this key is already registered', 'publicKey');
  const now = clock.now();
  const approved = cell.autoApproveDevices;
  const id = ids.id('d');
  await db.transaction().execute(async (trx) => {
    await trx
    .insertInto('devices')
    .values({
      id,
      member_id: actor.memberId,
      label: request.label,
      public_key: request.publicKey,
      status: approved ? 'approved' : 'pending',
      registered_at: now,
      approved_at: approved ? now : null,
      approved_by: approved ? CELL_APPROVER : null,
      revoked_at: null,
      revoked_by: null,
    })
    .execute();
    if (approved) {
      await attestDevice(trx, services.record, { id, member_id: actor.memberId, party_id: actor.partyId, public_key: request.publicKey }, 'device.approved', now);
    }
  }).catch((error: unknown) => {
    // The same key registered by a simultaneous request.
    if (isUniqueViolation(error)) throw new DomainError('conflict', 'this key is already registered', 'publicKey');
    throw error;
  });
  return getDevice(db, id);
}

/** The actor's own devices, or with `party` the whole party's (administrators). */
export async function listDevices(services: Services, actor: Actor, scope: 'own' | 'party'): Promise<Device[]> {
  authorize(actor, { type: 'device.list', party: actor.partyId, ...(scope === 'own' ? { member: actor.memberId } : {}) });
  let query = devicesWithOwners(services.db).where('members.party_id', '=', actor.partyId);
  if (scope === 'own') query = query.where('devices.member_id', '=', actor.memberId);
  const rows = await query.orderBy('devices.registered_at').execute();
  return rows.map(toDevice);
}

/** Approves a device of the party; `signedBy` is the administrator's device signature of the decision. */
export async function approveDevice(services: CellServices, actor: Actor, deviceId: string, signedBy?: AdminSignature): Promise<Device> {
  const row = await findPartyDevice(services.db, actor, deviceId);
  authorize(actor, { type: 'device.approve', party: row.party_id, member: row.member_id });
  return setStatus(services, row, 'approved', actor, signedBy);
}

export async function revokeDevice(services: CellServices, actor: Actor, deviceId: string, signedBy?: AdminSignature): Promise<Device> {
  const row = await findPartyDevice(services.db, actor, deviceId);
  authorize(actor, { type: 'device.revoke', party: row.party_id, member: row.member_id });
  return setStatus(services, row, 'revoked', actor, signedBy);
}

/** Approves or revokes a device without a policy check: for the operator's command line. */
export async function setDeviceStatusAsOperator(services: CellServices, deviceId: string, status: 'approved' | 'revoked'): Promise<Device> {
  const row = await devicesWithOwners(services.db).where('devices.id', '=', deviceId).executeTakeFirst();
  if (!row) throw notFound('device');
  return setStatus(services, row, status, undefined, undefined);
}

/** Every device of the cell, for the operator's command line. */
export async function listAllDevices(services: Services): Promise<Device[]> {
  const rows = await devicesWithOwners(services.db).orderBy('members.username').orderBy('devices.registered_at').execute();
  return rows.map(toDevice);
}

async function findPartyDevice(db: Kysely<Database>, actor: Actor, deviceId: string): Promise<DeviceRow> {
  const row = await devicesWithOwners(db).where('devices.id', '=', deviceId).executeTakeFirst();
  // Devices of other parties are as invisible as devices that do not exist.
  if (!row || row.party_id !== actor.partyId) throw notFound('device');
  return row;
}

/**
 * Changes a device's status and records the signed attestation in the same transaction.
 * `actor` is undefined when the operator acts; the cell's log key then attests.
 */
async function setStatus(
  services: CellServices,
  row: DeviceRow,
  status: 'approved' | 'revoked',
  actor: Actor | undefined,
  signedBy: AdminSignature | undefined,
): Promise<Device> {
  // Revocation is final: a key that may have leaked never signs again.
  if (row.status === 'revoked') throw new DomainError('conflict', 'the device is revoked');
  if (row.status === status) throw new DomainError('conflict', `the device is already ${status}`);
  const now = services.clock.now();
  const by = actor?.memberId ?? CELL_APPROVER;
  const values = status === 'approved' ? { status, approved_at: now, approved_by: by } : { status, revoked_at: now, revoked_by: by };
  await services.db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable('devices').set(values).where('id', '=', row.id).where('status', '=', row.status).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new DomainError('conflict', 'the device changed meanwhile; try again');
    const admin = actor && signedBy ? { memberId: actor.memberId, partyId: actor.partyId, signature: signedBy } : undefined;
    await attestDevice(trx, services.record, row, status === 'approved' ? 'device.approved' : 'device.revoked', now, admin);
  });
  return getDevice(services.db, row.id);
}

async function getDevice(db: Kysely<Database>, id: string): Promise<Device> {
  const row = await devicesWithOwners(db).where('devices.id', '=', id).executeTakeFirstOrThrow();
  return toDevice(row);
}

import {
  attestationSigningInput,
  base64UrlDecode,
  DeviceAttestation,
  signDeviceAttestation,
  type DeviceStatement,
} from '@fusion-cell/record';
import type { Kysely, Transaction } from 'kysely';
import { toIso } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import type { RecordRuntime } from '../record/record-runtime.ts';

/** How far a signed decision's own time may differ from the server's clock. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** An administrator's signature on a device decision, made in their browser with their device. */
export interface AdminSignature {
  device: string;
  at: string;
  signature: string;
}

export interface AttestedDevice {
  id: string;
  member_id: string;
  party_id: string;
  public_key: string;
}

/**
 * Records that a device was approved or revoked as a signed statement, so any party can
 * later verify offline which keys could sign when. An administrator's own device signature
 * is used when given; otherwise the cell's log key attests the decision (the demo, the
 * operator's command line, or an administrator without a device).
 */
export async function attestDevice(
  trx: Transaction<Database> | Kysely<Database>,
  record: RecordRuntime,
  device: AttestedDevice,
  kind: DeviceStatement['kind'],
  now: number,
  admin?: { memberId: string; partyId: string; signature: AdminSignature },
): Promise<void> {
  const at = admin ? admin.signature.at : toIso(now);
  const statement: DeviceStatement = {
    kind,
    cell: record.cellId,
    device: device.id,
    member: device.member_id,
    party: device.party_id,
    publicKey: device.public_key,
    at,
  };
  let attestation: DeviceAttestation;
  if (admin) {
    const signedAt = Date.parse(admin.signature.at);
    if (!Number.isFinite(signedAt) || Math.abs(signedAt - now) > MAX_CLOCK_SKEW_MS) {
      throw new DomainError('validation_failed', 'the signed decision time is too far from the server clock', 'signedBy.at');
    }
    const signer = await trx
      .selectFrom('devices')
      .select(['public_key', 'status', 'member_id'])
      .where('id', '=', admin.signature.device)
      .executeTakeFirst();
    if (!signer || signer.member_id !== admin.memberId || signer.status !== 'approved') {
      throw new DomainError('validation_failed', 'the decision must be signed by an approved device of the administrator', 'signedBy.device');
    }
    const valid = record.verifier.verify(base64UrlDecode(signer.public_key), attestationSigningInput(statement), base64UrlDecode(admin.signature.signature));
    if (!valid) throw new DomainError('validation_failed', 'the signature does not match the decision', 'signedBy.signature');
    attestation = { statement, signer: { kind: 'device', device: admin.signature.device }, signature: admin.signature.signature };
  } else {
    attestation = await signDeviceAttestation(statement, { kind: 'log' }, record.logKey.signer.sign);
  }
  await trx
    .insertInto('device_attestations')
    .values({ device_id: device.id, kind, attestation: JSON.stringify(DeviceAttestation.parse(attestation)), at: Date.parse(at) })
    .execute();
}

/** The signed history of some devices, by device id. */
export async function attestationsOf(db: Kysely<Database>, deviceIds: string[]): Promise<Map<string, DeviceAttestation[]>> {
  const history = new Map<string, DeviceAttestation[]>();
  if (deviceIds.length === 0) return history;
  const rows = await db.selectFrom('device_attestations').select(['device_id', 'attestation']).where('device_id', 'in', deviceIds).orderBy('at').execute();
  for (const row of rows) history.set(row.device_id, [...(history.get(row.device_id) ?? []), JSON.parse(row.attestation) as DeviceAttestation]);
  return history;
}

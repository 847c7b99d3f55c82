import type { Directory } from '@fusion-cell/protocol';
import {
  base64UrlDecode,
  DeviceAttestation,
  isDeviceValidAt,
  resolveDeviceValidity,
  type DeviceRecord,
  type DeviceValidity,
  type SignatureVerifier,
} from '@fusion-cell/record';
import type { MemberView } from './sync-types.ts';

/** A device as verification needs it: its key, and when its signed history says it was valid. */
export interface KnownDevice {
  member: string;
  party: string;
  publicKey: Uint8Array;
  validity: DeviceValidity | undefined;
}

export interface DirectoryView {
  members: Map<string, MemberView>;
  devices: Map<string, KnownDevice>;
}

export const EMPTY_DIRECTORY: DirectoryView = { members: new Map(), devices: new Map() };

/**
 * The directory with each device's validity replayed from its attestations (R14), signed by
 * the pinned log key or an admin device of the same party: the server's word that a device
 * is approved is not taken, its signed history is.
 */
export async function resolveDirectory(directory: Directory, cellId: string, logPublicKey: Uint8Array, verifier: SignatureVerifier): Promise<DirectoryView> {
  const records: DeviceRecord[] = directory.devices.map((device) => ({
    ...device,
    // An attestation that does not even parse cannot count; dropping it is the same verdict.
    attestations: device.attestations.flatMap((attestation) => {
      const parsed = DeviceAttestation.safeParse(attestation);
      return parsed.success ? [parsed.data] : [];
    }),
  }));
  const { validity } = await resolveDeviceValidity(cellId, records, logPublicKey, verifier);
  const devices = new Map<string, KnownDevice>();
  for (const record of records) {
    let publicKey: Uint8Array;
    try {
      publicKey = base64UrlDecode(record.publicKey);
    } catch {
      continue;
    }
    devices.set(record.id, { member: record.member, party: record.party, publicKey, validity: validity.get(record.id) });
  }
  const members = new Map(directory.members.map((member) => [member.id, { party: member.party, displayName: member.displayName }]));
  return { members, devices };
}

/**
 * Whether a device was valid during the second a cosignature names. Cosignatures carry whole
 * seconds and approvals milliseconds, so a device approved at 10.300 s that cosigned at
 * 10.800 s writes time 10; judging at the end of the second keeps that from raising an alarm.
 */
export function validDuringSecond(validity: DeviceValidity | undefined, seconds: number): boolean {
  return isDeviceValidAt(validity, new Date(seconds * 1000 + 999).toISOString());
}

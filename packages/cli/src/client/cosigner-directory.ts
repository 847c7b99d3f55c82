import { Directory } from '@fusion-cell/protocol';
import {
  base64UrlDecode,
  DeviceAttestation,
  isDeviceValidAt,
  resolveDeviceValidity,
  type DeviceRecord,
  type DeviceValidity,
  type SignatureVerifier,
} from '@fusion-cell/record';
import type { ApiClient } from './api-client.ts';

/** A device that may cosign: its party, key, and validity from its signed key history. */
export interface KnownCosigner {
  party: string;
  publicKey: Uint8Array;
  validity: DeviceValidity | undefined;
}

/**
 * The devices of the directory, with validity replayed from their attestations (R14): the
 * server's word that a device is approved is not taken, its signed history is.
 */
export async function loadCosigners(api: ApiClient, cell: string, logPublicKey: Uint8Array, verifier: SignatureVerifier): Promise<Map<string, KnownCosigner>> {
  const directory = await api.getJson('/api/v1/directory', Directory);
  const records: DeviceRecord[] = directory.devices.map((device) => ({
    ...device,
    // An attestation that does not even parse cannot count; dropping it is the same verdict.
    attestations: device.attestations.flatMap((attestation) => {
      const parsed = DeviceAttestation.safeParse(attestation);
      return parsed.success ? [parsed.data] : [];
    }),
  }));
  const { validity } = await resolveDeviceValidity(cell, records, logPublicKey, verifier);
  const cosigners = new Map<string, KnownCosigner>();
  for (const device of records) {
    let publicKey: Uint8Array;
    try {
      publicKey = base64UrlDecode(device.publicKey);
    } catch {
      continue;
    }
    cosigners.set(device.id, { party: device.party, publicKey, validity: validity.get(device.id) });
  }
  return cosigners;
}

/**
 * Whether a device was valid during the second a cosignature names. Cosignatures carry whole
 * seconds and approvals milliseconds, so a device approved at 10.300 s that cosigned at
 * 10.800 s writes time 10; judging at the end of the second keeps that from raising an alarm.
 */
export function validDuringSecond(validity: DeviceValidity | undefined, seconds: number): boolean {
  return isDeviceValidAt(validity, new Date(seconds * 1000 + 999).toISOString());
}

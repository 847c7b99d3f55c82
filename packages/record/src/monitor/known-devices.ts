// The devices a monitoring client knows (SPEC.md R14, R36): each device of the server's
// directory with its key, and when its signed history says it was valid.

import { base64UrlDecode } from '../base64.ts';
import { DeviceAttestation, isDeviceValidAt, resolveDeviceValidity, type DeviceRecord, type DeviceValidity } from '../device-attestation.ts';
import type { SignatureVerifier } from '../signature.ts';

/** A device as a directory lists it: its attestations not yet parsed, let alone trusted. */
export interface ListedDevice {
  id: string;
  member: string;
  party: string;
  /** Raw Ed25519 public key, base64url. */
  publicKey: string;
  attestations: readonly unknown[];
}

/** A device as verification needs it: its key, and when its signed history says it was valid. */
export interface KnownDevice {
  member: string;
  party: string;
  publicKey: Uint8Array;
  validity: DeviceValidity | undefined;
}

/**
 * [R14] The listed devices by id, each with its validity replayed from its attestations,
 * signed by the log key or a device of the same party: a server's word that a device is
 * approved is not taken, its signed history is. An attestation that does not even parse
 * cannot count, so it is dropped (the same verdict); a device whose key does not decode is
 * left out, as if unknown.
 */
export async function resolveKnownDevices(
  cell: string,
  devices: readonly ListedDevice[],
  logPublicKey: Uint8Array,
  verifier: SignatureVerifier,
): Promise<Map<string, KnownDevice>> {
  const records: DeviceRecord[] = devices.map((device) => ({
    id: device.id,
    member: device.member,
    party: device.party,
    publicKey: device.publicKey,
    attestations: device.attestations.flatMap((attestation) => {
      const parsed = DeviceAttestation.safeParse(attestation);
      return parsed.success ? [parsed.data] : [];
    }),
  }));
  const { validity } = await resolveDeviceValidity(cell, records, logPublicKey, verifier);
  const known = new Map<string, KnownDevice>();
  for (const record of records) {
    let publicKey: Uint8Array;
    try {
      publicKey = base64UrlDecode(record.publicKey);
    } catch {
      continue;
    }
    known.set(record.id, { member: record.member, party: record.party, publicKey, validity: validity.get(record.id) });
  }
  return known;
}

/**
 * [R36] Whether a device was valid during the second a cosignature names. Cosignatures carry
 * whole seconds and approvals milliseconds, so a device approved at 10.300 s that cosigned at
 * 10.800 s writes time 10; it is judged at the last millisecond of that second.
 */
export function isDeviceValidDuringSecond(validity: DeviceValidity | undefined, seconds: number): boolean {
  return isDeviceValidAt(validity, new Date(seconds * 1000 + 999).toISOString());
}

// Device attestations (SPEC.md R13–R14): signed statements that a device key was approved or
// revoked, so authors can be verified offline long after the server that knew is gone.

import { z } from 'zod';
import { base64UrlDecode, base64UrlEncode } from './base64.ts';
import { utf8Encode } from './bytes.ts';
import { canonicalJson } from './canonical-json.ts';
import { Identifier, PublicKeyText, SignatureText, UtcMillis } from './schema-parts.ts';
import { verifySignature, type SignatureVerifier, type Signer } from './signature.ts';

/** Domain separation for attestation signatures. */
export const DEVICE_ATTESTATION_SIGNING_PREFIX = 'fusion-cell/device-attestation@1\n';

export const DeviceStatement = z.strictObject({
  kind: z.enum(['device.approved', 'device.revoked']),
  cell: Identifier,
  device: Identifier,
  member: Identifier,
  party: Identifier,
  publicKey: PublicKeyText,
  at: UtcMillis,
});
export type DeviceStatement = z.infer<typeof DeviceStatement>;

/** Who signed: an approved admin device of the same party, or the cell's log key. */
export const AttestationSigner = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('device'), device: Identifier }),
  z.strictObject({ kind: z.literal('log') }),
]);
export type AttestationSigner = z.infer<typeof AttestationSigner>;

export const DeviceAttestation = z.strictObject({
  statement: DeviceStatement,
  signer: AttestationSigner,
  signature: SignatureText,
});
export type DeviceAttestation = z.infer<typeof DeviceAttestation>;

/** UTF-8 of `"fusion-cell/device-attestation@1\n" + canonicalJson(statement)`. */
export function attestationSigningInput(statement: DeviceStatement): Uint8Array {
  return utf8Encode(DEVICE_ATTESTATION_SIGNING_PREFIX + canonicalJson(DeviceStatement.parse(statement)));
}

/** Signs a device statement as `signer` with the matching private key. */
export async function signDeviceAttestation(
  statement: DeviceStatement,
  signer: AttestationSigner,
  sign: Signer,
): Promise<DeviceAttestation> {
  const signature = await sign(attestationSigningInput(statement));
  return { statement, signer, signature: base64UrlEncode(signature) };
}

/** A device as exported: identity, key and its attestation history. */
export interface DeviceRecord {
  id: string;
  member: string;
  party: string;
  publicKey: string;
  attestations: DeviceAttestation[];
}

/** When a device's key was first validly approved and first validly revoked (UTC millis text). */
export interface DeviceValidity {
  approvedAt?: string;
  revokedAt?: string;
}

export interface AttestationProblem {
  device: string;
  attestation: number;
  message: string;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Valid at `time` (same UTC-millis format): approved at or before it, not revoked at or before it. */
export function isDeviceValidAt(validity: DeviceValidity | undefined, time: string): boolean {
  if (!validity?.approvedAt || validity.approvedAt > time) return false;
  return validity.revokedAt === undefined || validity.revokedAt > time;
}

/**
 * Replays every attestation in time order. An attestation counts when its statement matches
 * the device record, its signature verifies, and its signer is the log key or a device of
 * the same party that is valid at the statement's time — so a revoked admin can no longer
 * approve, and cycles of devices approving each other never bootstrap.
 */
export async function resolveDeviceValidity(
  cell: string,
  devices: readonly DeviceRecord[],
  logPublicKey: Uint8Array | undefined,
  verifier: SignatureVerifier,
): Promise<{ validity: Map<string, DeviceValidity>; problems: AttestationProblem[] }> {
  const byId = new Map(devices.map((device) => [device.id, device]));
  const validity = new Map<string, DeviceValidity>(devices.map((device) => [device.id, {}]));
  const problems: AttestationProblem[] = [];
  const queue = devices.flatMap((device) =>
    device.attestations.map((attestation, position) => ({ device, attestation, position })),
  );
  // Stable sort: attestations at the same millisecond keep the order they were filed in.
  queue.sort((a, b) => compareText(a.attestation.statement.at, b.attestation.statement.at));

  for (const { device, attestation, position } of queue) {
    const { statement, signer } = attestation;
    const problem = (message: string) => problems.push({ device: device.id, attestation: position, message });
    if (
      statement.cell !== cell ||
      statement.device !== device.id ||
      statement.member !== device.member ||
      statement.party !== device.party ||
      statement.publicKey !== device.publicKey
    ) {
      problem('statement does not match the device it is filed under');
      continue;
    }
    let signerKey: Uint8Array | undefined;
    if (signer.kind === 'log') {
      signerKey = logPublicKey;
    } else {
      const signerDevice = byId.get(signer.device);
      if (!signerDevice || signerDevice.party !== statement.party) {
        problem(`signer device ${signer.device} is not a device of party ${statement.party}`);
        continue;
      }
      if (!isDeviceValidAt(validity.get(signerDevice.id), statement.at)) {
        problem(`signer device ${signer.device} was not approved (or was revoked) at ${statement.at}`);
        continue;
      }
      signerKey = base64UrlDecode(signerDevice.publicKey);
    }
    const message = utf8Encode(DEVICE_ATTESTATION_SIGNING_PREFIX + canonicalJson(statement));
    if (!signerKey || !(await verifySignature(verifier, signerKey, message, base64UrlDecode(attestation.signature)))) {
      problem('signature does not verify');
      continue;
    }
    const state = validity.get(device.id)!;
    // Revocation is final: a later approval does not bring a revoked key back.
    if (statement.kind === 'device.approved' && state.approvedAt === undefined && state.revokedAt === undefined) {
      state.approvedAt = statement.at;
    } else if (statement.kind === 'device.revoked' && state.revokedAt === undefined) {
      state.revokedAt = statement.at;
    }
  }
  return { validity, problems };
}

// R25: every device attestation is checked and replayed into validity intervals.

import { base64UrlDecode } from '../base64.ts';
import { resolveDeviceValidity } from '../device-attestation.ts';
import type { BundleOuter, KnownDevice } from './context.ts';
import type { FailureList } from './report.ts';
import type { SignatureVerifier } from '../signature.ts';

/** [R25] Resolves each device's approval and revocation from its verified attestations. */
export async function checkDevices(
  bundle: BundleOuter,
  logPublicKey: Uint8Array,
  verifier: SignatureVerifier,
  failures: FailureList,
): Promise<Map<string, KnownDevice>> {
  const { validity, problems } = await resolveDeviceValidity(bundle.cell, bundle.devices, logPublicKey, verifier);
  for (const problem of problems) {
    failures.add('device_attestation_invalid', `device ${problem.device}, attestation ${problem.attestation}: ${problem.message}`);
  }
  const devices = new Map<string, KnownDevice>();
  for (const record of bundle.devices) {
    const state = validity.get(record.id) ?? {};
    devices.set(record.id, {
      record,
      // Decoded once: the verifier caches imported keys by array identity.
      publicKey: base64UrlDecode(record.publicKey),
      validity: state,
      ...(state.revokedAt !== undefined ? { revokedAtMs: Date.parse(state.revokedAt) } : {}),
    });
  }
  return devices;
}

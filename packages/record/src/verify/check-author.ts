import { isDeviceValidAt } from '../device-attestation.ts';
import type { KnownDevice } from './context.ts';
import type { FailureCode } from './failure-codes.ts';

/** [R26–R29] The signing device is known, the author's, in the audience and valid then. */
export function checkAuthor(
  envelope: { author: string; device: string; authoredAt: string },
  device: KnownDevice | undefined,
  parties: ReadonlySet<string>,
  loggedAfter: number,
  fail: (code: FailureCode, message: string) => void,
): void {
  if (!device) {
    fail('device_unknown', `device ${envelope.device} is not in the bundle`);
    return;
  }
  if (device.record.member !== envelope.author) {
    fail('device_member_mismatch', `device ${envelope.device} belongs to ${device.record.member}, not ${envelope.author}`);
  }
  if (!parties.has(device.record.party)) {
    fail('author_not_in_compartment', `party ${device.record.party} is not in this compartment`);
  }
  // Approved and not revoked when signed — and not logged after its revocation, whatever
  // authoredAt claims (a stolen key with a back-dated time).
  if (!isDeviceValidAt(device.validity, envelope.authoredAt)) {
    fail('device_not_valid', `device ${envelope.device} was not valid at ${envelope.authoredAt}`);
  } else if (device.revokedAtMs !== undefined && loggedAfter * 1000 >= device.revokedAtMs) {
    fail('device_not_valid', `logged after device ${envelope.device} was revoked (${device.validity.revokedAt})`);
  }
}

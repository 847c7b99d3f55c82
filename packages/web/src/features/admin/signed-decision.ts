import type { Device, DeviceDecision } from '@fusion-cell/protocol';
import { attestationSigningInput, type DeviceStatement } from '@fusion-cell/record';
import type { DeviceContextValue } from '../../device/device-context.ts';

/**
 * The administrator's decision on a device, signed by the administrator's own device when it
 * is approved (R13): then the key history says which person's device let the key sign, and
 * the server cannot attest a decision nobody made. Otherwise the decision is sent empty and
 * the cell's log key attests it.
 */
export async function signedDeviceDecision(
  kind: DeviceStatement['kind'],
  target: Device,
  context: { cellId: string; partyId: string },
  ownDevice: DeviceContextValue,
): Promise<DeviceDecision> {
  if (ownDevice.state.status !== 'approved') return {};
  const statement: DeviceStatement = {
    kind,
    cell: context.cellId,
    device: target.id,
    member: target.member,
    party: context.partyId,
    publicKey: target.publicKey,
    // The server accepts a time within minutes of its clock; this one is now.
    at: new Date().toISOString(),
  };
  const signed = await ownDevice.sign(attestationSigningInput(statement));
  return { signedBy: { device: signed.deviceId, at: statement.at, signature: signed.signatureBase64Url } };
}

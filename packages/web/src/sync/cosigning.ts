import {
  base64UrlDecode,
  cosignCheckpoint,
  cosignerName,
  verifyCosignatureLine,
  type OpenedCheckpoint,
  type SignatureVerifier,
} from '@fusion-cell/record';
import { validDuringSecond, type DirectoryView } from './directory.ts';
import type { CosignerView } from './sync-types.ts';

const COSIGNER_NAME = /^fusion-cell\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,64})$/;

/**
 * The devices that cosigned a checkpoint, each line checked (R36): by a device of a party of
 * the compartment, under that device's key from the directory, at a time the device was
 * valid. Lines by keys outside this cell are not ours to judge and are left out.
 */
export async function readCosigners(
  checkpoint: OpenedCheckpoint,
  context: { cellId: string; parties: readonly string[]; directory: DirectoryView; verifier: SignatureVerifier },
): Promise<{ cosigners: CosignerView[]; unknownDevices: boolean }> {
  const cosigners: CosignerView[] = [];
  let unknownDevices = false;
  for (const signature of checkpoint.note.signatures) {
    const match = COSIGNER_NAME.exec(signature.name);
    if (!match || match[1] !== context.cellId) continue;
    const party = match[2] ?? '';
    const deviceId = match[3] ?? '';
    const device = context.directory.devices.get(deviceId);
    if (!device) unknownDevices = true;
    let time: number | undefined;
    if (device && device.party === party && context.parties.includes(party)) {
      time = await verifyCosignatureLine(checkpoint.text, signature.line, { name: signature.name, publicKey: device.publicKey }, context.verifier);
    }
    cosigners.push({
      party,
      device: deviceId,
      member: device?.member,
      time: time ?? 0,
      valid: time !== undefined && validDuringSecond(device?.validity, time),
    });
  }
  return { cosigners, unknownDevices };
}

export interface CosigningDevice {
  id: string;
  /** Raw public key, base64url. */
  publicKey: string;
  /** When the server approved it (UTC millis): a cosignature must not predate it. */
  approvedAt: string | null;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/**
 * The second to stamp a cosignature with, or undefined to wait: cosignature times are whole
 * seconds, so a device approved at 10.300 s waits until second 10 can be written truthfully.
 */
export function cosignatureSecond(device: CosigningDevice, checkpointTime: number, nowMs: number): number | undefined {
  const now = Math.floor(nowMs / 1000);
  const approved = device.approvedAt === null ? now : Math.floor(Date.parse(device.approvedAt) / 1000);
  if (approved > now) return undefined;
  // A cosignature older than the checkpoint it vouches for would be a clock error; never write one.
  return Math.max(now, checkpointTime);
}

/** The cosignature line of this device over a verified checkpoint (R11). */
export function cosignLine(checkpoint: OpenedCheckpoint, device: CosigningDevice, context: { cellId: string; partyId: string }, second: number): Promise<string> {
  const name = cosignerName(context.cellId, context.partyId, device.id);
  return cosignCheckpoint(checkpoint.text, { name, publicKey: base64UrlDecode(device.publicKey), sign: device.sign }, second);
}

/** Whether the checkpoint already carries a valid cosignature by this device. */
export async function hasOwnCosignature(
  checkpoint: OpenedCheckpoint,
  device: CosigningDevice,
  context: { cellId: string; partyId: string; verifier: SignatureVerifier },
): Promise<boolean> {
  const name = cosignerName(context.cellId, context.partyId, device.id);
  const publicKey = base64UrlDecode(device.publicKey);
  for (const signature of checkpoint.note.signatures) {
    if (signature.name !== name) continue;
    if ((await verifyCosignatureLine(checkpoint.text, signature.line, { name, publicKey }, context.verifier)) !== undefined) return true;
  }
  return false;
}

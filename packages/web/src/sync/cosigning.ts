import {
  base64UrlDecode,
  cosignCheckpoint,
  cosignerName,
  readCosignatureLine,
  verifyCosignatureLine,
  type OpenedCheckpoint,
  type SignatureVerifier,
} from '@fusion-cell/record';
import type { DirectoryView } from './directory.ts';
import type { CosignerView } from './sync-types.ts';

/**
 * The devices that cosigned a checkpoint, each line read as the record's `readCosignatureLine`
 * does (R36): by a device of a party of the compartment, under that device's key from the
 * directory, at a time the device was valid. Lines by keys outside this cell are not ours to
 * judge and are left out. `unknownDevices`: some line names a device the directory lacks.
 */
export async function readCosigners(
  checkpoint: OpenedCheckpoint,
  context: { cellId: string; parties: readonly string[]; directory: DirectoryView; verifier: SignatureVerifier },
): Promise<{ cosigners: CosignerView[]; unknownDevices: boolean }> {
  const cosigners: CosignerView[] = [];
  let unknownDevices = false;
  const reading = { cellId: context.cellId, parties: context.parties, devices: context.directory.devices, verifier: context.verifier };
  for (const signature of checkpoint.note.signatures) {
    const read = await readCosignatureLine(checkpoint, signature, reading);
    if (!read) continue;
    if (!read.known) unknownDevices = true;
    cosigners.push({ party: read.party, device: read.device, member: read.known?.member, time: read.time ?? 0, valid: read.problem === undefined });
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

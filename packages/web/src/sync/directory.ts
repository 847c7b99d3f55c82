import type { Directory } from '@fusion-cell/protocol';
import { resolveKnownDevices, type KnownDevice, type SignatureVerifier } from '@fusion-cell/record';
import type { MemberView } from './sync-types.ts';

export interface DirectoryView {
  members: Map<string, MemberView>;
  devices: Map<string, KnownDevice>;
}

export const EMPTY_DIRECTORY: DirectoryView = { members: new Map(), devices: new Map() };

/**
 * The directory with each device's validity replayed from its attestations (R14), signed by
 * the pinned log key or an admin device of the same party (the record's `resolveKnownDevices`):
 * the server's word that a device is approved is not taken, its signed history is.
 */
export async function resolveDirectory(directory: Directory, cellId: string, logPublicKey: Uint8Array, verifier: SignatureVerifier): Promise<DirectoryView> {
  const devices = await resolveKnownDevices(cellId, directory.devices, logPublicKey, verifier);
  const members = new Map(directory.members.map((member) => [member.id, { party: member.party, displayName: member.displayName }]));
  return { members, devices };
}

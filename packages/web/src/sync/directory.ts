import type { Directory } from '@fusion-cell/protocol';
import { resolveKnownDevices, type KnownDevice, type SignatureVerifier, type VerifierKey } from '@fusion-cell/record';
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

/**
 * The directory as last fetched and resolved. A device missing from it, or not yet valid in
 * it, may be newer than this copy; it is fetched again for that at most once a round, so a
 * device the server never lists costs one fetch, not one per item or cosignature.
 */
export class AuthorDirectory {
  view: DirectoryView = EMPTY_DIRECTORY;
  private round = 0;
  private fetchedInRound = -1;

  constructor(
    private readonly cellId: string,
    private readonly verifier: SignatureVerifier,
    private readonly fetchDirectory: () => Promise<Directory>,
  ) {}

  nextRound(): void {
    this.round += 1;
  }

  /** The first fetch, before anything is verified against it. */
  async fetchFirst(logKey: VerifierKey): Promise<void> {
    if (this.fetchedInRound < 0) await this.fetch(logKey);
  }

  /** Fetches again unless this round already did; whether it did now. */
  async fetchAgainThisRound(logKey: VerifierKey): Promise<boolean> {
    if (this.fetchedInRound === this.round) return false;
    await this.fetch(logKey);
    return true;
  }

  private async fetch(logKey: VerifierKey): Promise<void> {
    this.view = await resolveDirectory(await this.fetchDirectory(), this.cellId, logKey.publicKey, this.verifier);
    this.fetchedInRound = this.round;
  }
}

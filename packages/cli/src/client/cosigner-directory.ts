import { Directory } from '@fusion-cell/protocol';
import { resolveKnownDevices, type KnownDevice, type SignatureVerifier } from '@fusion-cell/record';
import type { ApiClient } from './api-client.ts';

/**
 * The devices of the directory, with validity replayed from their attestations (R14): the
 * server's word that a device is approved is not taken, its signed history is.
 */
export async function loadCosigners(api: ApiClient, cell: string, logPublicKey: Uint8Array, verifier: SignatureVerifier): Promise<Map<string, KnownDevice>> {
  const directory = await api.getJson('/api/v1/directory', Directory);
  return resolveKnownDevices(cell, directory.devices, logPublicKey, verifier);
}

import { ConsistencyProof } from '@fusion-cell/protocol';
import {
  base64Decode,
  constantTimeEqual,
  openCheckpoint,
  verifyConsistency,
  type OpenedCheckpoint,
  type SignatureVerifier,
  type VerifierKey,
} from '@fusion-cell/record';
import type { ApiClient } from './api-client.ts';
import type { StoredCheckpoint } from './checkpoint-store.ts';

export type ConsistencyVerdict = { ok: true; summary: string } | { ok: false; problem: string };

/**
 * Is the new checkpoint an extension of the last one this client verified? Same size: the
 * same root. Larger: an RFC 9162 consistency proof from the server, checked here. Smaller:
 * never — a log does not shrink.
 */
export async function checkConsistency(
  api: ApiClient,
  compartment: string,
  previous: StoredCheckpoint | undefined,
  current: OpenedCheckpoint,
  logKey: VerifierKey,
  verifier: SignatureVerifier,
): Promise<ConsistencyVerdict> {
  if (!previous) return { ok: true, summary: 'first checkpoint seen' };
  let before: OpenedCheckpoint;
  try {
    before = await openCheckpoint(previous.note, logKey, verifier, { origin: current.origin });
  } catch (error) {
    return { ok: false, problem: `the checkpoint stored in ${previous.file} does not verify under the pinned log key (${(error as Error).message})` };
  }
  if (current.size < before.size) {
    return { ok: false, problem: `the log shrank: it now shows size ${current.size}, but this client verified size ${before.size} (${previous.file})` };
  }
  if (current.size === before.size) {
    return constantTimeEqual(current.rootHash, before.rootHash)
      ? { ok: true, summary: 'same tree as last verified' }
      : { ok: false, problem: `the log signed two different trees of size ${current.size}: the one in ${previous.file} and this one (split view or rewritten history)` };
  }
  const proof = await api.getJson(`/api/v1/compartments/${encodeURIComponent(compartment)}/proof/consistency?from=${before.size}&to=${current.size}`, ConsistencyProof);
  let hashes: Uint8Array[];
  try {
    hashes = proof.hashes.map(base64Decode);
  } catch {
    return { ok: false, problem: 'the consistency proof from the server is not base64' };
  }
  const consistent = proof.from === before.size && proof.to === current.size && verifyConsistency(before.size, current.size, hashes, before.rootHash, current.rootHash);
  return consistent
    ? { ok: true, summary: `consistent with size ${before.size}` }
    : {
        ok: false,
        problem: `the checkpoint of size ${current.size} is not consistent with the checkpoint of size ${before.size} this client verified (${previous.file}): history was rewritten or forked`,
      };
}

import { base64Decode, verifyInclusion } from '@fusion-cell/record';
import type { CheckResult } from './sync-types.ts';

export interface InclusionContext {
  /** The server's RFC 9162 inclusion proof, base64 hashes. */
  inclusionProof(index: number, size: number): Promise<{ index: number; size: number; hashes: string[] }>;
  /** Whether a failed proof request means the server refuses (not just that it is unreachable). */
  isRefusal(error: unknown): boolean;
}

/**
 * Proves that the leaf this browser received sits at `index` in the tree of a checkpoint it
 * verified (R7). Later checkpoints are verified consistent with that one, so the proof holds
 * for them too and is not fetched again. Unreachable servers throw, leaving the item pending.
 */
export async function verifyItemInclusion(
  leafHash: Uint8Array,
  index: number,
  checkpoint: { size: number; rootHash: Uint8Array },
  context: InclusionContext,
): Promise<CheckResult> {
  let proof: { index: number; size: number; hashes: string[] };
  try {
    proof = await context.inclusionProof(index, checkpoint.size);
  } catch (error) {
    if (!context.isRefusal(error)) throw error;
    return { status: 'failed', code: 'proof_unavailable', detail: `the server refused an inclusion proof for #${index} in size ${checkpoint.size}: ${(error as Error).message}` };
  }
  let hashes: Uint8Array[];
  try {
    hashes = proof.hashes.map(base64Decode);
  } catch {
    return { status: 'failed', code: 'inclusion_invalid', detail: 'the inclusion proof is not base64' };
  }
  const included = proof.index === index && proof.size === checkpoint.size && verifyInclusion(leafHash, index, checkpoint.size, hashes, checkpoint.rootHash);
  return included
    ? { status: 'verified', size: checkpoint.size }
    : { status: 'failed', code: 'inclusion_invalid', detail: `these bytes are not the entry #${index} of the tree of size ${checkpoint.size} the log signed` };
}

import {
  base64Decode,
  constantTimeEqual,
  openCheckpoint,
  verifyConsistency,
  type OpenedCheckpoint,
  type SignatureVerifier,
  type VerifierKey,
} from '@fusion-cell/record';
import type { StoredCheckpoint } from './trust-store.ts';
import type { AlarmCode } from './sync-types.ts';

export type CheckpointVerdict =
  | { ok: true; checkpoint: OpenedCheckpoint; relation: 'first' | 'same' | 'extended'; from?: number }
  | { ok: false; code: AlarmCode; values: Record<string, number>; detail: string };

export interface CheckpointContext {
  origin: string;
  logKey: VerifierKey;
  verifier: SignatureVerifier;
  /** The server's RFC 9162 consistency proof between two sizes, base64 hashes. */
  consistencyProof(from: number, to: number): Promise<{ from: number; to: number; hashes: string[] }>;
  /** Whether a failed proof request means the server refuses (not just that it is unreachable). */
  isRefusal(error: unknown): boolean;
}

/**
 * Checks the latest checkpoint the server shows against the last one this browser verified
 * (SPEC R9–R11, R21): signed by the pinned log key for this compartment's origin, never
 * smaller, the same root at the same size, a later time for a larger tree, and otherwise an
 * RFC 9162 consistency proof from the stored tree to the new one, checked here.
 * Unreachable servers throw; everything else is a verdict.
 */
export async function checkCheckpoint(note: string, previous: StoredCheckpoint | undefined, context: CheckpointContext): Promise<CheckpointVerdict> {
  let current: OpenedCheckpoint;
  try {
    current = await openCheckpoint(note, context.logKey, context.verifier, { origin: context.origin });
  } catch (error) {
    return { ok: false, code: 'checkpoint_invalid', values: {}, detail: `the latest checkpoint does not verify under the pinned log key: ${(error as Error).message}` };
  }
  if (!previous) return { ok: true, checkpoint: current, relation: 'first' };

  let before: OpenedCheckpoint;
  try {
    before = await openCheckpoint(previous.note, context.logKey, context.verifier, { origin: context.origin });
  } catch (error) {
    return { ok: false, code: 'checkpoint_invalid', values: {}, detail: `the checkpoint verified before no longer verifies under the pinned log key: ${(error as Error).message}` };
  }
  const values = { size: current.size, previousSize: before.size };
  if (current.size < before.size) {
    return { ok: false, code: 'checkpoint_shrank', values, detail: `the log now shows size ${current.size}, but this browser verified size ${before.size}` };
  }
  if (current.size === before.size) {
    return constantTimeEqual(current.rootHash, before.rootHash)
      ? { ok: true, checkpoint: current, relation: 'same' }
      : { ok: false, code: 'checkpoint_forked', values, detail: `the log signed two different trees of size ${current.size}: a split view or a rewritten history` };
  }
  if (current.time < before.time) {
    return { ok: false, code: 'checkpoint_time_reversed', values, detail: `the checkpoint of size ${current.size} was signed before the one of size ${before.size}` };
  }
  let proof: { from: number; to: number; hashes: string[] };
  try {
    proof = await context.consistencyProof(before.size, current.size);
  } catch (error) {
    if (!context.isRefusal(error)) throw error;
    return { ok: false, code: 'consistency_unprovable', values, detail: `the server refused to prove size ${before.size} → ${current.size}: ${(error as Error).message}` };
  }
  let hashes: Uint8Array[];
  try {
    hashes = proof.hashes.map(base64Decode);
  } catch {
    return { ok: false, code: 'checkpoint_inconsistent', values, detail: 'the consistency proof is not base64' };
  }
  const consistent = proof.from === before.size && proof.to === current.size && verifyConsistency(before.size, current.size, hashes, before.rootHash, current.rootHash);
  return consistent
    ? { ok: true, checkpoint: current, relation: 'extended', from: before.size }
    : { ok: false, code: 'checkpoint_inconsistent', values, detail: `the tree of size ${current.size} does not extend the tree of size ${before.size} verified here: history was rewritten or forked` };
}

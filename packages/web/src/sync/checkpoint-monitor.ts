import { checkSuccession, openCheckpoint, type OpenedCheckpoint, type SignatureVerifier, type SuccessionVerdict, type VerifierKey } from '@fusion-cell/record';
import type { StoredCheckpoint } from './trust-store.ts';
import type { AlarmCode } from './sync-types.ts';

export type CheckpointVerdict =
  /** `earlier`: an older checkpoint delivered late, from which the one verified here follows; nothing to keep. */
  | { ok: true; checkpoint: OpenedCheckpoint; relation: 'first' | 'same' | 'extended' | 'earlier'; from?: number }
  | { ok: false; code: AlarmCode; values: Record<string, number>; detail: string };

export interface CheckpointContext {
  origin: string;
  logKey: VerifierKey;
  verifier: SignatureVerifier;
  /** The server's RFC 9162 consistency proof between two sizes, base64 hashes. */
  consistencyProof(from: number, to: number): Promise<{ from: number; to: number; hashes: string[] }>;
  /** Whether a failed proof request means the server refuses (not just that it is unreachable). */
  isRefusal(error: unknown): boolean;
  /**
   * The note may be an older checkpoint delivered late: the stream sends the latest checkpoint
   * again with every cosignature, and two such frames can cross. A smaller checkpoint is then
   * old news if the one verified here follows from it (R39), and an alarm only if it does not.
   * Without this, as for the server's answer to "what is the latest checkpoint", smaller is an alarm.
   */
  mayBeLate?: boolean;
}

/**
 * Checks the latest checkpoint the server shows against the last one this browser verified:
 * signed by the pinned log key for this compartment's origin (SPEC R9–R10), then the record's
 * succession rule (R39, `checkSuccession`): never smaller, the same root at the same size, a
 * later time for a larger tree, and otherwise an RFC 9162 consistency proof from the stored
 * tree to the new one, fetched here and checked by the rule. Unreachable servers throw;
 * everything else is a verdict.
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
  if (context.mayBeLate && current.size < before.size) {
    // The rule the other way round: may the tree verified here follow the late one?
    const verdict = await succession(current, before, context);
    if (verdict.status === 'accepted') return { ok: true, checkpoint: current, relation: 'earlier' };
    return worded(verdict, current, ' (delivered late)');
  }
  return worded(await succession(before, current, context), current, '');
}

type Succession = SuccessionVerdict | { status: 'unprovable'; from: number; to: number; error: Error };

/** The record's rule, with the consistency proof fetched from the server when the tree grew. */
async function succession(before: OpenedCheckpoint, after: OpenedCheckpoint, context: CheckpointContext): Promise<Succession> {
  const verdict = checkSuccession(before, after);
  if (verdict.status !== 'proof_needed') return verdict;
  let proof: { from: number; to: number; hashes: string[] };
  try {
    proof = await context.consistencyProof(verdict.from, verdict.to);
  } catch (error) {
    if (!context.isRefusal(error)) throw error;
    return { status: 'unprovable', from: verdict.from, to: verdict.to, error: error as Error };
  }
  return checkSuccession(before, after, proof);
}

/** The browser's alarm code and technical account for each verdict of the rule. */
function worded(verdict: Succession, current: OpenedCheckpoint, late: string): CheckpointVerdict {
  switch (verdict.status) {
    case 'accepted':
      return verdict.relation === 'extended'
        ? { ok: true, checkpoint: current, relation: 'extended', from: verdict.from ?? 0 }
        : { ok: true, checkpoint: current, relation: verdict.relation };
    case 'proof_needed':
      // `succession` always passes the proof once the rule asks for it.
      return { ok: false, code: 'checkpoint_inconsistent', values: { size: verdict.to, previousSize: verdict.from }, detail: 'no consistency proof was checked' };
    case 'unprovable':
      return {
        ok: false,
        code: 'consistency_unprovable',
        values: { size: verdict.to, previousSize: verdict.from },
        detail: `the server refused to prove size ${verdict.from} → ${verdict.to}${late}: ${verdict.error.message}`,
      };
    case 'refused': {
      const { size, previousSize } = verdict;
      const values = { size, previousSize };
      switch (verdict.problem) {
        case 'origin_mismatch':
          return { ok: false, code: 'checkpoint_invalid', values: {}, detail: `the checkpoint verified before is for another log: ${verdict.message}` };
        case 'shrank':
          return { ok: false, code: 'checkpoint_shrank', values, detail: `the log now shows size ${size}, but this browser verified size ${previousSize}` };
        case 'forked':
          return { ok: false, code: 'checkpoint_forked', values, detail: `the log signed two different trees of size ${size}: a split view or a rewritten history` };
        case 'time_reversed':
          return { ok: false, code: 'checkpoint_time_reversed', values, detail: `the checkpoint of size ${size} was signed before the one of size ${previousSize}${late}` };
        case 'proof_malformed':
          return { ok: false, code: 'checkpoint_inconsistent', values, detail: 'the consistency proof is not base64' };
        case 'inconsistent':
          return late
            ? { ok: false, code: 'checkpoint_inconsistent', values, detail: `the tree of size ${size} verified here does not extend the tree of size ${previousSize}${late}: history was rewritten or forked` }
            : { ok: false, code: 'checkpoint_inconsistent', values, detail: `the tree of size ${size} does not extend the tree of size ${previousSize} verified here: history was rewritten or forked` };
      }
    }
  }
}

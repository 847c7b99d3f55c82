// Client-side monitoring of a log (SPEC.md R39): may a newly seen checkpoint follow the last
// one this client verified? Pure: fetching the proof and keeping checkpoints are the caller's.

import { base64Decode } from '../base64.ts';
import { constantTimeEqual } from '../bytes.ts';
import { verifyConsistency } from '../merkle/verify.ts';
import type { OpenedCheckpoint } from '../note/checkpoint.ts';

/** Why a checkpoint may not follow the previous one. A closed list: callers word each one. */
export const SUCCESSION_PROBLEMS = [
  /** The two checkpoints are of different logs: they were never meant to be compared. */
  'origin_mismatch',
  /** The new tree is smaller than the one verified before: a log never shrinks. */
  'shrank',
  /** Same size, another root: the log signed two trees of one size (split view, rewritten history). */
  'forked',
  /** A larger tree signed earlier than the smaller one. */
  'time_reversed',
  /** The consistency proof is unusable as given (a hash that is not base64). */
  'proof_malformed',
  /** The consistency proof does not lead from the old tree to the new one (or is for other sizes). */
  'inconsistent',
] as const;
export type SuccessionProblem = (typeof SUCCESSION_PROBLEMS)[number];

/** What the check reads of a checkpoint opened under the pinned log key (R8–R10). */
export type SuccessionHead = Pick<OpenedCheckpoint, 'origin' | 'size' | 'rootHash' | 'time'>;

/**
 * An RFC 9162 consistency proof between two sizes, as a server serves it (hashes in base64,
 * or already decoded). The sizes are those the proof claims to be for.
 */
export interface SuccessionProof {
  from: number;
  to: number;
  hashes: readonly string[] | readonly Uint8Array[];
}

export type SuccessionVerdict =
  /** `first`: nothing verified before; `same`: the same tree again; `extended`: proven to extend the tree of size `from`. */
  | { status: 'accepted'; relation: 'first' | 'same' | 'extended'; from?: number }
  /** The tree grew and nothing contradicts it yet: ask again with the proof from `from` to `to`. */
  | { status: 'proof_needed'; from: number; to: number }
  | { status: 'refused'; problem: SuccessionProblem; size: number; previousSize: number; message: string };

/**
 * [R39] Whether `current` may follow `previous`, the last checkpoint verified for the same log.
 * Nothing before: accepted (trust on first use). Smaller: `shrank`. Same size: accepted only
 * with the same root (constant-time compare), else `forked`. Larger: `time_reversed` if signed
 * earlier; otherwise the consistency proof from `previous.size` to `current.size` decides
 * (R7): without one the verdict is `proof_needed`, with one `extended` or `inconsistent`.
 */
export function checkSuccession(previous: SuccessionHead | undefined, current: SuccessionHead, proof?: SuccessionProof): SuccessionVerdict {
  if (!previous) return { status: 'accepted', relation: 'first' };
  const refused = (problem: SuccessionProblem, message: string): SuccessionVerdict => ({
    status: 'refused',
    problem,
    size: current.size,
    previousSize: previous.size,
    message,
  });
  if (previous.origin !== current.origin) {
    return refused('origin_mismatch', `a checkpoint of ${current.origin} cannot follow one of ${previous.origin}`);
  }
  if (current.size < previous.size) {
    return refused('shrank', `the log shrank from size ${previous.size} to size ${current.size}`);
  }
  if (current.size === previous.size) {
    return constantTimeEqual(current.rootHash, previous.rootHash)
      ? { status: 'accepted', relation: 'same' }
      : refused('forked', `the log signed two different trees of size ${current.size}`);
  }
  if (current.time < previous.time) {
    return refused('time_reversed', `the tree of size ${current.size} was signed before the tree of size ${previous.size}`);
  }
  if (!proof) return { status: 'proof_needed', from: previous.size, to: current.size };
  let hashes: Uint8Array[];
  try {
    hashes = proof.hashes.map((hash) => (typeof hash === 'string' ? base64Decode(hash) : hash));
  } catch {
    return refused('proof_malformed', 'the consistency proof is not base64');
  }
  const consistent =
    proof.from === previous.size &&
    proof.to === current.size &&
    verifyConsistency(previous.size, current.size, hashes, previous.rootHash, current.rootHash);
  return consistent
    ? { status: 'accepted', relation: 'extended', from: previous.size }
    : refused('inconsistent', `the tree of size ${current.size} does not extend the tree of size ${previous.size}`);
}

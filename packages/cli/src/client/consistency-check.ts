import { ConsistencyProof } from '@fusion-cell/protocol';
import {
  checkSuccession,
  openCheckpoint,
  type OpenedCheckpoint,
  type SignatureVerifier,
  type SuccessionVerdict,
  type VerifierKey,
} from '@fusion-cell/record';
import type { ApiClient } from './api-client.ts';
import type { StoredCheckpoint } from './checkpoint-store.ts';

export type ConsistencyVerdict = { ok: true; summary: string } | { ok: false; problem: string };

/**
 * Is the new checkpoint an extension of the last one this client verified (SPEC R39)? The
 * decision is the record's `checkSuccession`; this client reads the stored checkpoint, fetches
 * the consistency proof from the server when the tree grew, and words the verdict.
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
  let verdict = checkSuccession(before, current);
  if (verdict.status === 'proof_needed') {
    const proof = await api.getJson(`/api/v1/compartments/${encodeURIComponent(compartment)}/proof/consistency?from=${verdict.from}&to=${verdict.to}`, ConsistencyProof);
    verdict = checkSuccession(before, current, proof);
  }
  return worded(verdict, previous);
}

function worded(verdict: SuccessionVerdict, previous: StoredCheckpoint): ConsistencyVerdict {
  switch (verdict.status) {
    case 'accepted':
      return { ok: true, summary: verdict.relation === 'extended' ? `consistent with size ${verdict.from}` : 'same tree as last verified' };
    case 'proof_needed':
      // checkConsistency always passes the proof once asked for it.
      return { ok: false, problem: `no consistency proof from size ${verdict.from} to size ${verdict.to}` };
    case 'refused': {
      const { size, previousSize } = verdict;
      switch (verdict.problem) {
        case 'origin_mismatch':
          return { ok: false, problem: `the checkpoint stored in ${previous.file} is for another log` };
        case 'shrank':
          return { ok: false, problem: `the log shrank: it now shows size ${size}, but this client verified size ${previousSize} (${previous.file})` };
        case 'forked':
          return { ok: false, problem: `the log signed two different trees of size ${size}: the one in ${previous.file} and this one (split view or rewritten history)` };
        case 'time_reversed':
          return { ok: false, problem: `the checkpoint of size ${size} was signed before the checkpoint of size ${previousSize} this client verified (${previous.file})` };
        case 'proof_malformed':
          return { ok: false, problem: 'the consistency proof from the server is not base64' };
        case 'inconsistent':
          return {
            ok: false,
            problem: `the checkpoint of size ${size} is not consistent with the checkpoint of size ${previousSize} this client verified (${previous.file}): history was rewritten or forked`,
          };
      }
    }
  }
}

import {
  base64Decode,
  base64Encode,
  base64UrlDecode,
  itemIdFromLeafData,
  parseVerifierKey,
  TlogProofError,
  verifyTlogProof,
  type SignedEnvelope,
  type TlogProofErrorCode,
  type VerifierKey,
} from '@fusion-cell/record';
import { nodeVerifier } from '@fusion-cell/record/node';
import { ClientError } from './client-error.ts';

export interface ProofCheckOptions {
  logKey: string;
  origin?: string;
  leafData?: Uint8Array;
  leafHash?: string;
}

export type ProofCheck =
  | {
      ok: true;
      origin: string;
      size: number;
      index: number;
      checkpointTime?: string;
      leafHash: string;
      itemId?: string;
      signedEnvelope?: SignedEnvelope;
    }
  | { ok: false; rule: 'R12'; code: TlogProofErrorCode; message: string };

/** What a person can do about each way a proof fails. */
const HINTS: Record<TlogProofErrorCode, string> = {
  proof_malformed: 'the file is damaged or not a tlog-proof',
  checkpoint_invalid: 'wrong --log-key or --origin, or a checkpoint the log did not sign',
  leaf_missing: 'give the entry with --leaf-file or --leaf-hash',
  leaf_mismatch: 'the leaf data and leaf hash given do not belong together',
  inclusion_invalid: 'the entry or the proof was altered, or belongs to another log',
};

export function parseLogKeyFlag(text: string): VerifierKey {
  try {
    return parseVerifierKey(text);
  } catch (error) {
    throw new ClientError(`--log-key must be a signed-note verifier key (name+hash+base64key): ${(error as Error).message}`);
  }
}

/** A leaf hash given as base64 (as in checkpoints) or base64url (as item ids are). */
function parseLeafHash(text: string): Uint8Array {
  for (const decode of [base64Decode, base64UrlDecode]) {
    try {
      const hash = decode(text);
      if (hash.length === 32) return hash;
    } catch {
      // try the other alphabet
    }
  }
  throw new ClientError('--leaf-hash must be a 32-byte hash in base64 or base64url');
}

/** [R12] Checks a c2sp.org/tlog-proof@v1 file: the log's checkpoint, then the leaf's inclusion. */
export async function checkTlogProof(text: string, options: ProofCheckOptions): Promise<ProofCheck> {
  const logKey = parseLogKeyFlag(options.logKey);
  const leafHash = options.leafHash === undefined ? undefined : parseLeafHash(options.leafHash);
  // A cell's log key signs one log per compartment (`<key name>/<compartment>`); other logs
  // conventionally name their key after their origin, so that is the origin expected.
  const origin = options.origin ?? (logKey.name.startsWith('fusion-cell/') ? undefined : logKey.name);
  try {
    const verified = await verifyTlogProof(text, {
      logKey,
      verifier: nodeVerifier(),
      ...(origin !== undefined ? { origin } : {}),
      ...(options.leafData ? { leafData: options.leafData } : {}),
      ...(leafHash ? { leafHash } : {}),
    });
    return {
      ok: true,
      origin: verified.checkpoint.origin,
      size: verified.checkpoint.size,
      index: verified.index,
      ...(verified.checkpoint.time === undefined ? {} : { checkpointTime: new Date(verified.checkpoint.time * 1000).toISOString() }),
      leafHash: base64Encode(verified.leafHash),
      ...(verified.signedEnvelope && verified.leafData ? { itemId: itemIdFromLeafData(verified.leafData), signedEnvelope: verified.signedEnvelope } : {}),
    };
  } catch (error) {
    if (!(error instanceof TlogProofError)) throw error;
    return { ok: false, rule: 'R12', code: error.code, message: `${error.message} (${HINTS[error.code]})` };
  }
}

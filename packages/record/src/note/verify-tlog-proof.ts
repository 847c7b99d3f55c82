// Verification of a tlog-proof (SPEC.md R12): the log's checkpoint, then the leaf's inclusion.

import { constantTimeEqual, utf8Decode } from '../bytes.ts';
import { canonicalJson } from '../canonical-json.ts';
import { SignedEnvelope } from '../envelope-schema.ts';
import { leafHash as hashLeaf } from '../merkle/hash.ts';
import { verifyInclusion } from '../merkle/verify.ts';
import { webCryptoVerifier, type SignatureVerifier } from '../signature.ts';
import { logKeyName, openAnyCheckpoint, openCheckpoint, type ForeignCheckpoint } from './checkpoint.ts';
import { verifyCosignatureLine } from './cosignature.ts';
import { parseTlogProof, TlogProofError } from './tlog-proof.ts';
import { parseVerifierKey, type VerifierKey } from './verifier-key.ts';

export interface VerifyTlogProofOptions {
  /** The log's verifier key (`fusion-cell/<cellId>+…`). */
  logKey: VerifierKey | string;
  /** Expected origin; by default any `fusion-cell/<cellId>/…` origin of the log key's cell. */
  origin?: string;
  /** The leaf hash or leaf data the proof must be for; by default the `extra` data. */
  leafHash?: Uint8Array;
  leafData?: Uint8Array;
  /** Cosigners whose lines on the checkpoint should be checked and reported. */
  cosigners?: { name: string; publicKey: Uint8Array }[];
  verifier?: SignatureVerifier;
}

export interface VerifiedTlogProof {
  index: number;
  /** The checkpoint; `time` is always present for Fusion Cell logs, which must sign it. */
  checkpoint: ForeignCheckpoint;
  leafHash: Uint8Array;
  leafData?: Uint8Array;
  /** The item, when the leaf data is a canonical signed envelope. */
  signedEnvelope?: SignedEnvelope;
  /** Cosigners (from the option) whose valid cosignatures the checkpoint carries, with times. */
  cosignedBy: { name: string; time: number }[];
}

/** Verifies a tlog-proof: the log's checkpoint signatures, then the leaf's inclusion. */
export async function verifyTlogProof(text: string, options: VerifyTlogProofOptions): Promise<VerifiedTlogProof> {
  const proof = parseTlogProof(text);
  const verifier = options.verifier ?? webCryptoVerifier();
  const key = typeof options.logKey === 'string' ? parseVerifierKey(options.logKey) : options.logKey;
  let checkpoint: ForeignCheckpoint;
  // Fusion Cell logs always sign their checkpoint's time; other C2SP logs may not.
  const ownLog = key.name.startsWith(logKeyName(''));
  try {
    checkpoint = ownLog ? await openCheckpoint(proof.checkpoint, key, verifier) : await openAnyCheckpoint(proof.checkpoint, key, verifier);
  } catch (error) {
    throw new TlogProofError('checkpoint_invalid', (error as Error).message);
  }
  const originOk = options.origin === undefined ? checkpoint.origin.startsWith(`${key.name}/`) : checkpoint.origin === options.origin;
  if (!originOk) throw new TlogProofError('checkpoint_invalid', `unexpected origin ${checkpoint.origin}`);

  const leafData = options.leafData ?? proof.extra;
  const leafHash = options.leafHash ?? (leafData ? hashLeaf(leafData) : undefined);
  if (!leafHash) throw new TlogProofError('leaf_missing', 'no leaf hash, leaf data or extra data to check');
  if (leafData && !constantTimeEqual(hashLeaf(leafData), leafHash)) {
    throw new TlogProofError('leaf_mismatch', 'leaf data does not hash to the leaf hash');
  }
  if (!verifyInclusion(leafHash, proof.index, checkpoint.size, proof.inclusionProof, checkpoint.rootHash)) {
    throw new TlogProofError('inclusion_invalid', `entry ${proof.index} is not included in the checkpoint's tree`);
  }

  const cosignedBy: { name: string; time: number }[] = [];
  for (const cosigner of options.cosigners ?? []) {
    for (const signature of checkpoint.note.signatures) {
      const time = await verifyCosignatureLine(checkpoint.text, signature.line, cosigner, verifier);
      if (time !== undefined) {
        cosignedBy.push({ name: cosigner.name, time });
        break;
      }
    }
  }
  const signedEnvelope = leafData ? envelopeFromLeafData(leafData) : undefined;
  return {
    index: proof.index,
    checkpoint,
    leafHash,
    ...(leafData ? { leafData } : {}),
    ...(signedEnvelope ? { signedEnvelope } : {}),
    cosignedBy,
  };
}

/** The signed envelope in leaf data, if the data is exactly its canonical JSON. */
function envelopeFromLeafData(data: Uint8Array): SignedEnvelope | undefined {
  try {
    const text = utf8Decode(data);
    const parsed = SignedEnvelope.safeParse(JSON.parse(text));
    return parsed.success && canonicalJson(parsed.data) === text ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

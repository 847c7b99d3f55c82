// One item with its proof, to show a third party (c2sp.org/tlog-proof@v1, SPEC.md R12):
//   c2sp.org/tlog-proof@v1
//   extra <base64 leaf data = the signed envelope's canonical JSON>
//   index <n>
//   <base64 inclusion proof hash>…
//   (blank line)
//   <signed checkpoint, verbatim>

import { base64Decode, base64Encode } from '../base64.ts';
import { constantTimeEqual, utf8Decode } from '../bytes.ts';
import { canonicalJson } from '../canonical-json.ts';
import { leafData } from '../envelope.ts';
import { SignedEnvelope } from '../envelope-schema.ts';
import { HASH_LENGTH, leafHash as hashLeaf } from '../merkle/hash.ts';
import { verifyInclusion } from '../merkle/verify.ts';
import { webCryptoVerifier, type SignatureVerifier } from '../signature.ts';
import { openCheckpoint, type OpenedCheckpoint } from './checkpoint.ts';
import { verifyCosignatureLine } from './cosignature.ts';
import { parseVerifierKey, type VerifierKey } from './verifier-key.ts';

const HEADER = 'c2sp.org/tlog-proof@v1';

export interface TlogProof {
  /** Opaque, unauthenticated extra data; here the entry's leaf data. */
  extra?: Uint8Array;
  index: number;
  inclusionProof: Uint8Array[];
  /** The signed checkpoint note, verbatim. */
  checkpoint: string;
}

export const TLOG_PROOF_ERROR_CODES = [
  'proof_malformed',
  'checkpoint_invalid',
  'leaf_missing',
  'leaf_mismatch',
  'inclusion_invalid',
] as const;
export type TlogProofErrorCode = (typeof TLOG_PROOF_ERROR_CODES)[number];

export class TlogProofError extends Error {
  override name = 'TlogProofError';
  constructor(
    readonly code: TlogProofErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Writes a tlog-proof file. */
export function formatTlogProof(proof: TlogProof): string {
  if (!Number.isSafeInteger(proof.index) || proof.index < 0) throw new RangeError('index must be a non-negative integer');
  const lines = [HEADER];
  if (proof.extra) lines.push(`extra ${base64Encode(proof.extra)}`);
  lines.push(`index ${proof.index}`);
  for (const hash of proof.inclusionProof) lines.push(base64Encode(hash));
  return `${lines.join('\n')}\n\n${proof.checkpoint}`;
}

/** The tlog-proof of one entry: its leaf data as `extra`, its index and proof, and a checkpoint. */
export function entryTlogProof(
  signed: SignedEnvelope,
  index: number,
  inclusionProof: Uint8Array[],
  checkpoint: string,
): string {
  return formatTlogProof({ extra: leafData(signed), index, inclusionProof, checkpoint });
}

/** Parses a tlog-proof file (structure only; see {@link verifyTlogProof}). */
export function parseTlogProof(text: string): TlogProof {
  const malformed = (why: string) => new TlogProofError('proof_malformed', `malformed tlog-proof: ${why}`);
  const blank = text.indexOf('\n\n');
  if (blank < 0) throw malformed('no blank line before the checkpoint');
  const lines = text.slice(0, blank).split('\n');
  const checkpoint = text.slice(blank + 2);
  if (lines.shift() !== HEADER) throw malformed(`first line must be ${HEADER}`);
  let extra: Uint8Array | undefined;
  if (lines[0]?.startsWith('extra ')) {
    try {
      extra = base64Decode(lines.shift()!.slice('extra '.length));
    } catch {
      throw malformed('extra is not base64');
    }
  }
  const indexMatch = /^index (0|[1-9][0-9]{0,15})$/.exec(lines.shift() ?? '');
  const index = Number(indexMatch?.[1]);
  if (!indexMatch || !Number.isSafeInteger(index)) throw malformed('missing or invalid index line');
  const inclusionProof = lines.map((line) => {
    let hash: Uint8Array;
    try {
      hash = base64Decode(line);
    } catch {
      throw malformed('proof hash is not base64');
    }
    if (hash.length !== HASH_LENGTH) throw malformed('proof hash is not 32 bytes');
    return hash;
  });
  return { ...(extra ? { extra } : {}), index, inclusionProof, checkpoint };
}

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
  checkpoint: OpenedCheckpoint;
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
  let checkpoint: OpenedCheckpoint;
  try {
    checkpoint = await openCheckpoint(proof.checkpoint, key, verifier);
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

// One item with its proof, to show a third party (c2sp.org/tlog-proof@v1, SPEC.md R12):
//   c2sp.org/tlog-proof@v1
//   extra <base64 leaf data = the signed envelope's canonical JSON>
//   index <n>
//   <base64 inclusion proof hash>…
//   (blank line)
//   <signed checkpoint, verbatim>

import { base64Decode, base64Encode } from '../base64.ts';
import { leafData } from '../envelope.ts';
import type { SignedEnvelope } from '../envelope-schema.ts';
import { HASH_LENGTH } from '../merkle/hash.ts';

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

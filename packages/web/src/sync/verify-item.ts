import {
  base64UrlDecode,
  base64UrlEncode,
  canonicalJson,
  ENVELOPE_SIGNING_PREFIX,
  isDeviceValidAt,
  leafHash,
  LOG_DEVICE,
  SignedEnvelope,
  utf8Encode,
  verifyEnvelopeSignature,
  verifySignature,
  type SignatureVerifier,
} from '@fusion-cell/record';
import type { DirectoryView } from './directory.ts';
import type { CheckResult } from './sync-types.ts';

export interface ParsedLeaf {
  id: string;
  leafHash: Uint8Array;
  signed: SignedEnvelope | null;
  /** Why the leaf is not a signed envelope in canonical form, when it is not. */
  problem: string | undefined;
  /** The bytes its author signed, when the leaf is canonical: they are part of it. */
  signingInput?: Uint8Array;
}

const ENVELOPE_START = '{"envelope":';

/**
 * Reads a leaf as the log holds it. The id and leaf hash are computed from the bytes, so an
 * altered leaf is a different item here whatever id the server sends with it (R5). A leaf
 * that is not the canonical JSON of a signed envelope (R4) is kept, to be shown as failed.
 */
export function parseLeaf(leaf: string): ParsedLeaf {
  // The id is the leaf hash in base64url (R5): one hash serves both.
  const hash = leafHash(utf8Encode(leaf));
  const base = { id: base64UrlEncode(hash), leafHash: hash };
  let value: unknown;
  try {
    value = JSON.parse(leaf);
  } catch {
    return { ...base, signed: null, problem: 'the leaf is not JSON' };
  }
  const parsed = SignedEnvelope.safeParse(value);
  if (!parsed.success) return { ...base, signed: null, problem: `the leaf is not a signed envelope: ${parsed.error.issues[0]?.message ?? ''}` };
  let canonical: string;
  try {
    canonical = canonicalJson(value);
  } catch (error) {
    return { ...base, signed: parsed.data, problem: (error as Error).message };
  }
  if (canonical !== leaf) return { ...base, signed: parsed.data, problem: 'the leaf is not in canonical form' };
  return { ...base, signed: parsed.data, problem: undefined, signingInput: signingInputOf(leaf, parsed.data.signature) };
}

/**
 * The canonical JSON of a signed envelope is `{"envelope":E,"signature":S}` where E is the
 * canonical JSON of the envelope (R4): what its author signed is the prefix and E, read
 * from the leaf instead of serialised again.
 */
function signingInputOf(canonicalLeaf: string, signature: string): Uint8Array | undefined {
  const end = `,"signature":${JSON.stringify(signature)}}`;
  if (!canonicalLeaf.startsWith(ENVELOPE_START) || !canonicalLeaf.endsWith(end)) return undefined;
  return utf8Encode(ENVELOPE_SIGNING_PREFIX + canonicalLeaf.slice(ENVELOPE_START.length, canonicalLeaf.length - end.length));
}

export interface SignatureContext {
  cellId: string;
  compartment: { id: string; parties: readonly string[] };
  directory: DirectoryView;
  logPublicKey: Uint8Array;
  verifier: SignatureVerifier;
}

const failed = (code: Extract<CheckResult, { status: 'failed' }>['code'], detail: string): CheckResult => ({ status: 'failed', code, detail });

/**
 * The author's side of an item (R24–R30): filed where it says, by a device of its author
 * whose party is in the compartment, valid at the authoring time according to its signed
 * history, and signed by that device's key. Entries of the cell itself use the log key.
 */
export async function verifyItemSignature(signed: SignedEnvelope, context: SignatureContext, signingInput?: Uint8Array): Promise<CheckResult> {
  const { envelope } = signed;
  if (envelope.cell !== context.cellId || envelope.compartment !== context.compartment.id) {
    return failed('location_mismatch', `the envelope names ${envelope.cell}/${envelope.compartment} but is in ${context.cellId}/${context.compartment.id}`);
  }
  if (envelope.device === LOG_DEVICE) {
    return (await signatureVerifies(signed, context.logPublicKey, context.verifier, signingInput))
      ? { status: 'verified' }
      : failed('signature_invalid', 'the signature does not verify under the log key');
  }
  const device = context.directory.devices.get(envelope.device);
  if (!device) return failed('device_unknown', `device ${envelope.device} is not in the directory`);
  if (device.member !== envelope.author) return failed('device_member_mismatch', `device ${envelope.device} belongs to ${device.member}, not ${envelope.author}`);
  if (!context.compartment.parties.includes(device.party)) {
    return failed('author_not_in_compartment', `party ${device.party} is not in ${context.compartment.id}`);
  }
  if (!isDeviceValidAt(device.validity, envelope.authoredAt)) {
    return failed('device_not_valid', `device ${envelope.device} was not approved, or was revoked, at ${envelope.authoredAt}`);
  }
  return (await signatureVerifies(signed, device.publicKey, context.verifier, signingInput))
    ? { status: 'verified' }
    : failed('signature_invalid', `the signature does not verify under the key of device ${envelope.device}`);
}

/** The envelope's signature under `publicKey`, over the bytes given when they were read from its canonical leaf. */
async function signatureVerifies(signed: SignedEnvelope, publicKey: Uint8Array, verifier: SignatureVerifier, signingInput: Uint8Array | undefined): Promise<boolean> {
  if (!signingInput) return verifyEnvelopeSignature(signed, publicKey, verifier);
  let signature: Uint8Array;
  try {
    signature = base64UrlDecode(signed.signature);
  } catch {
    return false;
  }
  return verifySignature(verifier, publicKey, signingInput, signature);
}

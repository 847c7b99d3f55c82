// The signed item envelope and the identity of a log entry (SPEC.md R2–R5).

import type { z } from 'zod';
import { base64UrlDecode, base64UrlEncode } from './base64.ts';
import { utf8Encode } from './bytes.ts';
import { canonicalJson } from './canonical-json.ts';
import { Envelope, SignedEnvelope } from './envelope-schema.ts';
import { leafHash } from './merkle/hash.ts';
import { verifySignature, type SignatureVerifier, type Signer } from './signature.ts';

/** Domain separation: no envelope signature can be replayed as any other signed statement. */
export const ENVELOPE_SIGNING_PREFIX = 'fusion-cell/envelope@1\n';

/** Thrown when a value is not a valid envelope or signed envelope. */
export class EnvelopeError extends Error {
  override name = 'EnvelopeError';
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new EnvelopeError(result.error.message);
  return result.data;
}

/**
 * RFC 8785 canonical JSON of an envelope that has passed the schema. Built by hand: the
 * member order is fixed and every member but the payload is a string or a list of strings,
 * whose JCS form is JSON.stringify's, so only the payload needs the general canonicaliser.
 */
export function canonicalEnvelopeJson(envelope: Envelope, payloadJson = canonicalJson(envelope.payload)): string {
  const s = JSON.stringify;
  return (
    `{"author":${s(envelope.author)},"authoredAt":${s(envelope.authoredAt)},"cell":${s(envelope.cell)},` +
    `"compartment":${s(envelope.compartment)},"device":${s(envelope.device)},"payload":${payloadJson},` +
    `"references":${s(envelope.references)},"track":${s(envelope.track)},"type":${s(envelope.type)}}`
  );
}

/** Canonical JSON of a signed envelope given its envelope's canonical JSON (keys: envelope < signature). */
export function canonicalSignedEnvelopeJson(envelopeJson: string, signature: string): string {
  return `{"envelope":${envelopeJson},"signature":${JSON.stringify(signature)}}`;
}

/** The bytes an author signs: UTF-8 of `"fusion-cell/envelope@1\n" + canonicalJson(envelope)`. */
export function signingInput(envelope: Envelope): Uint8Array {
  const checked = parse(Envelope, envelope);
  return utf8Encode(ENVELOPE_SIGNING_PREFIX + canonicalEnvelopeJson(checked));
}

/** Validates and signs an envelope with its author's device key (or the log key for `@cell`). */
export async function signEnvelope(envelope: Envelope, signer: Signer): Promise<SignedEnvelope> {
  const checked = parse(Envelope, envelope);
  const signature = await signer(utf8Encode(ENVELOPE_SIGNING_PREFIX + canonicalEnvelopeJson(checked)));
  if (signature.length !== 64) throw new EnvelopeError('signer returned a signature that is not 64 bytes');
  return { envelope: checked, signature: base64UrlEncode(signature) };
}

/** Whether `signed` is well-formed and its signature verifies under the 32-byte `publicKey`. */
export async function verifyEnvelopeSignature(
  signed: SignedEnvelope,
  publicKey: Uint8Array,
  verifier: SignatureVerifier,
): Promise<boolean> {
  const result = SignedEnvelope.safeParse(signed);
  if (!result.success) return false;
  const message = utf8Encode(ENVELOPE_SIGNING_PREFIX + canonicalEnvelopeJson(result.data.envelope));
  return verifySignature(verifier, publicKey, message, base64UrlDecode(result.data.signature));
}

/** Leaf data of the log entry: UTF-8 of canonicalJson(signedEnvelope). */
export function leafData(signed: SignedEnvelope): Uint8Array {
  const checked = parse(SignedEnvelope, signed);
  return utf8Encode(canonicalSignedEnvelopeJson(canonicalEnvelopeJson(checked.envelope), checked.signature));
}

/** The leaf hash SHA-256(0x00 || leafData) of a signed envelope. */
export function envelopeLeafHash(signed: SignedEnvelope): Uint8Array {
  return leafHash(leafData(signed));
}

/** The item id: base64url of the leaf hash (43 characters). References are item ids. */
export function itemId(signed: SignedEnvelope): string {
  return base64UrlEncode(envelopeLeafHash(signed));
}

/** The item id for given leaf data bytes. */
export function itemIdFromLeafData(data: Uint8Array): string {
  return base64UrlEncode(leafHash(data));
}

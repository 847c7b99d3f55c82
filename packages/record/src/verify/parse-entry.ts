// R23: the envelope of one entry, parsed and canonicalised once.

import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ByteLength, utf8Encode } from '../bytes.ts';
import { assertJsonValue, canonicalJson } from '../canonical-json.ts';
import { MAX_PAYLOAD_BYTES, PAYLOAD_DEPTH, SignedEnvelopeShape, type Envelope } from '../envelope-schema.ts';

export type ParsedEntry =
  | { ok: true; envelope: Envelope; signature: string; payloadJson: string }
  | { ok: false; problem: string };

/** [R23] Checks a signed envelope's shape and canonicalises its payload (once). */
export function parseEntryEnvelope(value: unknown): ParsedEntry {
  const parsed = SignedEnvelopeShape.safeParse(value);
  if (!parsed.success) {
    return { ok: false, problem: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') };
  }
  let payloadJson: string;
  try {
    assertJsonValue(parsed.data.envelope.payload, '$.envelope.payload', PAYLOAD_DEPTH);
    payloadJson = canonicalJson(parsed.data.envelope.payload);
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
  // Most payloads are far below the limit; only long ones need their bytes counted.
  if (payloadJson.length * 3 > MAX_PAYLOAD_BYTES && utf8ByteLength(payloadJson) > MAX_PAYLOAD_BYTES) {
    return { ok: false, problem: `payload is over ${MAX_PAYLOAD_BYTES} bytes of canonical JSON` };
  }
  return { ok: true, envelope: parsed.data.envelope, signature: parsed.data.signature, payloadJson };
}

/** Leaf hash of an entry that failed the envelope checks: its canonical JSON if it has one. */
export function fallbackLeafHash(value: unknown): Uint8Array {
  let text: string;
  try {
    text = canonicalJson(value);
  } catch {
    text = '';
  }
  return sha256.create().update(new Uint8Array([0])).update(utf8Encode(text)).digest();
}

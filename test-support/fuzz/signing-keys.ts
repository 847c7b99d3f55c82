// Deterministic Ed25519 keys for generated records: the same label always gives the same key,
// so a failing input replays exactly. Private keys are imported once and kept.

import { base64UrlEncode, canonicalJson, ENVELOPE_SIGNING_PREFIX, utf8Encode, type NamedSigner } from '@fusion-cell/record';
import { keyPairFromSeed, privateKeyObject, signSync } from '@fusion-cell/record/node';
import { createHash, type KeyObject } from 'node:crypto';

export interface FuzzKey {
  publicKey: Uint8Array;
  privateKey: KeyObject;
  /** Signs synchronously: generated inputs are signed while they are generated. */
  signNow(message: Uint8Array): Uint8Array;
}

const keys = new Map<string, FuzzKey>();

export function fuzzKey(label: string): FuzzKey {
  let key = keys.get(label);
  if (!key) {
    const pair = keyPairFromSeed(new Uint8Array(createHash('sha256').update(`fuzz key ${label}`).digest()));
    const privateKey = privateKeyObject(pair.seed);
    key = { publicKey: pair.publicKey, privateKey, signNow: (message) => signSync(privateKey, message) };
    keys.set(label, key);
  }
  return key;
}

/** The key as the record's signers take it, under a note name. */
export function namedSigner(name: string, key: FuzzKey): NamedSigner {
  return { name, publicKey: key.publicKey, sign: (message) => Promise.resolve(key.signNow(message)) };
}

/**
 * A signature over any value as an envelope would be signed (prefix and canonical JSON), or
 * undefined when the value has no canonical JSON. Lets a mutated envelope be re-signed, so
 * the checks behind the signature see it too.
 */
export function signAsEnvelope(value: unknown, key: FuzzKey): string | undefined {
  let text: string;
  try {
    text = canonicalJson(value);
  } catch {
    return undefined;
  }
  return base64UrlEncode(key.signNow(utf8Encode(ENVELOPE_SIGNING_PREFIX + text)));
}

/** A copy of the bytes with one bit flipped (the bit index wraps around). */
export function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = bytes.slice();
  const position = bit % (copy.length * 8);
  copy[position >> 3]! ^= 1 << (position & 7);
  return copy;
}

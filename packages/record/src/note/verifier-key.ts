// Signed-note key names, key IDs and verifier keys (c2sp.org/signed-note), compatible with
// golang.org/x/mod/sumdb/note: `<name>+<8 hex key ID>+<base64(type || public key)>`.

import { base64Decode, base64Encode } from '../base64.ts';
import { concatBytes, LONE_SURROGATE, utf8Encode } from '../bytes.ts';
import { sha256Hash } from '../merkle/hash.ts';

/** Signature type 0x01: Ed25519 over the note text (c2sp.org/signed-note). */
export const SIGNATURE_TYPE_ED25519 = 0x01;
/** Signature type 0x04: timestamped Ed25519 cosignature v1 (c2sp.org/tlog-cosignature). */
export const SIGNATURE_TYPE_COSIGNATURE_V1 = 0x04;

export type SignatureType = typeof SIGNATURE_TYPE_ED25519 | typeof SIGNATURE_TYPE_COSIGNATURE_V1;

/** Thrown for malformed notes, keys and signature lines. */
export class NoteError extends Error {
  override name = 'NoteError';
}

/** A parsed verifier key. */
export interface VerifierKey {
  name: string;
  keyId: number;
  type: SignatureType;
  publicKey: Uint8Array;
}

/** Key names are non-empty and contain no Unicode white space and no "+" (as Go's isValidName). */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\p{White_Space}+]/u.test(name) && !LONE_SURROGATE.test(name);
}

/** Key ID = first 4 bytes, big-endian, of SHA-256(name || "\n" || type || public key). */
export function keyId(name: string, type: number, publicKey: Uint8Array): number {
  const hash = sha256Hash(concatBytes(utf8Encode(`${name}\n`), new Uint8Array([type]), publicKey));
  return ((hash[0]! << 24) | (hash[1]! << 16) | (hash[2]! << 8) | hash[3]!) >>> 0;
}

/** The key ID as 8 lower-case hex digits. */
export function keyIdHex(id: number): string {
  return id.toString(16).padStart(8, '0');
}

/** Formats a verifier key string for a 32-byte Ed25519 public key. */
export function formatVerifierKey(name: string, publicKey: Uint8Array, type: SignatureType = SIGNATURE_TYPE_ED25519): string {
  if (!isValidKeyName(name)) throw new NoteError(`invalid key name ${JSON.stringify(name)}`);
  if (publicKey.length !== 32) throw new NoteError('Ed25519 public key must be 32 bytes');
  const encoded = concatBytes(new Uint8Array([type]), publicKey);
  return `${name}+${keyIdHex(keyId(name, type, publicKey))}+${base64Encode(encoded)}`;
}

/** Parses a verifier key string (types 0x01 and 0x04), checking its key ID. */
export function parseVerifierKey(text: string): VerifierKey {
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) throw new NoteError('malformed verifier key');
  const name = text.slice(0, first);
  const hex = text.slice(first + 1, second);
  let key: Uint8Array;
  try {
    key = base64Decode(text.slice(second + 1));
  } catch {
    throw new NoteError('malformed verifier key');
  }
  if (!isValidKeyName(name) || !/^[0-9a-fA-F]{8}$/.test(hex) || key.length === 0) {
    throw new NoteError('malformed verifier key');
  }
  const type = key[0]!;
  if (type !== SIGNATURE_TYPE_ED25519 && type !== SIGNATURE_TYPE_COSIGNATURE_V1) {
    throw new NoteError('unknown verifier algorithm');
  }
  const publicKey = key.slice(1);
  if (publicKey.length !== 32) throw new NoteError('malformed verifier key');
  const id = parseInt(hex, 16);
  if (id !== keyId(name, type, publicKey)) throw new NoteError('invalid verifier key hash');
  return { name, keyId: id, type, publicKey };
}

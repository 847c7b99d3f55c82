// Ed25519 over node:crypto for the server and the CLI: synchronous verification (no promise
// per signature when checking a whole log) and key handling for key files.

import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign as nodeSign,
  verify as nodeVerify,
  type KeyObject,
} from 'node:crypto';
import { concatBytes, hexDecode } from '../bytes.ts';
import { ED25519_PUBLIC_KEY_LENGTH, ED25519_SIGNATURE_LENGTH, type SignatureVerifier, type Signer } from '../signature.ts';

// DER prefixes of SubjectPublicKeyInfo and PKCS#8 for id-Ed25519 (RFC 8410); the raw
// 32-byte key follows each.
const SPKI_PREFIX = hexDecode('302a300506032b6570032100');
const PKCS8_PREFIX = hexDecode('302e020100300506032b657004220420');
const SEED_LENGTH = 32;
const MAX_CACHED_KEYS = 10_000;

/** A public KeyObject from a 32-byte raw Ed25519 public key. */
export function publicKeyObject(publicKey: Uint8Array): KeyObject {
  if (publicKey.length !== ED25519_PUBLIC_KEY_LENGTH) throw new RangeError('Ed25519 public key must be 32 bytes');
  return createPublicKey({ key: Buffer.from(concatBytes(SPKI_PREFIX, publicKey)), format: 'der', type: 'spki' });
}

/**
 * A synchronous {@link SignatureVerifier} over node:crypto. KeyObjects are cached by the
 * identity of the key array first (free) and by its bytes second (one short string).
 */
export function nodeVerifier(): SignatureVerifier & { verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean } {
  const byArray = new WeakMap<Uint8Array, KeyObject | null>();
  const byBytes = new Map<string, KeyObject | null>();
  const keyFor = (publicKey: Uint8Array): KeyObject | null => {
    let key = byArray.get(publicKey);
    if (key !== undefined) return key;
    const bytes = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength).toString('latin1');
    key = byBytes.get(bytes);
    if (key === undefined) {
      try {
        key = publicKeyObject(publicKey);
      } catch {
        key = null; // not a valid point: every signature under it fails
      }
      if (byBytes.size >= MAX_CACHED_KEYS) byBytes.clear();
      byBytes.set(bytes, key);
    }
    byArray.set(publicKey, key);
    return key;
  };
  return {
    verify(publicKey, message, signature) {
      if (publicKey.length !== ED25519_PUBLIC_KEY_LENGTH || signature.length !== ED25519_SIGNATURE_LENGTH) return false;
      const key = keyFor(publicKey);
      if (!key) return false;
      try {
        return nodeVerify(null, message, key, signature);
      } catch {
        return false;
      }
    },
  };
}

/**
 * A private KeyObject from a 32-byte seed, PKCS#8 DER bytes, a PKCS#8 PEM string, or a
 * KeyObject (returned as is).
 */
export function privateKeyObject(privateKey: Uint8Array | string | KeyObject): KeyObject {
  if (typeof privateKey === 'string') return checkEd25519(createPrivateKey({ key: privateKey, format: 'pem' }));
  if (!(privateKey instanceof Uint8Array)) return checkEd25519(privateKey);
  const der = privateKey.length === SEED_LENGTH ? concatBytes(PKCS8_PREFIX, privateKey) : privateKey;
  return checkEd25519(createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' }));
}

function checkEd25519(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519' || key.type !== 'private') throw new TypeError('not an Ed25519 private key');
  return key;
}

/** Signs synchronously with an Ed25519 private key (see {@link privateKeyObject} for formats). */
export function signSync(privateKey: Uint8Array | string | KeyObject, message: Uint8Array): Uint8Array {
  return new Uint8Array(nodeSign(null, message, privateKeyObject(privateKey)));
}

/** A {@link Signer} over node:crypto for a private key (seed, PKCS#8 DER or PEM, or KeyObject). */
export function nodeSigner(privateKey: Uint8Array | string | KeyObject): Signer {
  const key = privateKeyObject(privateKey);
  return (message) => Promise.resolve(new Uint8Array(nodeSign(null, message, key)));
}

/** The raw 32-byte public key of an Ed25519 private key. */
export function publicKeyFromPrivateKey(privateKey: Uint8Array | string | KeyObject): Uint8Array {
  const spki = createPublicKey(privateKeyObject(privateKey)).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(spki.length - ED25519_PUBLIC_KEY_LENGTH));
}

/** An Ed25519 key pair: raw public key, PKCS#8 DER private key, and its 32-byte seed. */
export interface Ed25519KeyPair {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
  seed: Uint8Array;
}

/** A key pair from a 32-byte seed (RFC 8032 private key). */
export function keyPairFromSeed(seed: Uint8Array): Ed25519KeyPair {
  if (seed.length !== SEED_LENGTH) throw new RangeError('Ed25519 seed must be 32 bytes');
  const privateKey = concatBytes(PKCS8_PREFIX, seed);
  return { publicKey: publicKeyFromPrivateKey(privateKey), privateKey, seed: seed.slice() };
}

/** Generates a fresh Ed25519 key pair with node:crypto's CSPRNG. */
export function generateKeyPair(): Ed25519KeyPair {
  const { privateKey } = generateKeyPairSync('ed25519');
  const der = new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' }));
  return keyPairFromSeed(der.subarray(der.length - SEED_LENGTH));
}

/** PEM (PKCS#8) text of a private key, for key files. */
export function privateKeyToPem(privateKey: Uint8Array | string | KeyObject): string {
  return privateKeyObject(privateKey).export({ format: 'pem', type: 'pkcs8' }).toString();
}

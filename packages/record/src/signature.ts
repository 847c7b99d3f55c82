// Ed25519 through an injectable suite: the same record code verifies in a browser (WebCrypto),
// in Node (node:crypto, synchronous and faster, see `@fusion-cell/record/node`) and in tests.

/** Verifies Ed25519 signatures. `publicKey` is the 32-byte raw key. */
export interface SignatureVerifier {
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> | boolean;
}

/** Signs a message with one private key, returning the 64-byte Ed25519 signature. */
export type Signer = (message: Uint8Array) => Promise<Uint8Array>;

/** A signer together with the name and public key that identify it in signed notes. */
export interface NamedSigner {
  name: string;
  publicKey: Uint8Array;
  sign: Signer;
}

export const ED25519_PUBLIC_KEY_LENGTH = 32;
export const ED25519_SIGNATURE_LENGTH = 64;

// A cell has a few thousand device keys at most; the bound only stops unbounded growth.
const MAX_CACHED_KEYS = 10_000;

type Subtle = typeof globalThis.crypto.subtle;
type WebCryptoKey = Awaited<ReturnType<Subtle['importKey']>>;

// BufferSource in the WebCrypto typings wants an ArrayBuffer-backed view.
function view(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}

/**
 * The default verifier: WebCrypto Ed25519 (Node ≥ 20, Chromium, Firefox, Safari 17+).
 * Imported keys are cached by public key because importKey costs about as much as a verify.
 */
export function webCryptoVerifier(subtle: Subtle = globalThis.crypto.subtle): SignatureVerifier {
  const keys = new Map<string, Promise<WebCryptoKey>>();
  return {
    async verify(publicKey, message, signature) {
      if (publicKey.length !== ED25519_PUBLIC_KEY_LENGTH || signature.length !== ED25519_SIGNATURE_LENGTH) {
        return false;
      }
      const cacheKey = String.fromCharCode(...publicKey);
      let key = keys.get(cacheKey);
      if (!key) {
        if (keys.size >= MAX_CACHED_KEYS) keys.clear();
        key = subtle.importKey('raw', view(publicKey), { name: 'Ed25519' }, false, ['verify']);
        keys.set(cacheKey, key);
      }
      try {
        return await subtle.verify({ name: 'Ed25519' }, await key, view(signature), view(message));
      } catch {
        // An invalid point makes importKey (or verify) throw: that is a failed verification.
        keys.delete(cacheKey);
        return false;
      }
    },
  };
}

/** A {@link Signer} over a WebCrypto Ed25519 private key (which may be non-extractable). */
export function webCryptoSigner(
  privateKey: WebCryptoKey,
  subtle: Subtle = globalThis.crypto.subtle,
): Signer {
  return async (message) => new Uint8Array(await subtle.sign({ name: 'Ed25519' }, privateKey, view(message)));
}

/** Verifies with any verifier, sync or async. */
export async function verifySignature(
  verifier: SignatureVerifier,
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  if (publicKey.length !== ED25519_PUBLIC_KEY_LENGTH || signature.length !== ED25519_SIGNATURE_LENGTH) return false;
  return await verifier.verify(publicKey, message, signature);
}

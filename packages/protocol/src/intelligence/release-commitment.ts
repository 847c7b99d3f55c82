import { z } from 'zod';

/**
 * A release's tie to its original (record SPEC R44): a commitment that readers of the broader
 * compartment cannot open, and readers of the original can check.
 *
 *   commitment = SHA-256( UTF-8("fusion-cell/release/v1\n") || nonce || leafHash(original) )
 *
 * with `nonce` 32 random bytes chosen by the releasing client and `leafHash(original)` the 32
 * bytes the original's item id encodes (R5). Both are written base64url without padding.
 * WebCrypto computes it, so the browser, the server and anyone holding a bundle agree.
 */
export const RELEASE_COMMITMENT_DOMAIN = 'fusion-cell/release/v1\n';

/** Bytes of the nonce and of the commitment. */
export const RELEASE_NONCE_BYTES = 32;

/**
 * 32 bytes in canonical base64url: 43 characters whose last one carries four bits and two zero
 * bits, so each value has one spelling only.
 */
const BASE64URL_32 = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

export const ReleaseNonce = z.string().regex(BASE64URL_32, 'must be 32 random bytes in base64url (43 characters)');
export const ReleaseCommitment = z.string().regex(BASE64URL_32, 'must be a release commitment: a SHA-256 in base64url (43 characters)');

function base64UrlBytes(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

function bytesBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A fresh nonce from the platform's cryptographic random source. */
export function newReleaseNonce(): string {
  return bytesBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(RELEASE_NONCE_BYTES)));
}

/** The commitment to the original `originalId` under `nonce`, both base64url. */
export async function releaseCommitment(nonce: string, originalId: string): Promise<string> {
  const domain = new TextEncoder().encode(RELEASE_COMMITMENT_DOMAIN);
  const nonceBytes = base64UrlBytes(nonce);
  const leafHash = base64UrlBytes(originalId);
  if (nonceBytes.length !== RELEASE_NONCE_BYTES || leafHash.length !== 32) throw new Error('a release commitment takes a 32-byte nonce and an item id');
  const input = new Uint8Array(domain.length + nonceBytes.length + leafHash.length);
  input.set(domain, 0);
  input.set(nonceBytes, domain.length);
  input.set(leafHash, domain.length + nonceBytes.length);
  return bytesBase64Url(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', input)));
}

/** Whether `commitment` opens to the original `originalId` with `nonce`. */
export async function releaseOpens(commitment: string, nonce: string, originalId: string): Promise<boolean> {
  if (!ReleaseNonce.safeParse(nonce).success || !/^[A-Za-z0-9_-]{43}$/.test(originalId)) return false;
  return (await releaseCommitment(nonce, originalId)) === commitment;
}

/**
 * Whether an audience is broader than another: it holds every party of the narrower one and at
 * least one more. A release goes only from a narrower compartment into a broader one.
 */
export function isBroaderAudience(target: readonly string[], original: readonly string[]): boolean {
  const parties = new Set(target);
  return original.every((party) => parties.has(party)) && parties.size > new Set(original).size;
}

// Small zod building blocks shared by the envelope, attestation and bundle schemas.
// Encoded binary values are checked for canonical form in the regex itself: the last
// character of a base64url string may only carry bits that belong to the data.

import { z } from 'zod';

/** Identifiers of cells, compartments, parties, members and devices: URL- and note-safe. */
export const IDENTIFIER_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const Identifier = z.string().regex(IDENTIFIER_PATTERN, 'must be 1-64 characters: A-Z, a-z, 0-9, "_" or "-"');

/** base64url (no padding) of 32 bytes: a SHA-256 hash (item id) or an Ed25519 public key. */
export const BASE64URL_32_PATTERN = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;
/** base64url (no padding) of a 64-byte Ed25519 signature. */
export const BASE64URL_64_PATTERN = /^[A-Za-z0-9_-]{85}[AQgw]$/;

export const ItemId = z.string().regex(BASE64URL_32_PATTERN, 'must be an item id (base64url SHA-256, 43 characters)');
export const PublicKeyText = z
  .string()
  .regex(BASE64URL_32_PATTERN, 'must be a base64url Ed25519 public key (43 characters)');
export const SignatureText = z
  .string()
  .regex(BASE64URL_64_PATTERN, 'must be a base64url Ed25519 signature (86 characters)');

const UTC_MILLIS_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Whether text is an RFC 3339 UTC time with milliseconds that names a real instant. */
export function isUtcMillis(text: string): boolean {
  if (!UTC_MILLIS_PATTERN.test(text)) return false;
  const time = Date.parse(text);
  // Round-tripping rejects 2026-02-30 and 24:00, which Date.parse would quietly roll over.
  return Number.isFinite(time) && new Date(time).toISOString() === text;
}

/**
 * RFC 3339 UTC time with exactly three fraction digits, e.g. 2026-01-06T10:00:00.000Z.
 * One spelling per instant, so times compare correctly as strings.
 */
export const UtcMillis = z.string().refine(isUtcMillis, 'must be a UTC time like 2026-01-06T10:00:00.000Z');

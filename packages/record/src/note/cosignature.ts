// Timestamped Ed25519 cosignatures, c2sp.org/tlog-cosignature v1 (signature type 0x04).
// The signed message is "cosignature/v1\ntime <seconds>\n" followed by the checkpoint text;
// the signature is an 8-byte big-endian timestamp followed by the 64-byte Ed25519 signature.

import { utf8Encode } from '../bytes.ts';
import { verifySignature, type NamedSigner, type SignatureVerifier } from '../signature.ts';
import { formatSignatureLine, parseSignatureLine, type NoteSignature } from './signed-note.ts';
import { keyId, NoteError, SIGNATURE_TYPE_COSIGNATURE_V1 } from './verifier-key.ts';

const TIMESTAMP_LENGTH = 8;
/**
 * The last whole second a JavaScript Date can hold (8.64e15 ms, ECMAScript's time value
 * range), less the millisecond a device is judged at within its second (R36): a later
 * timestamp is no time at all, and would make every date computed from it throw.
 */
const MAX_TIMESTAMP_SECONDS = 8_639_999_999_999n;

/** The name under which a party's device cosigns: `fusion-cell/<cellId>/<partyId>/<deviceId>`. */
export function cosignerName(cellId: string, partyId: string, deviceId: string): string {
  return `fusion-cell/${cellId}/${partyId}/${deviceId}`;
}

/** Key ID of an Ed25519 cosigner key: SHA-256(name || "\n" || 0x04 || public key)[:4]. */
export function cosignatureKeyId(name: string, publicKey: Uint8Array): number {
  return keyId(name, SIGNATURE_TYPE_COSIGNATURE_V1, publicKey);
}

function checkTime(time: number): void {
  if (!Number.isSafeInteger(time) || time < 0) throw new NoteError('cosignature time must be whole POSIX seconds');
}

/** The message a cosigner signs for a checkpoint text at a POSIX time in seconds. */
export function cosignatureMessage(checkpointText: string, time: number): Uint8Array {
  checkTime(time);
  if (checkpointText.split('\n').length < 4 || !checkpointText.endsWith('\n')) {
    throw new NoteError('cosigned text must be a checkpoint');
  }
  return utf8Encode(`cosignature/v1\ntime ${time}\n${checkpointText}`);
}

/** Cosigns a checkpoint text at `time` (POSIX seconds); returns the signature line. */
export async function cosignCheckpoint(checkpointText: string, cosigner: NamedSigner, time: number): Promise<string> {
  const signature = await cosigner.sign(cosignatureMessage(checkpointText, time));
  const bytes = new Uint8Array(TIMESTAMP_LENGTH + signature.length);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(time));
  bytes.set(signature, TIMESTAMP_LENGTH);
  return formatSignatureLine(cosigner.name, cosignatureKeyId(cosigner.name, cosigner.publicKey), bytes);
}

/** The timestamp (POSIX seconds) carried by a cosignature, or undefined if it is malformed. */
export function cosignatureTime(signature: NoteSignature | Uint8Array): number | undefined {
  const bytes = signature instanceof Uint8Array ? signature : signature.signature;
  if (bytes.length !== TIMESTAMP_LENGTH + 64) return undefined;
  const time = new DataView(bytes.buffer, bytes.byteOffset, TIMESTAMP_LENGTH).getBigUint64(0);
  return time <= MAX_TIMESTAMP_SECONDS ? Number(time) : undefined;
}

/**
 * Verifies a cosignature (signature bytes after the key ID) over a checkpoint text with a
 * 32-byte Ed25519 public key; returns its time in POSIX seconds, or undefined if invalid.
 */
export async function verifyCosignatureBytes(
  checkpointText: string,
  signature: Uint8Array,
  publicKey: Uint8Array,
  verifier: SignatureVerifier,
): Promise<number | undefined> {
  const time = cosignatureTime(signature);
  if (time === undefined) return undefined;
  let message: Uint8Array;
  try {
    message = cosignatureMessage(checkpointText, time);
  } catch {
    return undefined;
  }
  const ok = await verifySignature(verifier, publicKey, message, signature.subarray(TIMESTAMP_LENGTH));
  return ok ? time : undefined;
}

/**
 * Verifies a cosignature line by the named cosigner over a checkpoint text. Returns the
 * cosignature time in POSIX seconds, or undefined when the line is by another key or invalid.
 */
export async function verifyCosignatureLine(
  checkpointText: string,
  line: string,
  cosigner: { name: string; publicKey: Uint8Array },
  verifier: SignatureVerifier,
): Promise<number | undefined> {
  let parsed: NoteSignature;
  try {
    parsed = parseSignatureLine(line);
  } catch {
    return undefined;
  }
  if (parsed.name !== cosigner.name || parsed.keyId !== cosignatureKeyId(cosigner.name, cosigner.publicKey)) {
    return undefined;
  }
  return verifyCosignatureBytes(checkpointText, parsed.signature, cosigner.publicKey, verifier);
}

// Checkpoints (c2sp.org/tlog-checkpoint) as the cell signs them (SPEC.md R8–R10): the body
// `<origin>\n<size>\n<base64 root>\n` with no extension lines, a plain Ed25519 signature by
// the log key, and a timestamped cosignature by the same key that carries the signing time.

import { base64Decode, base64Encode } from '../base64.ts';
import { HASH_LENGTH } from '../merkle/hash.ts';
import type { NamedSigner, SignatureVerifier } from '../signature.ts';
import { cosignatureKeyId, cosignCheckpoint, verifyCosignatureBytes } from './cosignature.ts';
import { ed25519NoteVerifier, formatSignedNote, parseSignedNote, signNoteText, type ParsedNote } from './signed-note.ts';
import { keyId, NoteError, parseVerifierKey, SIGNATURE_TYPE_ED25519, type VerifierKey } from './verifier-key.ts';

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
}

/** The log key's name for a cell: `fusion-cell/<cellId>`. */
export function logKeyName(cellId: string): string {
  return `fusion-cell/${cellId}`;
}

/** The origin of a compartment's log: `fusion-cell/<cellId>/<compartmentId>`. */
export function compartmentOrigin(cellId: string, compartmentId: string): string {
  return `fusion-cell/${cellId}/${compartmentId}`;
}

/** The checkpoint text (note body). */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash } = checkpoint;
  if (origin === '' || /[\n\p{White_Space}+]/u.test(origin)) throw new NoteError('invalid origin');
  if (!Number.isSafeInteger(size) || size < 0) throw new NoteError('invalid tree size');
  if (rootHash.length !== HASH_LENGTH) throw new NoteError('root hash must be 32 bytes');
  return `${origin}\n${size}\n${base64Encode(rootHash)}\n`;
}

/**
 * Parses a checkpoint text. Extension lines are refused: this profile never writes them, and
 * accepting them would let two different texts describe the same tree head.
 */
export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.length !== 4 || lines[3] !== '') throw new NoteError('malformed checkpoint: expected exactly three lines');
  const [origin, sizeText, rootText] = lines as [string, string, string];
  if (origin === '') throw new NoteError('malformed checkpoint: empty origin');
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    throw new NoteError('malformed checkpoint: tree size');
  }
  let rootHash: Uint8Array;
  try {
    rootHash = base64Decode(rootText);
  } catch {
    throw new NoteError('malformed checkpoint: root hash is not base64');
  }
  if (rootHash.length !== HASH_LENGTH) throw new NoteError('malformed checkpoint: root hash is not 32 bytes');
  return { origin, size: Number(sizeText), rootHash };
}

/**
 * Signs a checkpoint with the log key: an Ed25519 note signature, plus a timestamped
 * cosignature by the same key recording `time` (POSIX seconds) — the signing time.
 */
export async function signCheckpoint(checkpoint: Checkpoint, logKey: NamedSigner, time: number): Promise<string> {
  const text = formatCheckpoint(checkpoint);
  const signatureLine = await signNoteText(text, logKey);
  const timeLine = await cosignCheckpoint(text, logKey, time);
  return formatSignedNote(text, [signatureLine, timeLine]);
}

export interface OpenedCheckpoint extends Checkpoint {
  /** Signing time from the log's timestamped signature, POSIX seconds. */
  time: number;
  /** The checkpoint text (note body), as signed. */
  text: string;
  note: ParsedNote;
}

/**
 * Verifies a signed checkpoint against the log's verifier key: the Ed25519 signature and the
 * timestamped signature of the log key must both be present and valid. Other lines (device
 * cosignatures, unknown keys) are ignored here.
 */
export async function openCheckpoint(
  signedNote: string,
  logKey: VerifierKey | string,
  verifier: SignatureVerifier,
  expected: { origin?: string } = {},
): Promise<OpenedCheckpoint> {
  const opened = await openAnyCheckpoint(signedNote, logKey, verifier, expected);
  if (opened.time === undefined) throw new NoteError('checkpoint has no timestamped signature by the log key');
  return { ...opened, time: opened.time };
}

/** A checkpoint of any log following the C2SP formats, whose time is known only if signed. */
export type ForeignCheckpoint = Omit<OpenedCheckpoint, 'time'> & { time: number | undefined };

/**
 * Like {@link openCheckpoint}, but a timestamped signature by the log key is optional: for
 * proofs from other logs that follow the same C2SP formats and sign with plain Ed25519 only.
 */
export async function openAnyCheckpoint(
  signedNote: string,
  logKey: VerifierKey | string,
  verifier: SignatureVerifier,
  expected: { origin?: string } = {},
): Promise<ForeignCheckpoint> {
  const key = typeof logKey === 'string' ? parseVerifierKey(logKey) : logKey;
  if (key.type !== SIGNATURE_TYPE_ED25519) throw new NoteError('log key must be an Ed25519 (type 0x01) key');
  const note = parseSignedNote(signedNote);
  const checkpoint = parseCheckpoint(note.text);
  if (expected.origin !== undefined && checkpoint.origin !== expected.origin) {
    throw new NoteError(`checkpoint origin ${checkpoint.origin} is not ${expected.origin}`);
  }
  const plainId = keyId(key.name, SIGNATURE_TYPE_ED25519, key.publicKey);
  const timeId = cosignatureKeyId(key.name, key.publicKey);
  const plain = ed25519NoteVerifier(key, verifier);
  let signed = false;
  let time: number | undefined;
  for (const signature of note.signatures) {
    if (signature.name !== key.name) continue;
    if (signature.keyId === plainId) {
      if (!(await plain.verify(note.text, signature.signature))) throw new NoteError('invalid log signature');
      signed = true;
    } else if (signature.keyId === timeId) {
      const signedAt = await verifyCosignatureBytes(note.text, signature.signature, key.publicKey, verifier);
      if (signedAt === undefined || (time !== undefined && time !== signedAt)) {
        throw new NoteError('invalid log timestamp signature');
      }
      time = signedAt;
    }
  }
  if (!signed) throw new NoteError('checkpoint is not signed by the log key');
  return { ...checkpoint, time, text: note.text, note };
}

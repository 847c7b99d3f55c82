// Signed notes (c2sp.org/signed-note): text ending in a newline, a blank line, then one or
// more lines `— <key name> base64(key ID || signature)`. Parsing follows
// golang.org/x/mod/sumdb/note so notes interoperate with Go tooling.

import { base64Decode, base64Encode } from '../base64.ts';
import { concatBytes, LONE_SURROGATE, utf8Encode } from '../bytes.ts';
import { verifySignature, type NamedSigner, type SignatureVerifier } from '../signature.ts';
import { isValidKeyName, keyId, NoteError, SIGNATURE_TYPE_ED25519 } from './verifier-key.ts';

/** One signature line of a note. `signature` excludes the 4-byte key ID. */
export interface NoteSignature {
  name: string;
  keyId: number;
  signature: Uint8Array;
  /** The line as written, without its newline: `— name base64`. */
  line: string;
}

export interface ParsedNote {
  /** The signed text, including its final newline. */
  text: string;
  signatures: NoteSignature[];
}

/** Go's limit; the spec asks verifiers to accept at least 16. */
export const MAX_NOTE_SIGNATURES = 100;
const SIGNATURE_PREFIX = '— ';
/** Control characters other than newline make a note malformed. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x0a) return true;
  }
  return false;
}

/** Parses a signature line (without newline) into name, key ID and signature bytes. */
export function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(SIGNATURE_PREFIX)) throw new NoteError('malformed note');
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = space < 0 ? rest : rest.slice(0, space);
  const encoded = space < 0 ? '' : rest.slice(space + 1);
  let bytes: Uint8Array;
  try {
    bytes = base64Decode(encoded);
  } catch {
    throw new NoteError('malformed note');
  }
  if (!isValidKeyName(name) || encoded === '' || bytes.length < 5) throw new NoteError('malformed note');
  const id = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  return { name, keyId: id, signature: bytes.slice(4), line };
}

/** Formats a signature line (without newline). */
export function formatSignatureLine(name: string, id: number, signature: Uint8Array): string {
  if (!isValidKeyName(name)) throw new NoteError(`invalid key name ${JSON.stringify(name)}`);
  const idBytes = new Uint8Array([id >>> 24, (id >>> 16) & 255, (id >>> 8) & 255, id & 255]);
  return `${SIGNATURE_PREFIX}${name} ${base64Encode(concatBytes(idBytes, signature))}`;
}

/** Splits a signed note into its text and signature lines. Throws NoteError('malformed note'). */
export function parseSignedNote(note: string): ParsedNote {
  if (hasControlCharacter(note) || LONE_SURROGATE.test(note)) throw new NoteError('malformed note');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('malformed note');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block === '' || !block.endsWith('\n')) throw new NoteError('malformed note');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw new NoteError('malformed note');
  return { text, signatures: lines.map(parseSignatureLine) };
}

/** Joins a text and signature lines (without newlines) into a note. */
export function formatSignedNote(text: string, lines: readonly string[]): string {
  if (!text.endsWith('\n')) throw new NoteError('malformed note');
  if (lines.length === 0) throw new NoteError('a note needs at least one signature');
  return `${text}\n${lines.map((line) => `${line}\n`).join('')}`;
}

/** Adds signature lines to a note, skipping lines it already has. */
export function addSignatureLines(note: string, lines: readonly string[]): string {
  const parsed = parseSignedNote(note);
  const existing = parsed.signatures.map((signature) => signature.line);
  const added = lines.filter((line, i) => !existing.includes(line) && lines.indexOf(line) === i);
  for (const line of added) parseSignatureLine(line);
  return formatSignedNote(parsed.text, [...existing, ...added]);
}

/** Signs a note text with a plain Ed25519 (type 0x01) key; returns the signature line. */
export async function signNoteText(text: string, signer: NamedSigner): Promise<string> {
  if (!text.endsWith('\n')) throw new NoteError('malformed note');
  const signature = await signer.sign(utf8Encode(text));
  return formatSignatureLine(signer.name, keyId(signer.name, SIGNATURE_TYPE_ED25519, signer.publicKey), signature);
}

/** A known key for {@link openSignedNote}. */
export interface NoteVerifier {
  name: string;
  keyId: number;
  verify(text: string, signature: Uint8Array): Promise<boolean> | boolean;
}

/** A note verifier for a plain Ed25519 (type 0x01) key. */
export function ed25519NoteVerifier(key: { name: string; publicKey: Uint8Array }, verifier: SignatureVerifier): NoteVerifier {
  return {
    name: key.name,
    keyId: keyId(key.name, SIGNATURE_TYPE_ED25519, key.publicKey),
    verify: (text, signature) => verifySignature(verifier, key.publicKey, utf8Encode(text), signature),
  };
}

export interface OpenedNote extends ParsedNote {
  verified: NoteSignature[];
  unverified: NoteSignature[];
}

/**
 * Parses a note and checks the signatures of known keys, as Go's note.Open: unknown keys are
 * set aside, a known key's bad signature rejects the note, and at least one must verify.
 */
export async function openSignedNote(note: string, known: readonly NoteVerifier[]): Promise<OpenedNote> {
  const parsed = parseSignedNote(note);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const signature of parsed.signatures) {
    const matches = known.filter((key) => key.name === signature.name && key.keyId === signature.keyId);
    if (matches.length > 1) throw new NoteError(`ambiguous key ${signature.name}`);
    const key = matches[0];
    const identity = `${signature.name}+${signature.keyId}`;
    if (!key) {
      if (!seen.has(signature.line)) unverified.push(signature);
      seen.add(signature.line);
      continue;
    }
    if (seen.has(identity)) continue; // repeated signatures by one key: the first counts
    seen.add(identity);
    if (!(await key.verify(parsed.text, signature.signature))) {
      throw new NoteError(`invalid signature for key ${signature.name}`);
    }
    verified.push(signature);
  }
  if (verified.length === 0) throw new NoteError('note has no verifiable signatures');
  return { ...parsed, verified, unverified };
}

// A small log built in memory with the record's own functions, for unit tests of the client's
// checks: leaves, a log key, and checkpoints signed by it.
import {
  canonicalJson,
  compartmentOrigin,
  formatVerifierKey,
  leafHash,
  logKeyName,
  merkleTreeHash,
  openCheckpoint,
  signCheckpoint,
  utf8Encode,
  type NamedSigner,
} from '@fusion-cell/record';
import { generateKeyPair, nodeSigner, nodeVerifier } from '@fusion-cell/record/node';

export const CELL = 'test-cell';
export const ORIGIN = compartmentOrigin(CELL, 'plenary');

export function logKey(): { signer: NamedSigner; verifierKey: string } {
  const pair = generateKeyPair();
  const name = logKeyName(CELL);
  return { signer: { name, publicKey: pair.publicKey, sign: nodeSigner(pair.privateKey) }, verifierKey: formatVerifierKey(name, pair.publicKey) };
}

/** Stand-ins for signed envelopes: the checks here only hash them. */
export function entries(texts: string[]): Array<{ index: number; signedEnvelope: { text: string } }> {
  return texts.map((text, index) => ({ index, signedEnvelope: { text } }));
}

export function rootOf(list: ReadonlyArray<{ signedEnvelope: unknown }>, size = list.length): Uint8Array {
  return merkleTreeHash(list.slice(0, size).map((entry) => leafHash(utf8Encode(canonicalJson(entry.signedEnvelope)))));
}

export function leafHashes(list: ReadonlyArray<{ signedEnvelope: unknown }>): Uint8Array[] {
  return list.map((entry) => leafHash(utf8Encode(canonicalJson(entry.signedEnvelope))));
}

export function checkpointOf(signer: NamedSigner, list: ReadonlyArray<{ signedEnvelope: unknown }>, size = list.length, origin = ORIGIN): Promise<string> {
  return signCheckpoint({ origin, size, rootHash: rootOf(list, size) }, signer, 1_767_700_000 + size);
}

export function open(note: string, verifierKey: string) {
  return openCheckpoint(note, verifierKey, nodeVerifier());
}

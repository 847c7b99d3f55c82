import { sha256 } from '@noble/hashes/sha2.js';

/** Length of every hash in the log (SHA-256). */
export const HASH_LENGTH = 32;

/** MTH({}) = SHA-256() — the root of the empty tree (RFC 9162 §2.1.1). */
export const EMPTY_TREE_ROOT: Uint8Array = sha256(new Uint8Array(0));

/** SHA-256 of arbitrary bytes. */
export function sha256Hash(data: Uint8Array): Uint8Array {
  return sha256(data);
}

/** Leaf hash: SHA-256(0x00 || data) (RFC 9162 §2.1.1). */
export function leafHash(data: Uint8Array): Uint8Array {
  return sha256.create().update(LEAF_PREFIX).update(data).digest();
}

const LEAF_PREFIX = new Uint8Array([0x00]);
// One scratch buffer: node hashing runs millions of times when a log is rebuilt.
const nodeInput = new Uint8Array(1 + 2 * HASH_LENGTH);
nodeInput[0] = 0x01;

/** Interior node hash: SHA-256(0x01 || left || right) (RFC 9162 §2.1.1). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length !== HASH_LENGTH || right.length !== HASH_LENGTH) {
    throw new RangeError('node children must be 32-byte hashes');
  }
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_LENGTH);
  return sha256(nodeInput);
}

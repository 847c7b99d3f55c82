// Proof verification exactly as RFC 9162 §2.1.3.2 and §2.1.4.2 write it, with the
// edge cases the RFC leaves implicit made explicit: a tree of size 0 has root SHA-256(),
// and the consistency proof between equal sizes (or from size 0) is empty.

import { constantTimeEqual } from '../bytes.ts';
import { EMPTY_TREE_ROOT, HASH_LENGTH, nodeHash } from './hash.ts';
import { isPowerOfTwo } from './ranges.ts';

const isOdd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

function isHashList(proof: readonly Uint8Array[]): boolean {
  return proof.every((hash) => hash.length === HASH_LENGTH);
}

function validSizes(...sizes: number[]): boolean {
  return sizes.every((n) => Number.isSafeInteger(n) && n >= 0);
}

/**
 * The root implied by an inclusion proof for `leafHash` at `index` in a tree of `size`
 * leaves, or undefined when the proof has the wrong shape for that position.
 */
export function rootFromInclusionProof(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
): Uint8Array | undefined {
  if (!validSizes(index, size) || index >= size) return undefined;
  if (leafHash.length !== HASH_LENGTH || !isHashList(proof)) return undefined;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return undefined;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : undefined;
}

/** Verifies an RFC 9162 inclusion proof against a root hash. */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  const computed = rootFromInclusionProof(leafHash, index, size, proof);
  return computed !== undefined && constantTimeEqual(computed, root);
}

/**
 * Verifies an RFC 9162 consistency proof that the tree of size m with root `firstRoot` is a
 * prefix of the tree of size n with root `secondRoot`.
 */
export function verifyConsistency(
  m: number,
  n: number,
  proof: readonly Uint8Array[],
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
): boolean {
  if (!validSizes(m, n) || m > n || !isHashList(proof)) return false;
  if (firstRoot.length !== HASH_LENGTH || secondRoot.length !== HASH_LENGTH) return false;
  if (m === 0) return proof.length === 0 && constantTimeEqual(firstRoot, EMPTY_TREE_ROOT);
  if (m === n) return proof.length === 0 && constantTimeEqual(firstRoot, secondRoot);
  if (proof.length === 0) return false;

  // Step 2: when m is a power of two the old root is itself a node of the new tree.
  const path = isPowerOfTwo(m) ? [firstRoot, ...proof] : [...proof];
  let fn = m - 1;
  let sn = n - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && constantTimeEqual(fr, firstRoot) && constantTimeEqual(sr, secondRoot);
}

// Whole-list helpers for clients and tests that hold every leaf hash in memory.
// The server uses the perfect-node functions in proof-nodes.ts instead.

import { appendLeaf, EMPTY_FRONTIER, rootFromFrontier } from './frontier.ts';
import { EMPTY_TREE_ROOT, nodeHash } from './hash.ts';
import { consistencyProofFromNodes, inclusionProofFromNodes, type NodeLookup } from './proof-nodes.ts';
import { assertSize } from './ranges.ts';

/** MTH (RFC 9162 §2.1.1) of a list of leaf hashes, in linear time. */
export function merkleTreeHash(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return EMPTY_TREE_ROOT;
  let frontier = EMPTY_FRONTIER;
  for (const hash of leafHashes) frontier = appendLeaf(frontier, hash).frontier;
  return rootFromFrontier(frontier);
}

/** A lookup that computes perfect nodes of a leaf list on demand (memoised). */
export function lookupFromLeaves(leafHashes: readonly Uint8Array[]): NodeLookup {
  const memo = new Map<string, Uint8Array>();
  const lookup: NodeLookup = (level, index) => {
    if (level === 0) return leafHashes[index];
    const key = `${level}/${index}`;
    const cached = memo.get(key);
    if (cached) return cached;
    const left = lookup(level - 1, index * 2);
    const right = lookup(level - 1, index * 2 + 1);
    if (!left || !right) return undefined;
    const hash = nodeHash(left, right);
    memo.set(key, hash);
    return hash;
  };
  return lookup;
}

/** Inclusion proof for leaf `index` in the tree of the first `size` leaf hashes. */
export function inclusionProof(
  leafHashes: readonly Uint8Array[],
  index: number,
  size: number = leafHashes.length,
): Uint8Array[] {
  assertSize(size, 'size');
  if (size > leafHashes.length) throw new RangeError(`size ${size} exceeds ${leafHashes.length} leaves`);
  return inclusionProofFromNodes(index, size, lookupFromLeaves(leafHashes));
}

/** Consistency proof from the tree of the first m leaf hashes to the tree of the first n. */
export function consistencyProof(
  leafHashes: readonly Uint8Array[],
  m: number,
  n: number = leafHashes.length,
): Uint8Array[] {
  assertSize(n, 'n');
  if (n > leafHashes.length) throw new RangeError(`size ${n} exceeds ${leafHashes.length} leaves`);
  return consistencyProofFromNodes(m, n, lookupFromLeaves(leafHashes));
}

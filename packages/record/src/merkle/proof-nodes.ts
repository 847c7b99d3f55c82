// Proofs from stored perfect nodes. The server keeps the hash of every perfect subtree,
// addressed (level, index); these functions say exactly which nodes a proof needs, so the
// server fetches them in one query, and then assemble the proof from what it fetched.

import { EMPTY_TREE_ROOT, nodeHash } from './hash.ts';
import {
  assertSize,
  consistencyRanges,
  inclusionRanges,
  perfectNodesOf,
  type LeafRange,
  type NodeId,
} from './ranges.ts';

/** Returns the stored hash of perfect node (level, index), or undefined if it is not stored. */
export type NodeLookup = (level: number, index: number) => Uint8Array | undefined;

/** A perfect node and its hash, as returned by {@link appendLeaf} for storage. */
export interface PerfectNode extends NodeId {
  hash: Uint8Array;
}

/** Thrown when a lookup lacks a node a proof needs. */
export class MissingNodeError extends Error {
  override name = 'MissingNodeError';
  constructor(readonly node: NodeId) {
    super(`perfect node (level ${node.level}, index ${node.index}) is not stored`);
  }
}

function uniqueNodes(ranges: LeafRange[]): NodeId[] {
  const seen = new Set<string>();
  const nodes: NodeId[] = [];
  for (const range of ranges) {
    for (const node of perfectNodesOf(range)) {
      const key = `${node.level}/${node.index}`;
      if (!seen.has(key)) {
        seen.add(key);
        nodes.push(node);
      }
    }
  }
  return nodes;
}

/** Hash of a subtree: a perfect node, or a right-edge subtree folded from its perfect parts. */
export function subtreeHashFromNodes(range: LeafRange, lookup: NodeLookup): Uint8Array {
  if (range.end === range.start) return EMPTY_TREE_ROOT;
  const parts = perfectNodesOf(range).map((node) => {
    const hash = lookup(node.level, node.index);
    if (!hash) throw new MissingNodeError(node);
    return hash;
  });
  // RFC 9162 splits at the largest power of two, so the tree leans left: fold from the right.
  let hash = parts[parts.length - 1]!;
  for (let i = parts.length - 2; i >= 0; i--) hash = nodeHash(parts[i]!, hash);
  return hash;
}

/** The perfect nodes needed for the inclusion proof of leaf `index` in a tree of `size` leaves. */
export function inclusionProofNodes(index: number, size: number): NodeId[] {
  checkInclusionArguments(index, size);
  return uniqueNodes(inclusionRanges(index, size));
}

/** The inclusion proof (RFC 9162 §2.1.3.1) of leaf `index` in a tree of `size` leaves. */
export function inclusionProofFromNodes(index: number, size: number, lookup: NodeLookup): Uint8Array[] {
  checkInclusionArguments(index, size);
  return inclusionRanges(index, size).map((range) => subtreeHashFromNodes(range, lookup));
}

/** The perfect nodes needed for the consistency proof from size m to size n. */
export function consistencyProofNodes(m: number, n: number): NodeId[] {
  checkConsistencyArguments(m, n);
  return uniqueNodes(consistencyRanges(m, n));
}

/** The consistency proof (RFC 9162 §2.1.4.1) from size m to size n; empty when m = 0 or m = n. */
export function consistencyProofFromNodes(m: number, n: number, lookup: NodeLookup): Uint8Array[] {
  checkConsistencyArguments(m, n);
  return consistencyRanges(m, n).map((range) => subtreeHashFromNodes(range, lookup));
}

/** The perfect nodes whose hashes give the root of a tree of `size` leaves (its frontier). */
export function rootNodes(size: number): NodeId[] {
  assertSize(size, 'size');
  return perfectNodesOf({ start: 0, end: size });
}

/** The root of a tree of `size` leaves from stored perfect nodes. */
export function rootFromNodes(size: number, lookup: NodeLookup): Uint8Array {
  assertSize(size, 'size');
  return subtreeHashFromNodes({ start: 0, end: size }, lookup);
}

function checkInclusionArguments(index: number, size: number): void {
  assertSize(index, 'index');
  assertSize(size, 'size');
  if (index >= size) throw new RangeError(`index ${index} is not in a tree of size ${size}`);
}

function checkConsistencyArguments(m: number, n: number): void {
  assertSize(m, 'm');
  assertSize(n, 'n');
  if (m > n) throw new RangeError(`cannot prove consistency from size ${m} to smaller size ${n}`);
}

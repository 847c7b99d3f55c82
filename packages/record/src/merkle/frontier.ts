// The frontier (a "compact range" from 0): the roots of the perfect subtrees that make up
// the current tree, left to right. Appending a leaf merges equal-sized roots, and every
// merge completes a perfect node that the server stores for later proofs.

import { EMPTY_TREE_ROOT, nodeHash, HASH_LENGTH } from './hash.ts';
import type { NodeLookup, PerfectNode } from './proof-nodes.ts';
import { MissingNodeError } from './proof-nodes.ts';
import { assertSize, perfectNodesOf } from './ranges.ts';

/** The state needed to append: the tree size and its perfect-subtree roots, largest first. */
export interface Frontier {
  readonly size: number;
  readonly roots: readonly Uint8Array[];
}

export const EMPTY_FRONTIER: Frontier = { size: 0, roots: [] };

/**
 * Appends a leaf hash. Returns the new frontier and the perfect nodes completed by this
 * append — the leaf itself at level 0 and each merged parent — for the server to store.
 */
export function appendLeaf(frontier: Frontier, leafHash: Uint8Array): { frontier: Frontier; nodes: PerfectNode[] } {
  if (leafHash.length !== HASH_LENGTH) throw new RangeError('leaf hash must be 32 bytes');
  const roots = frontier.roots.slice();
  const index = frontier.size;
  const nodes: PerfectNode[] = [{ level: 0, index, hash: leafHash }];
  let hash = leafHash;
  let level = 0;
  let position = index;
  // Each trailing 1 bit of the old size is a left sibling of the same size: merge with it.
  while (position % 2 === 1) {
    const left = roots.pop()!;
    hash = nodeHash(left, hash);
    level += 1;
    position = (position - 1) / 2;
    nodes.push({ level, index: position, hash });
  }
  roots.push(hash);
  return { frontier: { size: index + 1, roots }, nodes };
}

/** The root hash (MTH) of the tree a frontier describes. */
export function rootFromFrontier(frontier: Frontier): Uint8Array {
  const { roots } = frontier;
  if (roots.length === 0) return EMPTY_TREE_ROOT;
  let hash = roots[roots.length - 1]!;
  for (let i = roots.length - 2; i >= 0; i--) hash = nodeHash(roots[i]!, hash);
  return hash;
}

/** Rebuilds the frontier of a tree of `size` leaves from stored perfect nodes (after a restart). */
export function frontierFromNodes(size: number, lookup: NodeLookup): Frontier {
  assertSize(size, 'size');
  const roots = perfectNodesOf({ start: 0, end: size }).map((node) => {
    const hash = lookup(node.level, node.index);
    if (!hash) throw new MissingNodeError(node);
    return hash;
  });
  return { size, roots };
}

/**
 * A mutable frontier for hashing a whole log in one pass (verifiers, rebuilds): no
 * allocation per append beyond the node hashes themselves.
 */
export class RootAccumulator {
  private readonly roots: Uint8Array[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  append(leafHash: Uint8Array): void {
    let hash = leafHash;
    for (let position = this.count; position % 2 === 1; position = (position - 1) / 2) {
      hash = nodeHash(this.roots.pop()!, hash);
    }
    this.roots.push(hash);
    this.count += 1;
  }

  root(): Uint8Array {
    return rootFromFrontier({ size: this.count, roots: this.roots });
  }
}

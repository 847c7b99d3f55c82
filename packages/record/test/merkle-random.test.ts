import { describe, expect, it } from 'vitest';
import {
  appendLeaf,
  consistencyProofFromNodes,
  consistencyProofNodes,
  EMPTY_FRONTIER,
  frontierFromNodes,
  inclusionProofFromNodes,
  inclusionProofNodes,
  leafHash,
  nodeHash,
  rootFromFrontier,
  RootAccumulator,
  rootFromNodes,
  verifyConsistency,
  verifyInclusion,
  type Frontier,
  type NodeLookup,
} from '../src/merkle/index.ts';

// A naive recursive transcription of RFC 9162 §2.1, to check the iterative code against.
function k(n: number): number {
  let p = 1;
  while (p * 2 < n) p *= 2;
  return p;
}
// Memoised by (first leaf, length) only to keep the test fast; the recursion is the RFC's.
const mthMemo = new WeakMap<Uint8Array, Map<number, Uint8Array>>();
function mth(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 1) return leaves[0]!;
  const byLength = mthMemo.get(leaves[0]!) ?? new Map<number, Uint8Array>();
  mthMemo.set(leaves[0]!, byLength);
  const cached = byLength.get(leaves.length);
  if (cached) return cached;
  const split = k(leaves.length);
  const hash = nodeHash(mth(leaves.slice(0, split)), mth(leaves.slice(split)));
  byLength.set(leaves.length, hash);
  return hash;
}
function path(m: number, leaves: Uint8Array[]): Uint8Array[] {
  if (leaves.length === 1) return [];
  const split = k(leaves.length);
  return m < split
    ? [...path(m, leaves.slice(0, split)), mth(leaves.slice(split))]
    : [...path(m - split, leaves.slice(split)), mth(leaves.slice(0, split))];
}
function subproof(m: number, leaves: Uint8Array[], whole: boolean): Uint8Array[] {
  if (m === leaves.length) return whole ? [] : [mth(leaves)];
  const split = k(leaves.length);
  return m <= split
    ? [...subproof(m, leaves.slice(0, split), whole), mth(leaves.slice(split))]
    : [...subproof(m - split, leaves.slice(split), false), mth(leaves.slice(0, split))];
}

// Deterministic pseudo-random leaves, so a failure reproduces.
function leavesFor(count: number, seed = 1): Uint8Array[] {
  const leaves: Uint8Array[] = [];
  let state = seed;
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    leaves.push(leafHash(new Uint8Array([state & 255, (state >> 8) & 255, i & 255, (i >> 8) & 255])));
  }
  return leaves;
}

// Every position in small trees; in larger ones the edges, the middle and a stride.
function sample(size: number): number[] {
  if (size <= 40) return [...Array(size).keys()];
  const picks = new Set([0, 1, Math.floor(size / 2), size - 2, size - 1]);
  for (let i = 3; i < size; i += 47) picks.add(i);
  return [...picks];
}

function buildStore(leaves: Uint8Array[]): { lookup: NodeLookup; frontiers: Frontier[] } {
  const nodes = new Map<string, Uint8Array>();
  const frontiers: Frontier[] = [EMPTY_FRONTIER];
  let frontier = EMPTY_FRONTIER;
  for (const leaf of leaves) {
    const appended = appendLeaf(frontier, leaf);
    for (const node of appended.nodes) nodes.set(`${node.level}/${node.index}`, node.hash);
    frontier = appended.frontier;
    frontiers.push(frontier);
  }
  return { lookup: (level, index) => nodes.get(`${level}/${index}`), frontiers };
}

function flip(proof: Uint8Array[], at: number, byte: number): Uint8Array[] {
  return proof.map((hash, i) => {
    if (i !== at) return hash;
    const copy = hash.slice();
    copy[byte]! ^= 0x01;
    return copy;
  });
}

const ALL = leavesFor(300);
const WRONG_LEAF = leafHash(new Uint8Array([0xde, 0xad]));
const STORE = buildStore(ALL);
const roots = STORE.frontiers.map(rootFromFrontier);

describe('RFC 9162 Merkle tree: random trees against a naive reference', () => {
  it('[R6] computes every root from the frontier and from stored nodes, sizes 1..300', () => {
    const accumulator = new RootAccumulator();
    for (let size = 1; size <= 300; size++) {
      accumulator.append(ALL[size - 1]!);
      expect(accumulator.root()).toEqual(roots[size]);
      const expected = mth(ALL.slice(0, size));
      expect(roots[size]).toEqual(expected);
      expect(rootFromNodes(size, STORE.lookup)).toEqual(expected);
      expect(rootFromFrontier(frontierFromNodes(size, STORE.lookup))).toEqual(expected);
    }
  });

  it('[R7] produces inclusion proofs equal to the reference that verify, and tampering fails', () => {
    for (let size = 1; size <= 300; size++) {
      for (const index of sample(size)) {
        const proof = inclusionProofFromNodes(index, size, STORE.lookup);
        expect(proof).toEqual(path(index, ALL.slice(0, size)));
        const leaf = ALL[index]!;
        const root = roots[size]!;
        expect(verifyInclusion(leaf, index, size, proof, root)).toBe(true);
        for (let at = 0; at < proof.length; at++) {
          expect(verifyInclusion(leaf, index, size, flip(proof, at, at % 32), root)).toBe(false);
        }
        if (index + 1 < size) expect(verifyInclusion(leaf, index + 1, size, proof, root)).toBe(false);
        if (index > 0) expect(verifyInclusion(leaf, index - 1, size, proof, root)).toBe(false);
        // Sizes whose trees put the leaf at the same depth share proofs; a different depth must fail.
        expect(verifyInclusion(leaf, index, size * 2, proof, root)).toBe(false);
        if (index < Math.floor(size / 2)) expect(verifyInclusion(leaf, index, Math.floor(size / 2), proof, root)).toBe(false);
        if (proof.length > 0) expect(verifyInclusion(leaf, index, size, proof.slice(0, -1), root)).toBe(false);
        expect(verifyInclusion(leaf, index, size, [...proof, root], root)).toBe(false);
        expect(verifyInclusion(leaf, index, size, [root, ...proof], root)).toBe(false);
        expect(verifyInclusion(WRONG_LEAF, index, size, proof, root)).toBe(false);
      }
    }
  });

  it('[R7] produces consistency proofs equal to the reference that verify, and tampering fails', () => {
    for (let n = 1; n <= 300; n++) {
      for (const m of sample(n).filter((m) => m > 0)) {
        const proof = consistencyProofFromNodes(m, n, STORE.lookup);
        expect(proof).toEqual(subproof(m, ALL.slice(0, n), true));
        const first = roots[m]!;
        const second = roots[n]!;
        expect(verifyConsistency(m, n, proof, first, second)).toBe(true);
        for (let at = 0; at < proof.length; at++) {
          expect(verifyConsistency(m, n, flip(proof, at, 31 - (at % 32)), first, second)).toBe(false);
        }
        expect(verifyConsistency(m, n, proof.slice(0, -1), first, second)).toBe(false);
        expect(verifyConsistency(m, n, [...proof, second], first, second)).toBe(false);
        expect(verifyConsistency(m, n, [first, ...proof], first, second)).toBe(false);
        expect(verifyConsistency(m, n * 2, proof, first, second)).toBe(false);
        expect(verifyConsistency(m + 1, n, proof, first, second)).toBe(false);
        expect(verifyConsistency(m, n, proof, second, first)).toBe(false);
        expect(verifyConsistency(m, n, proof, roots[m - 1]!, second)).toBe(false);
      }
    }
  });

  it('[R6] lists exactly the perfect nodes a proof needs, so one fetch suffices', () => {
    for (const [index, size] of [
      [0, 1],
      [5, 6],
      [150, 299],
      [299, 300],
    ] as const) {
      const needed = inclusionProofNodes(index, size);
      const fetched = new Map(needed.map((node) => [`${node.level}/${node.index}`, STORE.lookup(node.level, node.index)!]));
      const proof = inclusionProofFromNodes(index, size, (level, i) => fetched.get(`${level}/${i}`));
      expect(proof).toEqual(inclusionProofFromNodes(index, size, STORE.lookup));
    }
    for (const [m, n] of [
      [1, 2],
      [6, 7],
      [100, 299],
      [128, 300],
    ] as const) {
      const needed = consistencyProofNodes(m, n);
      const fetched = new Map(needed.map((node) => [`${node.level}/${node.index}`, STORE.lookup(node.level, node.index)!]));
      const proof = consistencyProofFromNodes(m, n, (level, i) => fetched.get(`${level}/${i}`));
      expect(proof).toEqual(consistencyProofFromNodes(m, n, STORE.lookup));
    }
    expect(inclusionProofNodes(0, 1)).toEqual([]);
    expect(consistencyProofNodes(5, 5)).toEqual([]);
  });

  it.each([2 ** 16 + 3, 2 ** 17 - 1])('[R7] handles a large tree of %i leaves', (size) => {
    const leaves = leavesFor(size, size);
    const store = buildStore(leaves);
    const root = rootFromFrontier(store.frontiers[size]!);
    expect(root).toEqual(mth(leaves));
    for (const index of [0, 1, 12_345, 65_535, 65_536, size - 1]) {
      const proof = inclusionProofFromNodes(index, size, store.lookup);
      expect(verifyInclusion(leaves[index]!, index, size, proof, root)).toBe(true);
      expect(verifyInclusion(leaves[index]!, index, size, flip(proof, 0, 3), root)).toBe(false);
    }
    for (const m of [1, 3, 4096, 65_535, 65_536, size - 1]) {
      const proof = consistencyProofFromNodes(m, size, store.lookup);
      expect(verifyConsistency(m, size, proof, rootFromFrontier(store.frontiers[m]!), root)).toBe(true);
      expect(verifyConsistency(m, size, flip(proof, proof.length - 1, 0), rootFromFrontier(store.frontiers[m]!), root)).toBe(
        false,
      );
    }
  });
});

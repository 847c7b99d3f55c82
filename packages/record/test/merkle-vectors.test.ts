import { describe, expect, it } from 'vitest';
import { hexDecode, hexEncode } from '../src/bytes.ts';
import {
  consistencyProof,
  EMPTY_TREE_ROOT,
  inclusionProof,
  leafHash,
  merkleTreeHash,
  verifyConsistency,
  verifyInclusion,
} from '../src/merkle/index.ts';

// RFC 6962 / RFC 9162 reference test data as published in
// github.com/transparency-dev/merkle, proof/verify_test.go (also in
// google/certificate-transparency and Chromium's net/cert/ct_log_verifier_unittest.cc).
// Leaf indexes in the inclusion vectors there are 1-based; they are 0-based here.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const INCLUSION: { index: number; size: number; proof: string[] }[] = [
  { index: 0, size: 1, proof: [] },
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];
const CONSISTENCY: { m: number; n: number; proof: string[] }[] = [
  { m: 1, n: 1, proof: [] },
  {
    m: 1,
    n: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    m: 6,
    n: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    m: 2,
    n: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    m: 6,
    n: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

const leafHashes = LEAVES.map((leaf) => leafHash(hexDecode(leaf)));
const root = (size: number) => hexDecode(ROOTS[size - 1]!);

describe('RFC 9162 Merkle tree: published vectors', () => {
  it('[R6] hashes the empty tree as SHA-256 of the empty string', () => {
    expect(hexEncode(merkleTreeHash([]))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(EMPTY_TREE_ROOT).toEqual(merkleTreeHash([]));
  });

  it('[R6] computes the root of every prefix of the 8 reference leaves', () => {
    for (let size = 1; size <= 8; size++) {
      expect(hexEncode(merkleTreeHash(leafHashes.slice(0, size)))).toBe(ROOTS[size - 1]);
    }
  });

  it.each(INCLUSION)('[R7] generates and verifies the inclusion proof of leaf $index in size $size', (vector) => {
    const generated = inclusionProof(leafHashes, vector.index, vector.size).map(hexEncode);
    expect(generated).toEqual(vector.proof);
    const proof = vector.proof.map(hexDecode);
    expect(verifyInclusion(leafHashes[vector.index]!, vector.index, vector.size, proof, root(vector.size))).toBe(true);
  });

  it.each(CONSISTENCY)('[R7] generates and verifies the consistency proof from $m to $n', (vector) => {
    const generated = consistencyProof(leafHashes, vector.m, vector.n).map(hexEncode);
    expect(generated).toEqual(vector.proof);
    const proof = vector.proof.map(hexDecode);
    expect(verifyConsistency(vector.m, vector.n, proof, root(vector.m), root(vector.n))).toBe(true);
  });

  it('[R7] treats size 0 and equal sizes as the RFC defines them', () => {
    const some = root(3);
    expect(verifyConsistency(0, 5, [], EMPTY_TREE_ROOT, root(5))).toBe(true);
    expect(verifyConsistency(0, 0, [], EMPTY_TREE_ROOT, EMPTY_TREE_ROOT)).toBe(true);
    expect(verifyConsistency(0, 5, [], some, root(5))).toBe(false);
    expect(verifyConsistency(0, 5, [some], EMPTY_TREE_ROOT, root(5))).toBe(false);
    expect(verifyConsistency(3, 3, [], some, some)).toBe(true);
    expect(verifyConsistency(3, 3, [], some, root(4))).toBe(false);
    expect(verifyConsistency(3, 3, [some], some, some)).toBe(false);
    expect(verifyConsistency(4, 3, [], root(4), root(3))).toBe(false);
    expect(verifyConsistency(1, 2, [], root(1), root(2))).toBe(false);
    expect(consistencyProof(leafHashes, 0, 8)).toEqual([]);
    expect(consistencyProof(leafHashes, 8, 8)).toEqual([]);
  });

  it('[R7] rejects inclusion for an index outside the tree', () => {
    expect(verifyInclusion(leafHashes[0]!, 0, 0, [], EMPTY_TREE_ROOT)).toBe(false);
    expect(verifyInclusion(leafHashes[0]!, 1, 1, [], root(1))).toBe(false);
    expect(() => inclusionProof(leafHashes, 8, 8)).toThrow(RangeError);
  });
});

export { EMPTY_TREE_ROOT, HASH_LENGTH, leafHash, nodeHash, sha256Hash } from './hash.ts';
export {
  consistencyRanges,
  inclusionRanges,
  perfectNodesOf,
  splitPoint,
  type LeafRange,
  type NodeId,
} from './ranges.ts';
export {
  consistencyProofFromNodes,
  consistencyProofNodes,
  inclusionProofFromNodes,
  inclusionProofNodes,
  MissingNodeError,
  rootFromNodes,
  rootNodes,
  subtreeHashFromNodes,
  type NodeLookup,
  type PerfectNode,
} from './proof-nodes.ts';
export {
  appendLeaf,
  EMPTY_FRONTIER,
  frontierFromNodes,
  RootAccumulator,
  rootFromFrontier,
  type Frontier,
} from './frontier.ts';
export { consistencyProof, inclusionProof, lookupFromLeaves, merkleTreeHash } from './tree.ts';
export { rootFromInclusionProof, verifyConsistency, verifyInclusion } from './verify.ts';

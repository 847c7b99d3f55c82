// Index arithmetic of RFC 9162 trees, shared by proof generation and node planning.
// Sizes are plain numbers (exact up to 2^53); no bitwise operators, which stop at 2^31.

/** A half-open range of leaves [start, end) that is a subtree of the RFC 9162 tree. */
export interface LeafRange {
  start: number;
  end: number;
}

/** A stored perfect subtree: node (level, index) covers leaves [index·2^level, (index+1)·2^level). */
export interface NodeId {
  level: number;
  index: number;
}

/** Throws unless `n` is a non-negative safe integer. */
export function assertSize(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer, got ${n}`);
}

/** The largest power of two strictly less than n (n ≥ 2): the split point k of RFC 9162 §2.1.1. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Whether n is a power of two (n ≥ 1). */
export function isPowerOfTwo(n: number): boolean {
  return n >= 1 && 2 ** Math.round(Math.log2(n)) === n;
}

/**
 * The perfect nodes that make up the subtree [start, end), left to right. Every subtree of
 * an RFC 9162 tree starts at a multiple of the power of two at or above its size, so greedy
 * largest-aligned pieces are exactly the binary decomposition of its size.
 */
export function perfectNodesOf(range: LeafRange): NodeId[] {
  const nodes: NodeId[] = [];
  let position = range.start;
  while (position < range.end) {
    let size = 1;
    let level = 0;
    while (position % (size * 2) === 0 && position + size * 2 <= range.end) {
      size *= 2;
      level += 1;
    }
    nodes.push({ level, index: position / size });
    position += size;
  }
  return nodes;
}

/** The sibling subtrees on the path from leaf `index` to the root of a tree of `size` leaves, bottom up. */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  const ranges: LeafRange[] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      ranges.push({ start: start + k, end });
      end = start + k;
    } else {
      ranges.push({ start, end: start + k });
      start += k;
    }
  }
  return ranges.reverse();
}

/** The subtrees of a consistency proof from size m to size n (RFC 9162 §2.1.4.1), in proof order. */
export function consistencyRanges(m: number, n: number): LeafRange[] {
  if (m === 0 || m === n) return [];
  const ranges: LeafRange[] = [];
  let start = 0;
  let end = n;
  let wholeOldTree = true;
  // SUBPROOF(m, D[start:end], b) with m an absolute leaf count; it ends when m reaches `end`.
  while (m !== end) {
    const k = splitPoint(end - start);
    if (m <= start + k) {
      ranges.push({ start: start + k, end });
      end = start + k;
    } else {
      ranges.push({ start, end: start + k });
      start += k;
      wholeOldTree = false;
    }
  }
  if (!wholeOldTree) ranges.push({ start, end });
  return ranges.reverse();
}

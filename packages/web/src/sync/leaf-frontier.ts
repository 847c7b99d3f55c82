import { base64Decode, base64Encode, nodeHash, rootFromFrontier } from '@fusion-cell/record';

/**
 * The roots of the perfect subtrees of a log's first `size` leaves, as far as this browser
 * hashed them: the tree's root at that size without holding the tree, extended leaf by leaf.
 * Unlike the record's accumulator, its roots can be kept and taken up again after a reload:
 * those of a verified checkpoint's tree, continued with the log's next leaves, reach the next
 * checkpoint's root only if that tree extends the first (RFC 9162 consistency, shown here
 * without asking the server for a proof).
 */
export class LeafFrontier {
  private constructor(
    private readonly roots: Uint8Array[],
    private count: number,
  ) {}

  static empty(): LeafFrontier {
    return new LeafFrontier([], 0);
  }

  /** A kept frontier; undefined when its roots are not those of a tree of its size. */
  static restore(kept: KeptFrontier): LeafFrontier | undefined {
    // A tree of n leaves has one perfect subtree per bit set in n.
    if (!Number.isSafeInteger(kept.size) || kept.size < 0 || kept.roots.length !== bitsSet(kept.size)) return undefined;
    try {
      return new LeafFrontier(kept.roots.map(base64Decode), kept.size);
    } catch {
      return undefined;
    }
  }

  get size(): number {
    return this.count;
  }

  append(leafHash: Uint8Array): void {
    let hash = leafHash;
    // Each trailing 1 bit of the size is a left sibling of the same height: merge with it.
    for (let position = this.count; position % 2 === 1; position = (position - 1) / 2) hash = nodeHash(this.roots.pop()!, hash);
    this.roots.push(hash);
    this.count += 1;
  }

  root(): Uint8Array {
    return rootFromFrontier({ size: this.count, roots: this.roots });
  }

  keep(): KeptFrontier {
    return { size: this.count, roots: this.roots.map(base64Encode) };
  }
}

/** A frontier as kept in storage. */
export interface KeptFrontier {
  size: number;
  /** The perfect subtrees' roots, largest first, base64. */
  roots: string[];
}

function bitsSet(value: number): number {
  let count = 0;
  for (let rest = value; rest > 0; rest = Math.floor(rest / 2)) count += rest % 2;
  return count;
}

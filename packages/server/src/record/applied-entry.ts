import { SignedEnvelope } from '@fusion-cell/record';

/** One appended entry, as the derived state sees it. */
export interface AppliedEntry {
  compartmentId: string;
  index: number;
  itemId: string;
  receivedAt: number;
  signed: SignedEnvelope;
}

/** Parses a stored leaf back into its signed envelope. */
export function parseLeaf(leaf: string): SignedEnvelope {
  return SignedEnvelope.parse(JSON.parse(leaf));
}

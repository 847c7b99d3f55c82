import type { SignedEnvelope } from '@fusion-cell/record';

/** A signed envelope that passed every check and waits to be appended. */
export interface PreparedEntry {
  compartmentId: string;
  itemId: string;
  /** Canonical JSON of the signed envelope: the leaf data. */
  leaf: string;
  leafHash: Uint8Array;
  signed: SignedEnvelope;
}

/** What the log says about an appended entry. */
export interface AppendReceipt {
  id: string;
  compartment: string;
  index: number;
  receivedAt: number;
  duplicate: boolean;
}

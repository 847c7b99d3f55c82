import type { SignedEnvelope } from '@fusion-cell/record';

/** One appended entry, as the derived state sees it. */
export interface AppliedEntry {
  compartmentId: string;
  index: number;
  itemId: string;
  receivedAt: number;
  signed: SignedEnvelope;
}

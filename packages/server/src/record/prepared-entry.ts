import { base64UrlEncode, canonicalEnvelopeJson, canonicalSignedEnvelopeJson, leafHash, utf8Encode, type SignedEnvelope } from '@fusion-cell/record';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

/** A signed envelope that passed every check and waits to be appended. */
export interface PreparedEntry {
  compartmentId: string;
  itemId: string;
  /** Canonical JSON of the signed envelope: the leaf data. */
  leaf: string;
  leafHash: Uint8Array;
  signed: SignedEnvelope;
  /**
   * Rules that depend on the record so far, checked again inside the append's transaction,
   * under the log's lock and after the entries before it, so that two answers racing each
   * other cannot both pass (two "received" acknowledgments, two suspensions). Throws to
   * refuse the entry.
   */
  recheck?: (trx: Transaction<Database>) => Promise<void>;
}

/** What the log says about an appended entry. */
export interface AppendReceipt {
  id: string;
  compartment: string;
  index: number;
  receivedAt: number;
  duplicate: boolean;
}

/**
 * The leaf data, its hash and the item id of a signed envelope (R4, R5): the same bytes
 * whether a member or the cell signed it. `envelopeJson` saves canonicalising twice when the
 * caller verified the signature over it already.
 */
export function prepareEntry(signed: SignedEnvelope, envelopeJson = canonicalEnvelopeJson(signed.envelope)): PreparedEntry {
  const leaf = canonicalSignedEnvelopeJson(envelopeJson, signed.signature);
  const hash = leafHash(utf8Encode(leaf));
  return { compartmentId: signed.envelope.compartment, itemId: base64UrlEncode(hash), leaf, leafHash: hash, signed };
}

import type { LogEntry } from '@fusion-cell/protocol';
import type { KnownDevice, SignatureVerifier, SignedEnvelope } from '@fusion-cell/record';
import type { CheckResult } from './sync-types.ts';
import { parseLeaf, verifyItemSignature } from './verify-item.ts';

/** What checking who signed an entry needs, as plain data: it crosses to a worker. */
export interface SignatureScope {
  cellId: string;
  compartment: { id: string; parties: readonly string[] };
  logPublicKey: Uint8Array;
  /** The directory's devices, their validity replayed from their signed history. */
  devices: ReadonlyMap<string, KnownDevice>;
}

/** One entry read from its bytes, and who signed it. */
export interface CheckedEntry {
  /** Computed from the leaf's bytes (R5), whatever id the server sent. */
  id: string;
  leafHash: Uint8Array;
  signed: SignedEnvelope | null;
  /**
   * The signature's verdict; null when it was not checked: the caller knew it verified
   * already, or had no directory to check it against yet.
   */
  signature: CheckResult | null;
}

/** What to check of a batch: the entries, the scope to check signatures in (or none), and those known verified already. */
export interface CheckRequest {
  entries: readonly LogEntry[];
  scope: SignatureScope | null;
  /** Per entry: true when the page already verified the entry by its claimed id at this place. */
  known?: readonly boolean[];
}

/**
 * Signature checks in flight at once. WebCrypto answers asynchronously, from a thread of its
 * own: with a few waiting there, the next entries are read here meanwhile.
 */
const SIGNATURES_IN_FLIGHT = 16;

/**
 * Reads each entry from its bytes and checks who signed it. Pure apart from the verifier, so
 * the same code runs in a worker and, where there is none, on the page. `pause` is awaited
 * between entries when given, so a page that runs it can yield to its events.
 */
export async function checkEntries(request: CheckRequest, verifier: SignatureVerifier, pause?: () => Promise<void> | undefined): Promise<CheckedEntry[]> {
  const { entries, scope, known } = request;
  const results: CheckedEntry[] = [];
  // Oldest first: the window slides as each answer comes.
  const inFlight: Promise<void>[] = [];
  const context = scope && { ...scope, verifier, directory: { members: new Map(), devices: new Map(scope.devices) } };
  for (let index = 0; index < entries.length; index++) {
    const waited = pause?.();
    if (waited) await waited;
    const entry = entries[index]!;
    const leaf = parseLeaf(entry.leaf);
    const result: CheckedEntry = { id: leaf.id, leafHash: leaf.leafHash, signed: leaf.signed, signature: null };
    results.push(result);
    if (leaf.problem !== undefined) result.signature = { status: 'failed', code: 'leaf_malformed', detail: leaf.problem };
    // Known only counts for the same bytes: the id computed here is the one the page verified.
    else if (known?.[index] && leaf.id === entry.id) continue;
    else if (context && leaf.signed) {
      inFlight.push(
        verifyItemSignature(leaf.signed, context, leaf.signingInput).then((verdict) => {
          result.signature = verdict;
        }),
      );
      if (inFlight.length >= SIGNATURES_IN_FLIGHT) await inFlight.shift();
    }
  }
  await Promise.all(inFlight);
  return results;
}

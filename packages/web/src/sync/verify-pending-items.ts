import { constantTimeEqual, RootAccumulator, type VerifierKey } from '@fusion-cell/record';
import { api } from '../api/endpoints.ts';
import type { CompartmentState } from './compartment-state.ts';
import { isRefusal } from './server-refusal.ts';
import type { SyncServices } from './sync-services.ts';
import type { CheckResult, SyncedItem } from './sync-types.ts';
import { verifyItemInclusion } from './verify-inclusion.ts';
import { verifyItemSignature } from './verify-item.ts';

const PROOF_CONCURRENCY = 4;

/** Checks what is still pending of each item: who signed it, then that the log holds it. */
export async function verifyPendingItems(state: CompartmentState, logKey: VerifierKey, services: SyncServices): Promise<void> {
  await verifySignatures(state, logKey, services);
  await verifyInclusions(state, services);
}

/**
 * Who signed each new item. A device missing from the directory, or not yet valid in it,
 * may be newer than the copy held here: the directory is fetched again, once a round.
 */
async function verifySignatures(state: CompartmentState, logKey: VerifierKey, { scope, verifier, directory }: SyncServices): Promise<void> {
  const context = {
    cellId: scope.cellId,
    compartment: { id: state.id, parties: state.summary.parties },
    logPublicKey: logKey.publicKey,
    verifier,
  };
  for (const item of state.items) {
    if (item.verification.signature.status !== 'pending' || !item.signed) continue;
    let result = await verifyItemSignature(item.signed, { ...context, directory: directory.view });
    if (result.status === 'failed' && (result.code === 'device_unknown' || result.code === 'device_not_valid') && (await directory.fetchAgainThisRound(logKey))) {
      result = await verifyItemSignature(item.signed, { ...context, directory: directory.view });
    }
    const current = state.items[item.index]!;
    state.replaceItem({ ...current, verification: { ...current.verification, signature: result } });
  }
}

/**
 * Items below the size of the checkpoint verified here. This browser holds every leaf from the
 * first, so the tree's root computed from them proves all of them at once (R7) when it is the
 * root the log signed; only when it is not does each item get its own proof, a few at a time,
 * to tell which entries are not the log's.
 */
async function verifyInclusions(state: CompartmentState, { cache }: SyncServices): Promise<void> {
  const trusted = state.trusted;
  if (!trusted) return;
  if (!state.items.some((item) => item.verification.inclusion.status === 'pending' && item.index < trusted.size)) return;
  if (holdsTreeOf(state, trusted)) {
    state.replaceItems((item) => {
      if (item.verification.inclusion.status !== 'pending' || item.index >= trusted.size) return undefined;
      const verification = { ...item.verification, inclusion: withClaimedId(item, { status: 'verified', size: trusted.size }) };
      cache.remember(item.id, state.id, item.index, verification);
      return { ...item, verification };
    });
    return;
  }
  const pending = state.items.filter((item) => item.verification.inclusion.status === 'pending' && item.index < trusted.size);
  const context = { inclusionProof: (index: number, size: number) => api.inclusionProof(state.id, index, size), isRefusal };
  await forEachLimited(pending, PROOF_CONCURRENCY, async (item) => {
    const result = withClaimedId(item, await verifyItemInclusion(item.leafHash, item.index, trusted, context));
    const current = state.items[item.index]!;
    const verification = { ...current.verification, inclusion: result };
    state.replaceItem({ ...current, verification });
    cache.remember(current.id, state.id, current.index, verification);
  });
}

/** The root of each compartment's leaves as far as hashed, so a new checkpoint costs only its new leaves. */
const accumulators = new WeakMap<CompartmentState, RootAccumulator>();

/** Whether the leaves held here, up to the checkpoint's size, hash to the root the log signed. */
function holdsTreeOf(state: CompartmentState, trusted: { size: number; rootHash: Uint8Array }): boolean {
  if (state.items.length < trusted.size) return false;
  let accumulator = accumulators.get(state);
  // Checkpoints only grow (each is proven consistent with the one before): a smaller one is another log.
  if (!accumulator || accumulator.size > trusted.size) {
    accumulator = new RootAccumulator();
    accumulators.set(state, accumulator);
  }
  while (accumulator.size < trusted.size) accumulator.append(state.items[accumulator.size]!.leafHash);
  return constantTimeEqual(accumulator.root(), trusted.rootHash);
}

/**
 * The id the server sent must be the hash of the bytes it sent (R5). When it is not, the
 * proof says whether the log holds these bytes at all; either way the entry has failed.
 */
export function withClaimedId(item: Pick<SyncedItem, 'id' | 'claimedId'>, result: CheckResult): CheckResult {
  if (item.claimedId === item.id) return result;
  const mismatch = `the server calls it ${item.claimedId}, but its bytes hash to ${item.id}`;
  if (result.status === 'failed') return { ...result, detail: `${result.detail}; ${mismatch}` };
  return { status: 'failed', code: 'id_mismatch', detail: mismatch };
}

/** At most `limit` proofs in flight: a long log must not open hundreds of requests at once. */
export async function forEachLimited<T>(values: readonly T[], limit: number, work: (value: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < values.length) {
      const value = values[next++]!;
      await work(value);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, values.length) }, worker));
}

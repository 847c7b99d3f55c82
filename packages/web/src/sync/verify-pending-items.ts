import { constantTimeEqual, type VerifierKey } from '@fusion-cell/record';
import { api } from '../api/endpoints.ts';
import type { CompartmentState } from './compartment-state.ts';
import { slicer } from './event-loop.ts';
import { LeafFrontier } from './leaf-frontier.ts';
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
 * Who signed each item still unchecked: most are checked as they arrive (in a worker), so these
 * are the few taken before the directory was read, or left for a directory fetched again.
 * A device missing from the directory, or not yet valid in it, may be newer than the copy held
 * here: the directory is fetched again, once a round.
 */
async function verifySignatures(state: CompartmentState, logKey: VerifierKey, { scope, verifier, directory }: SyncServices): Promise<void> {
  if (state.unsignedItems === 0) return;
  const context = {
    cellId: scope.cellId,
    compartment: { id: state.id, parties: state.summary.parties },
    logPublicKey: logKey.publicKey,
    verifier,
  };
  const results = new Map<number, CheckResult>();
  const pause = slicer();
  for (const item of state.items) {
    if (item.verification.signature.status !== 'pending' || !item.signed) continue;
    await pause();
    let result = await verifyItemSignature(item.signed, { ...context, directory: directory.view });
    if (result.status === 'failed' && (result.code === 'device_unknown' || result.code === 'device_not_valid') && (await directory.fetchAgainThisRound(logKey))) {
      result = await verifyItemSignature(item.signed, { ...context, directory: directory.view });
    }
    results.set(item.index, result);
  }
  state.replaceItems((item) => {
    const signature = results.get(item.index);
    return signature && { ...item, verification: { ...item.verification, signature } };
  });
}

/**
 * Items below the size of the checkpoint verified here. This browser holds every leaf from the
 * first (or the frontier of a tree it verified, and every leaf since), so the tree's root
 * computed from them proves all of them at once (R7) when it is the root the log signed; only
 * when it is not does each item get its own proof, a few at a time, to tell which entries are
 * not the log's.
 */
async function verifyInclusions(state: CompartmentState, { cache }: SyncServices): Promise<void> {
  const trusted = state.trusted;
  if (!trusted) return;
  const from = firstPendingInclusion(state, trusted.size);
  if (from === undefined) return;
  if (await holdsTreeOf(state, trusted)) {
    await state.replaceItemsGradually(
      (item) => {
        if (item.verification.inclusion.status !== 'pending' || item.index >= trusted.size) return undefined;
        const verification = { ...item.verification, inclusion: withClaimedId(item, { status: 'verified', size: trusted.size }) };
        cache.remember(item.id, state.id, item.index, verification);
        return { ...item, verification };
      },
      from,
      slicer(),
    );
    return;
  }
  const pending = state.items.filter((item) => item.verification.inclusion.status === 'pending' && item.index < trusted.size);
  const context = { inclusionProof: (index: number, size: number) => api.inclusionProof(state.id, index, size), isRefusal };
  const results = new Map<number, CheckResult>();
  await forEachLimited(pending, PROOF_CONCURRENCY, async (item) => {
    results.set(item.index, withClaimedId(item, await verifyItemInclusion(item.leafHash, item.index, trusted, context)));
  });
  state.replaceItems((item) => {
    const inclusion = results.get(item.index);
    if (!inclusion) return undefined;
    const verification = { ...item.verification, inclusion };
    cache.remember(item.id, state.id, item.index, verification);
    return { ...item, verification };
  }, from);
}

/** The first item below `size` whose inclusion is pending; undefined when there is none. */
function firstPendingInclusion(state: CompartmentState, size: number): number | undefined {
  const end = Math.min(size, state.items.length);
  for (let index = 0; index < end; index++) {
    if (state.items[index]!.verification.inclusion.status === 'pending') return index;
  }
  return undefined;
}

/**
 * Hashes the leaves held here into the compartment's frontier, up to `size` (or as many as are
 * held), a slice of the thread at a time: a long log's first sync hashes as its pages come.
 */
export async function extendFrontier(state: CompartmentState, size: number): Promise<void> {
  // Checkpoints only grow (each is proven consistent with the one before): a smaller one is another log.
  if (state.frontier.size > size) state.frontier = LeafFrontier.empty();
  const frontier = state.frontier;
  const end = Math.min(size, state.items.length);
  const pause = slicer();
  while (frontier.size < end) {
    const waited = pause();
    if (waited) await waited;
    // Another change may have started the frontier again meanwhile.
    if (state.frontier !== frontier) return;
    frontier.append(state.items[frontier.size]!.leafHash);
  }
}

/** Whether the leaves held here, up to the checkpoint's size, hash to the root the log signed. */
async function holdsTreeOf(state: CompartmentState, trusted: { size: number; rootHash: Uint8Array }): Promise<boolean> {
  if (state.items.length < trusted.size) return false;
  await extendFrontier(state, trusted.size);
  return state.frontier.size === trusted.size && constantTimeEqual(state.frontier.root(), trusted.rootHash);
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

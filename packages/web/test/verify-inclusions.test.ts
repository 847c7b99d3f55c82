import { describe, expect, it, vi } from 'vitest';
import { base64Encode, inclusionProof, leafHash, merkleTreeHash, utf8Encode, type OpenedCheckpoint, type VerifierKey } from '@fusion-cell/record';
import { CompartmentState } from '../src/sync/compartment-state.ts';
import type { SyncServices } from '../src/sync/sync-services.ts';
import { VerificationCache } from '../src/sync/verification-cache.ts';
import { verifyPendingItems } from '../src/sync/verify-pending-items.ts';

// The proofs the log would serve for the leaves it really holds.
const served = vi.hoisted(() => ({ leaves: [] as string[], requests: 0 }));
vi.mock('../src/api/endpoints.ts', () => ({
  api: {
    inclusionProof: async (_compartment: string, index: number, size: number) => {
      served.requests += 1;
      const hashes = served.leaves.slice(0, size).map((leaf) => leafHash(utf8Encode(leaf)));
      return { index, size, hashes: inclusionProof(hashes, index).map(base64Encode) };
    },
  },
}));

const summary = { id: 'plenary', kind: 'plenary', owner: null, parties: ['sy', 'il', 'us'] } as never;
const logKey = { publicKey: new Uint8Array(32) } as unknown as VerifierKey;
const services = { scope: { cellId: 'cell', partyId: 'sy' }, cache: new VerificationCache('test') } as unknown as SyncServices;

/** A compartment holding `received` (not signed envelopes: only inclusion is checked here) under the log's checkpoint of `logged`. */
function compartment(received: string[], logged: string[]): CompartmentState {
  served.leaves = logged;
  served.requests = 0;
  const state = new CompartmentState(summary, 'https://cell.test');
  const entries = received.map((leaf, index) => ({ id: 'x'.repeat(43), compartment: 'plenary', index, receivedAt: '2026-11-29T10:00:00Z', leaf }));
  expect(state.append(entries, () => undefined)).toEqual({ ok: true });
  // The ids the server claims are those of the bytes it sent.
  state.replaceItems((item) => ({ ...item, claimedId: item.id }));
  const rootHash = merkleTreeHash(logged.map((leaf) => leafHash(utf8Encode(leaf))));
  state.trusted = { size: logged.length, rootHash } as OpenedCheckpoint;
  return state;
}

const leaves = (count: number) => Array.from({ length: count }, (_, index) => `leaf ${index}`);

describe('[R7] inclusion of the entries a browser holds', () => {
  it('proves every entry at once from the root of the leaves held, asking the server for no proof', async () => {
    const state = compartment(leaves(1000), leaves(1000));
    await verifyPendingItems(state, logKey, services);
    expect(state.items.every((item) => item.verification.inclusion.status === 'verified')).toBe(true);
    expect(served.requests).toBe(0);
  });

  it('asks for each proof when one entry is not the log’s, and fails only that one', async () => {
    const received = leaves(40);
    received[17] = 'leaf 17, rewritten';
    const state = compartment(received, leaves(40));
    await verifyPendingItems(state, logKey, services);
    const failed = state.items.filter((item) => item.verification.inclusion.status === 'failed').map((item) => item.index);
    expect(failed).toEqual([17]);
    expect(served.requests).toBe(40);
  });

  it('leaves entries beyond the checkpoint pending, and proves them once a larger checkpoint covers them', async () => {
    const state = compartment(leaves(30), leaves(20));
    await verifyPendingItems(state, logKey, services);
    expect(state.items.filter((item) => item.verification.inclusion.status === 'pending').map((item) => item.index)).toEqual(Array.from({ length: 10 }, (_, n) => 20 + n));
    served.leaves = leaves(30);
    state.trusted = { size: 30, rootHash: merkleTreeHash(leaves(30).map((leaf) => leafHash(utf8Encode(leaf)))) } as OpenedCheckpoint;
    await verifyPendingItems(state, logKey, services);
    expect(state.items.every((item) => item.verification.inclusion.status === 'verified')).toBe(true);
    expect(served.requests).toBe(0);
  });

  it('fails an entry whose claimed id is not the hash of its bytes, even when the tree holds them', async () => {
    const state = compartment(leaves(8), leaves(8));
    state.replaceItems((item) => (item.index === 3 ? { ...item, claimedId: 'y'.repeat(43) } : undefined));
    await verifyPendingItems(state, logKey, services);
    expect(state.items[3]!.verification.inclusion).toMatchObject({ status: 'failed', code: 'id_mismatch' });
    expect(state.items.filter((item) => item.verification.inclusion.status === 'verified')).toHaveLength(7);
  });
});

import { describe, expect, it, vi } from 'vitest';
import {
  base64Encode,
  canonicalJson,
  inclusionProof,
  leafHash,
  merkleTreeHash,
  signDeviceAttestation,
  signEnvelope,
  signingInput,
  utf8Encode,
  base64UrlEncode,
  type OpenedCheckpoint,
  type SignedEnvelope,
  type VerifierKey,
} from '@fusion-cell/record';
import { generateKeyPair, nodeSigner, nodeVerifier } from '@fusion-cell/record/node';
import { auditKept, auditKeptPage, auditPending } from '../src/sync/audit-kept.ts';
import { CompartmentState } from '../src/sync/compartment-state.ts';
import { resolveDirectory } from '../src/sync/directory.ts';
import { checkEntries, type SignatureScope } from '../src/sync/entry-check.ts';
import { LeafFrontier } from '../src/sync/leaf-frontier.ts';
import type { SyncServices } from '../src/sync/sync-services.ts';
import { measureProgress } from '../src/sync/sync-progress.ts';
import type { SyncedItem } from '../src/sync/sync-types.ts';
import { VerificationCache } from '../src/sync/verification-cache.ts';
import { parseLeaf, verifyItemSignature } from '../src/sync/verify-item.ts';
import { verifyPendingItems } from '../src/sync/verify-pending-items.ts';

/**
 * The parts that let a browser verify a long record without holding up the page: entries read
 * and checked as a worker does, a tree's frontier kept and taken up again, counts kept as items
 * change, and the progress the app shell shows.
 */

// The proofs the log would serve for the leaves it really holds.
const served = vi.hoisted(() => ({ leaves: [] as string[], requests: 0 }));
vi.mock('../src/api/endpoints.ts', () => ({
  api: {
    inclusionProof: async (_compartment: string, index: number, size: number) => {
      served.requests += 1;
      const hashes = served.leaves.slice(0, size).map((leaf) => leafHash(utf8Encode(leaf)));
      return { index, size, hashes: inclusionProof(hashes, index).map(base64Encode) };
    },
    entries: async (compartment: string, start: number, limit: number) => {
      const entries = served.leaves.slice(start, start + limit).map((leaf, offset) => ({
        id: base64UrlEncode(leafHash(utf8Encode(leaf))),
        compartment,
        index: start + offset,
        receivedAt: '2026-01-06T10:00:00.000Z',
        leaf,
      }));
      return { entries, next: start + limit < served.leaves.length ? start + limit : null };
    },
  },
}));

const CELL = 'test-cell';
const verifier = nodeVerifier();
const logPair = generateKeyPair();
const author = { device: 'd_author', member: 'm_author', party: 'sy', pair: generateKeyPair() };
const summary = { id: 'plenary', kind: 'plenary', owner: null, parties: ['sy', 'il', 'us'] } as never;
const hashOf = (leaf: string) => leafHash(utf8Encode(leaf));
const leaves = (count: number, prefix = 'leaf') => Array.from({ length: count }, (_, index) => `${prefix} ${index}`);

async function scope(): Promise<SignatureScope> {
  const publicKey = base64UrlEncode(author.pair.publicKey);
  const statement = { kind: 'device.approved' as const, cell: CELL, device: author.device, member: author.member, party: author.party, publicKey, at: '2026-01-06T09:00:00.000Z' };
  const directory = await resolveDirectory(
    {
      members: [{ id: author.member, party: author.party, displayName: 'Duty officer' }],
      devices: [{ id: author.device, member: author.member, party: author.party, publicKey, attestations: [await signDeviceAttestation(statement, { kind: 'log' }, nodeSigner(logPair.privateKey))] }],
    },
    CELL,
    logPair.publicKey,
    verifier,
  );
  return { cellId: CELL, compartment: { id: 'plenary', parties: ['sy', 'il', 'us'] }, logPublicKey: logPair.publicKey, devices: directory.devices };
}

function message(text: string, device = author.device): Promise<SignedEnvelope> {
  return signEnvelope(
    {
      cell: CELL,
      compartment: 'plenary',
      type: 'message',
      track: 'general',
      payload: { text, language: 'en' },
      references: [],
      author: author.member,
      device,
      authoredAt: '2026-01-06T10:00:00.000Z',
    },
    nodeSigner(author.pair.privateKey),
  );
}

const entry = (leaf: string, index: number) => ({ id: base64UrlEncode(hashOf(leaf)), compartment: 'plenary', index, receivedAt: '2026-01-06T10:00:00.000Z', leaf });

describe('a leaf frontier', () => {
  it('[R7] has the root of the tree of its leaves at every size', () => {
    const hashes = leaves(40).map(hashOf);
    const frontier = LeafFrontier.empty();
    expect(frontier.root()).toEqual(merkleTreeHash([]));
    hashes.forEach((hash, index) => {
      frontier.append(hash);
      expect(frontier.root()).toEqual(merkleTreeHash(hashes.slice(0, index + 1)));
    });
  });

  it('kept and taken up again, reaches a larger tree’s root only if that tree extends the kept one', () => {
    const hashes = leaves(30).map(hashOf);
    const frontier = LeafFrontier.empty();
    for (const hash of hashes.slice(0, 13)) frontier.append(hash);
    const restored = LeafFrontier.restore(JSON.parse(JSON.stringify(frontier.keep())))!;
    expect(restored.size).toBe(13);
    for (const hash of hashes.slice(13)) restored.append(hash);
    expect(restored.root()).toEqual(merkleTreeHash(hashes));
    // A log that rewrote entry #5 after the kept checkpoint: its tree does not extend the kept one.
    const rewritten = [...hashes];
    rewritten[5] = hashOf('leaf 5, rewritten');
    expect(restored.root()).not.toEqual(merkleTreeHash(rewritten));
  });

  it('refuses a kept frontier whose roots cannot be those of a tree of its size', () => {
    const frontier = LeafFrontier.empty();
    for (const hash of leaves(6).map(hashOf)) frontier.append(hash);
    const kept = frontier.keep();
    expect(kept.roots).toHaveLength(2);
    expect(LeafFrontier.restore({ ...kept, size: 7 })).toBeUndefined();
    expect(LeafFrontier.restore({ ...kept, roots: ['not base64!'] })).toBeUndefined();
  });
});

describe('checking entries as the worker does', () => {
  it('[R4] reads the bytes its author signed from the canonical leaf', async () => {
    const signed = await message('hello, أهلا, שלום');
    expect(parseLeaf(canonicalJson(signed)).signingInput).toEqual(signingInput(signed.envelope));
  });

  it('gives every entry the verdict the page would give it, skipping those it was told it verified', async () => {
    const good = canonicalJson(await message('good'));
    const stranger = canonicalJson(await message('from a device the cell does not know', 'd_stranger'));
    const altered = good.replace('"good"', '"evil"');
    const malformed = JSON.stringify(await message('pretty'), null, 1);
    const entries = [good, stranger, altered, malformed, good].map(entry);
    const signatureScope = await scope();
    const checked = await checkEntries({ entries, scope: signatureScope, known: [false, false, false, false, true] }, verifier);
    expect(checked.map((result) => result.signature && ('code' in result.signature ? result.signature.code : result.signature.status))).toEqual([
      'verified',
      'device_unknown',
      'signature_invalid',
      'leaf_malformed',
      null,
    ]);
    expect(checked.map((result) => result.id)).toEqual(entries.map((candidate) => candidate.id));
    const context = { ...signatureScope, verifier, directory: { members: new Map(), devices: new Map(signatureScope.devices) } };
    for (const [index, leaf] of [good, stranger, altered].entries()) {
      expect(checked[index]!.signature).toEqual(await verifyItemSignature(parseLeaf(leaf).signed!, context));
    }
  });

  it('reads without checking signatures while there is no directory to check them against', async () => {
    const checked = await checkEntries({ entries: [entry(canonicalJson(await message('early')), 0)], scope: null }, verifier);
    expect(checked[0]).toMatchObject({ signature: null, signed: { envelope: { payload: { text: 'early' } } } });
  });
});

/** A compartment holding `received` (not signed envelopes: only inclusion is checked here) under the log's checkpoint of `logged`. */
function compartment(received: string[]): CompartmentState {
  const state = new CompartmentState(summary, 'https://cell.test');
  expect(state.append(received.map(entry), () => undefined)).toEqual({ ok: true });
  return state;
}

const trust = (state: CompartmentState, logged: string[]) => {
  served.leaves = logged;
  served.requests = 0;
  state.trusted = { size: logged.length, rootHash: merkleTreeHash(logged.map(hashOf)) } as OpenedCheckpoint;
};

const logKey = { publicKey: new Uint8Array(32) } as unknown as VerifierKey;
const services = () => ({ scope: { cellId: CELL, partyId: 'sy' }, cache: new VerificationCache('test') }) as unknown as SyncServices;

describe('a compartment’s counts', () => {
  it('follow its items as they are taken and replaced, without scanning them', async () => {
    const state = compartment(leaves(10));
    // Not signed envelopes: their signatures failed as they were read.
    expect({ failed: state.failedItems, unsigned: state.unsignedItems, settled: state.settledItems }).toEqual({ failed: 10, unsigned: 0, settled: 0 });
    trust(state, leaves(10));
    await verifyPendingItems(state, logKey, services());
    expect({ failed: state.failedItems, settled: state.settledItems, checked: state.checkedItems }).toEqual({ failed: 10, settled: 10, checked: 10 });
    expect(served.requests).toBe(0);
  });

  it('[R22] take nothing past a gap', () => {
    const state = compartment(leaves(3));
    expect(state.append([entry('leaf 5', 5)], () => undefined)).toEqual({ ok: false, expected: 3, got: 5 });
    expect(state.items).toHaveLength(3);
  });
});

/** Items verified in an earlier session up to `size`, as restored from what was kept. */
function keptItems(logged: string[], size: number): SyncedItem[] {
  return logged.slice(0, size).map((leaf, index) => {
    const hash = hashOf(leaf);
    const id = base64UrlEncode(hash);
    return { id, claimedId: id, compartment: 'plenary', index, receivedAt: '2026-01-06T10:00:00.000Z', leafHash: hash, signed: null, verification: { signature: { status: 'verified' }, inclusion: { status: 'verified', size } } };
  });
}

describe('[R7] entries kept from an earlier session', () => {
  it('prove the new entries by the kept frontier, with no proof asked of the server', async () => {
    const logged = leaves(50);
    const state = new CompartmentState(summary, 'https://cell.test');
    state.restore(keptItems(logged, 20));
    const frontier = LeafFrontier.empty();
    for (const leaf of logged.slice(0, 20)) frontier.append(hashOf(leaf));
    state.frontier = frontier;
    expect(state.append(logged.slice(20).map((leaf, offset) => entry(leaf, 20 + offset)), () => undefined)).toEqual({ ok: true });
    trust(state, logged);
    await verifyPendingItems(state, logKey, services());
    expect(state.items.every((item) => item.verification.inclusion.status === 'verified')).toBe(true);
    expect(served.requests).toBe(0);
  });

  it('do not prove a log that rewrote what was kept: each new entry is asked for its own proof', async () => {
    const kept = leaves(50);
    const rewritten = [...kept];
    rewritten[3] = 'leaf 3, rewritten';
    const state = new CompartmentState(summary, 'https://cell.test');
    state.restore(keptItems(kept, 20));
    const frontier = LeafFrontier.empty();
    for (const leaf of kept.slice(0, 20)) frontier.append(hashOf(leaf));
    state.frontier = frontier;
    state.append(rewritten.slice(20).map((leaf, offset) => entry(leaf, 20 + offset)), () => undefined);
    trust(state, rewritten);
    await verifyPendingItems(state, logKey, services());
    // The new entries are the log's, proven one by one; the tree as a whole did not match.
    expect(served.requests).toBe(30);
    expect(state.items.slice(20).every((item) => item.verification.inclusion.status === 'verified')).toBe(true);
  });
});

describe('kept entries read again', () => {
  function restored(logged: string[]): CompartmentState {
    const state = new CompartmentState(summary, 'https://cell.test');
    state.restore(keptItems(logged, logged.length));
    trust(state, logged);
    return state;
  }
  const alarmed = () => {
    const raised: string[] = [];
    const audit = { alarms: { raise: async (state: CompartmentState, code: string) => void raised.push(code) } } as unknown as SyncServices;
    return { raised, audit };
  };

  it('find an entry the server now serves with other bytes, newest page first, and hand it over to be checked afresh', async () => {
    const kept = leaves(2500);
    const state = restored(kept);
    served.leaves = [...kept];
    served.leaves[100] = 'leaf 100, altered';
    auditKept(state, 2500);
    const { raised, audit } = alarmed();
    const retaken: number[][] = [];
    const retake = async (entries: { index: number }[]) => void retaken.push(entries.map((candidate) => candidate.index));
    // 1500–2499, then 500–1499: nothing changed there.
    expect(await auditKeptPage(state, audit, retake)).toBe(false);
    expect(await auditKeptPage(state, audit, retake)).toBe(false);
    expect(await auditKeptPage(state, audit, retake)).toBe(true);
    expect(retaken).toEqual([[100]]);
    expect(auditPending(state)).toBe(false);
    expect(raised).toEqual([]);
  });

  it('[R22] raise the alarm a first reading would when the server no longer serves a kept entry', async () => {
    const kept = leaves(30);
    const state = restored(kept);
    served.leaves = kept.slice(0, 29);
    auditKept(state, 30);
    const { raised, audit } = alarmed();
    expect(await auditKeptPage(state, audit, async () => undefined)).toBe(true);
    expect(raised).toEqual(['entries_missing']);
    expect(auditPending(state)).toBe(false);
  });

  it('take a retaken entry as any other: it fails if it is not the log’s', async () => {
    const kept = leaves(40);
    const state = restored(kept);
    const frontier = LeafFrontier.empty();
    for (const leaf of kept) frontier.append(hashOf(leaf));
    state.frontier = frontier;
    const altered = entry('leaf 7, altered', 7);
    state.retake([altered], [{ id: altered.id, leafHash: hashOf(altered.leaf), signed: null, signature: { status: 'verified' } }]);
    served.leaves = kept;
    await verifyPendingItems(state, logKey, services());
    expect(state.items[7]!.verification.inclusion).toMatchObject({ status: 'failed', code: 'inclusion_invalid' });
    expect(state.failedItems).toBe(1);
    expect(served.requests).toBe(1);
  });
});

describe('the progress the app shell shows', () => {
  it('starts, runs while entries wait, and is done once each is checked', async () => {
    const state = new CompartmentState(summary, 'https://cell.test');
    expect(measureProgress('starting', [state], false)).toEqual({ state: 'starting', checked: 0, total: 0, failed: 0 });
    state.size = 12;
    state.append(leaves(8).map(entry), () => undefined);
    expect(measureProgress('ready', [state], false)).toMatchObject({ state: 'running', total: 12 });
    state.append(leaves(12).slice(8).map((leaf, offset) => entry(leaf, 8 + offset)), () => undefined);
    trust(state, leaves(12));
    await verifyPendingItems(state, logKey, services());
    expect(measureProgress('ready', [state], false)).toEqual({ state: 'done', checked: 12, total: 12, failed: 12 });
  });

  it('counts a log under an alarm as checked: nothing more of it is verified', () => {
    const state = new CompartmentState(summary, 'https://cell.test');
    state.size = 5;
    state.alarms = [{ code: 'entries_missing', compartment: 'plenary', raisedAt: '2026-01-06T10:00:00.000Z', values: {}, detail: '' }];
    expect(measureProgress('ready', [state], false)).toMatchObject({ state: 'done', checked: 5, total: 5 });
  });
});

describe('the verification cache', () => {
  it('remembers a hundred thousand results in a blink, and forgets the oldest first', () => {
    const cache = new VerificationCache('test');
    const verified = { signature: { status: 'verified' }, inclusion: { status: 'verified', size: 1 } } as const;
    const started = performance.now();
    for (let index = 0; index < 100_000; index++) cache.remember(`id${index}`, 'plenary', index, verified);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(cache.get('id99999', 'plenary', 99_999)).toEqual(verified);
    expect(cache.get('id0', 'plenary', 0)).toBeUndefined();
    expect(cache.get('id99999', 'plenary', 5)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import {
  base64Encode,
  base64UrlEncode,
  canonicalJson,
  compartmentOrigin,
  consistencyProof,
  formatVerifierKey,
  inclusionProof,
  leafHash,
  logKeyName,
  merkleTreeHash,
  parseVerifierKey,
  signCheckpoint,
  signDeviceAttestation,
  signEnvelope,
  utf8Encode,
  type SignedEnvelope,
} from '@fusion-cell/record';
import { generateKeyPair, nodeSigner, nodeVerifier } from '@fusion-cell/record/node';
import { ApiError } from '../src/api/api-error.ts';
import { checkCheckpoint, type CheckpointContext } from '../src/sync/checkpoint-monitor.ts';
import { cosignatureSecond } from '../src/sync/cosigning.ts';
import { resolveDirectory, type DirectoryView } from '../src/sync/directory.ts';
import type { StoredCheckpoint } from '../src/sync/trust-store.ts';
import { verifyItemInclusion } from '../src/sync/verify-inclusion.ts';
import { parseLeaf, verifyItemSignature, type SignatureContext } from '../src/sync/verify-item.ts';

/**
 * The checks the browser runs on what the server shows (the same functions the record sync
 * calls), against a small log built here with a log key and an author's device key.
 */

const CELL = 'test-cell';
const verifier = nodeVerifier();
const logPair = generateKeyPair();
const logSigner = { name: logKeyName(CELL), publicKey: logPair.publicKey, sign: nodeSigner(logPair.privateKey) };
const logKey = parseVerifierKey(formatVerifierKey(logSigner.name, logPair.publicKey));
const plenary = { id: 'plenary', parties: ['sy', 'il', 'us'] };
const origin = compartmentOrigin(CELL, 'plenary');
const author = { device: 'd_author', member: 'm_author', party: 'sy', pair: generateKeyPair() };
const APPROVED_AT = '2026-01-06T09:00:00.000Z';
const T = 1_767_690_000;

async function directory(): Promise<DirectoryView> {
  const publicKey = base64UrlEncode(author.pair.publicKey);
  const statement = { kind: 'device.approved' as const, cell: CELL, device: author.device, member: author.member, party: author.party, publicKey, at: APPROVED_AT };
  return resolveDirectory(
    {
      members: [{ id: author.member, party: author.party, displayName: 'Syrian duty officer' }],
      devices: [{ id: author.device, member: author.member, party: author.party, publicKey, attestations: [await signDeviceAttestation(statement, { kind: 'log' }, logSigner.sign)] }],
    },
    CELL,
    logPair.publicKey,
    verifier,
  );
}

function message(text: string, overrides: { compartment?: string; authoredAt?: string } = {}): Promise<SignedEnvelope> {
  return signEnvelope(
    {
      cell: CELL,
      compartment: overrides.compartment ?? 'plenary',
      type: 'message',
      track: 'general',
      payload: { text, language: 'en' },
      references: [],
      author: author.member,
      device: author.device,
      authoredAt: overrides.authoredAt ?? '2026-01-06T10:00:00.000Z',
    },
    nodeSigner(author.pair.privateKey),
  );
}

async function signatureContext(): Promise<SignatureContext> {
  return { cellId: CELL, compartment: plenary, directory: await directory(), logPublicKey: logPair.publicKey, verifier };
}

/** A log of `count` messages: leaves, leaf hashes, and signed checkpoints of any prefix. */
async function log(count: number, prefix = 'message') {
  const leaves = await Promise.all(Array.from({ length: count }, async (_, index) => canonicalJson(await message(`${prefix} ${index}`))));
  const hashes = leaves.map((leaf) => leafHash(utf8Encode(leaf)));
  const checkpoint = (size: number, time = T + size, signer = logSigner, at = origin) =>
    signCheckpoint({ origin: at, size, rootHash: merkleTreeHash(hashes.slice(0, size)) }, signer, time);
  return { leaves, hashes, checkpoint };
}

const stored = (note: string, size: number): StoredCheckpoint => ({ note, size, verifiedAt: '2026-01-06T10:00:00.000Z' });

function monitor(hashes: Uint8Array[], refuse = false): CheckpointContext {
  return {
    origin,
    logKey,
    verifier,
    consistencyProof: async (from, to) => {
      if (refuse) throw new ApiError({ status: 400, code: 'validation_failed', message: 'the log has fewer entries' });
      return { from, to, hashes: consistencyProof(hashes, from, to).map(base64Encode) };
    },
    isRefusal: (error) => error instanceof ApiError && error.status === 400,
  };
}

describe('reading a leaf', () => {
  it('[R4][R5] takes the id and leaf hash from the bytes', async () => {
    const leaf = canonicalJson(await message('hello'));
    const parsed = parseLeaf(leaf);
    expect(parsed.problem).toBeUndefined();
    expect(parsed.id).toBe(base64UrlEncode(leafHash(utf8Encode(leaf))));
    expect(parsed.signed?.envelope.payload).toEqual({ text: 'hello', language: 'en' });
  });

  it('refuses a leaf that is not canonical JSON of a signed envelope', async () => {
    const signed = await message('hello');
    expect(parseLeaf(JSON.stringify(signed, null, 1)).problem).toMatch(/canonical/);
    expect(parseLeaf('{"envelope":').problem).toMatch(/not JSON/);
    expect(parseLeaf('{"envelope":{},"signature":"x"}').problem).toMatch(/not a signed envelope/);
  });
});

describe('verifying who signed an item', () => {
  it('[R30] accepts an item signed by an approved device of its author', async () => {
    expect(await verifyItemSignature(await message('hello'), await signatureContext())).toEqual({ status: 'verified' });
  });

  it('[R30] fails an item whose content changed after signing', async () => {
    const signed = await message('week 2');
    const altered = { ...signed, envelope: { ...signed.envelope, payload: { text: 'week 3', language: 'en' } } };
    expect(await verifyItemSignature(altered, await signatureContext())).toMatchObject({ status: 'failed', code: 'signature_invalid' });
  });

  it('[R29] fails an item written before its device was approved', async () => {
    const early = await message('too early', { authoredAt: '2026-01-06T08:59:59.999Z' });
    expect(await verifyItemSignature(early, await signatureContext())).toMatchObject({ status: 'failed', code: 'device_not_valid' });
  });

  it('[R25][R29] does not count an approval that the log key did not sign', async () => {
    const context = await signatureContext();
    const forger = generateKeyPair();
    const publicKey = base64UrlEncode(author.pair.publicKey);
    const statement = { kind: 'device.approved' as const, cell: CELL, device: author.device, member: author.member, party: author.party, publicKey, at: APPROVED_AT };
    const forged = await resolveDirectory(
      { members: [], devices: [{ id: author.device, member: author.member, party: author.party, publicKey, attestations: [await signDeviceAttestation(statement, { kind: 'log' }, nodeSigner(forger.privateKey))] }] },
      CELL,
      logPair.publicKey,
      verifier,
    );
    expect(await verifyItemSignature(await message('hello'), { ...context, directory: forged })).toMatchObject({ status: 'failed', code: 'device_not_valid' });
  });

  it('[R24][R26][R28] fails an item filed elsewhere, by an unknown device, or by a party outside the compartment', async () => {
    const context = await signatureContext();
    expect(await verifyItemSignature(await message('hello', { compartment: 'caucus-sy' }), context)).toMatchObject({ code: 'location_mismatch' });
    expect(await verifyItemSignature(await message('hello'), { ...context, directory: { members: new Map(), devices: new Map() } })).toMatchObject({ code: 'device_unknown' });
    expect(await verifyItemSignature(await message('hello'), { ...context, compartment: { id: 'plenary', parties: ['il', 'us'] } })).toMatchObject({
      code: 'author_not_in_compartment',
    });
  });
});

describe('verifying that the log holds an item', () => {
  it('[R7] proves an entry under a checkpoint, and fails altered bytes', async () => {
    const { leaves, hashes } = await log(5);
    const root = { size: 5, rootHash: merkleTreeHash(hashes) };
    const context = { inclusionProof: async (index: number, size: number) => ({ index, size, hashes: inclusionProof(hashes, index, size).map(base64Encode) }), isRefusal: () => false };
    expect(await verifyItemInclusion(hashes[3]!, 3, root, context)).toEqual({ status: 'verified', size: 5 });
    const altered = leafHash(utf8Encode(leaves[3]!.replace('message 3', 'message 9')));
    expect(await verifyItemInclusion(altered, 3, root, context)).toMatchObject({ status: 'failed', code: 'inclusion_invalid' });
    expect(await verifyItemInclusion(hashes[3]!, 2, root, context)).toMatchObject({ status: 'failed', code: 'inclusion_invalid' });
  });

  it('fails when the server refuses the proof, and stays pending when it cannot be reached', async () => {
    const { hashes } = await log(2);
    const root = { size: 2, rootHash: merkleTreeHash(hashes) };
    const refused = new ApiError({ status: 400, code: 'validation_failed', message: 'no' });
    const unreachable = new ApiError({ status: 0, code: 'network', message: 'offline' });
    const failing = (error: ApiError) => ({ inclusionProof: () => Promise.reject(error), isRefusal: (e: unknown) => e === refused });
    expect(await verifyItemInclusion(hashes[0]!, 0, root, failing(refused))).toMatchObject({ status: 'failed', code: 'proof_unavailable' });
    await expect(verifyItemInclusion(hashes[0]!, 0, root, failing(unreachable))).rejects.toBe(unreachable);
  });
});

describe('checking a new checkpoint against the last one verified here', () => {
  it('[R9] trusts the first checkpoint signed by the pinned key for this origin', async () => {
    const { hashes, checkpoint } = await log(3);
    expect(await checkCheckpoint(await checkpoint(3), undefined, monitor(hashes))).toMatchObject({ ok: true, relation: 'first' });
  });

  it('[R9] refuses a checkpoint signed by another key or for another origin', async () => {
    const { hashes, checkpoint } = await log(3);
    const other = generateKeyPair();
    const impostor = { name: logKeyName(CELL), publicKey: other.publicKey, sign: nodeSigner(other.privateKey) };
    expect(await checkCheckpoint(await checkpoint(3, T, impostor), undefined, monitor(hashes))).toMatchObject({ ok: false, code: 'checkpoint_invalid' });
    const elsewhere = await checkpoint(3, T, logSigner, compartmentOrigin(CELL, 'caucus-sy'));
    expect(await checkCheckpoint(elsewhere, undefined, monitor(hashes))).toMatchObject({ ok: false, code: 'checkpoint_invalid' });
  });

  it('[R7] accepts the same tree again, and a larger tree that the consistency proof shows extends it', async () => {
    const { hashes, checkpoint } = await log(7);
    const before = stored(await checkpoint(3), 3);
    expect(await checkCheckpoint(await checkpoint(3), before, monitor(hashes))).toMatchObject({ ok: true, relation: 'same' });
    expect(await checkCheckpoint(await checkpoint(7), before, monitor(hashes))).toMatchObject({ ok: true, relation: 'extended', from: 3 });
  });

  it('[R7] raises an alarm when the log shrinks, forks at the same size, or rewrites history', async () => {
    const real = await log(6);
    const rewritten = await log(6, 'rewritten');
    const before = stored(await real.checkpoint(4), 4);
    expect(await checkCheckpoint(await real.checkpoint(3), before, monitor(real.hashes))).toMatchObject({ ok: false, code: 'checkpoint_shrank', values: { size: 3, previousSize: 4 } });
    expect(await checkCheckpoint(await rewritten.checkpoint(4), before, monitor(rewritten.hashes))).toMatchObject({ ok: false, code: 'checkpoint_forked' });
    expect(await checkCheckpoint(await rewritten.checkpoint(6), before, monitor(rewritten.hashes))).toMatchObject({ ok: false, code: 'checkpoint_inconsistent' });
  });

  it('[R21] raises an alarm for a larger tree signed earlier, or when the server will not prove consistency', async () => {
    const { hashes, checkpoint } = await log(6);
    const before = stored(await checkpoint(4, T + 100), 4);
    expect(await checkCheckpoint(await checkpoint(6, T + 50), before, monitor(hashes))).toMatchObject({ ok: false, code: 'checkpoint_time_reversed' });
    expect(await checkCheckpoint(await checkpoint(6, T + 200), before, monitor(hashes, true))).toMatchObject({ ok: false, code: 'consistency_unprovable' });
  });
});

describe('checking a checkpoint the stream delivered late', () => {
  it('[R39] takes an older checkpoint as old news when the one verified here follows from it', async () => {
    const { hashes, checkpoint } = await log(6);
    const before = stored(await checkpoint(6), 6);
    const late = { ...monitor(hashes), mayBeLate: true };
    expect(await checkCheckpoint(await checkpoint(4), before, late)).toMatchObject({ ok: true, relation: 'earlier' });
    expect(await checkCheckpoint(await checkpoint(0), before, late)).toMatchObject({ ok: true, relation: 'earlier' });
    // As the server's answer to "what is the latest checkpoint", smaller is the log shrinking.
    expect(await checkCheckpoint(await checkpoint(4), before, monitor(hashes))).toMatchObject({ ok: false, code: 'checkpoint_shrank' });
  });

  it('[R39] raises an alarm for an older checkpoint of another history, or signed after the one verified here', async () => {
    const real = await log(6);
    const rewritten = await log(6, 'rewritten');
    const before = stored(await real.checkpoint(6), 6);
    const late = { ...monitor(real.hashes), mayBeLate: true };
    expect(await checkCheckpoint(await rewritten.checkpoint(4), before, late)).toMatchObject({ ok: false, code: 'checkpoint_inconsistent', values: { size: 6, previousSize: 4 } });
    expect(await checkCheckpoint(await real.checkpoint(4, T + 100), before, late)).toMatchObject({ ok: false, code: 'checkpoint_time_reversed' });
    expect(await checkCheckpoint(await real.checkpoint(4), before, { ...monitor(real.hashes, true), mayBeLate: true })).toMatchObject({ ok: false, code: 'consistency_unprovable' });
  });
});

describe('stamping a cosignature', () => {
  const device = { id: 'd', publicKey: '', sign: async () => new Uint8Array(64) };
  it('[R11][R36] never stamps a second before the device was approved or the checkpoint was signed', () => {
    const approvedAt = '2026-01-06T10:00:05.300Z';
    const approvedSecond = Math.floor(Date.parse(approvedAt) / 1000);
    expect(cosignatureSecond({ ...device, approvedAt }, 0, Date.parse(approvedAt) + 200)).toBe(approvedSecond);
    expect(cosignatureSecond({ ...device, approvedAt }, 0, Date.parse(approvedAt) - 1000)).toBeUndefined();
    expect(cosignatureSecond({ ...device, approvedAt }, approvedSecond + 3, Date.parse(approvedAt) + 200)).toBe(approvedSecond + 3);
  });
});

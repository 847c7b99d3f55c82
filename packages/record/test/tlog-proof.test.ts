import { describe, expect, it } from 'vitest';
import {
  addSignatureLines,
  base64Encode,
  compartmentOrigin,
  cosignCheckpoint,
  cosignerName,
  entryTlogProof,
  envelopeLeafHash,
  formatTlogProof,
  formatCheckpoint,
  formatSignedNote,
  formatVerifierKey,
  inclusionProof,
  leafHash,
  merkleTreeHash,
  signNoteText,
  leafData,
  parseSignedNote,
  parseTlogProof,
  TlogProofError,
  verifyTlogProof,
  type TlogProofErrorCode,
} from '../src/index.ts';
import { nodeVerifier } from '../src/node/index.ts';
import { exampleCell, namedSigner, T0 } from './fixtures/test-cell.ts';

const verifier = nodeVerifier();

async function proofOfSecondEntry() {
  const cell = await exampleCell();
  const plenary = cell.compartments.get('plenary')!;
  const leaves = plenary.entries.map(envelopeLeafHash);
  const checkpoint = plenary.checkpoints.at(-1)!;
  const text = entryTlogProof(plenary.entries[1]!, 1, inclusionProof(leaves, 1, leaves.length), checkpoint);
  return { cell, plenary, leaves, checkpoint, text };
}

async function expectCode(promise: Promise<unknown>, code: TlogProofErrorCode) {
  await expect(promise).rejects.toBeInstanceOf(TlogProofError);
  await promise.catch((error: TlogProofError) => expect(error.code).toBe(code));
}

describe('tlog-proof (c2sp.org/tlog-proof@v1)', () => {
  it('[R12] writes header, extra, index, proof hashes, a blank line and the checkpoint', async () => {
    const { plenary, text, checkpoint } = await proofOfSecondEntry();
    const lines = text.split('\n');
    expect(lines[0]).toBe('c2sp.org/tlog-proof@v1');
    expect(lines[1]).toBe(`extra ${base64Encode(leafData(plenary.entries[1]!))}`);
    expect(lines[2]).toBe('index 1');
    expect(text.endsWith(`\n\n${checkpoint}`)).toBe(true);
    const parsed = parseTlogProof(text);
    expect(parsed.index).toBe(1);
    expect(parsed.inclusionProof).toHaveLength(2);
    expect(formatTlogProof(parsed)).toBe(text);
  });

  it('[R12] verifies offline and returns the item, checkpoint and time', async () => {
    const { cell, plenary, text } = await proofOfSecondEntry();
    const result = await verifyTlogProof(text, { logKey: cell.logKey, origin: compartmentOrigin('paris', 'plenary'), verifier });
    expect(result.index).toBe(1);
    expect(result.checkpoint.size).toBe(4);
    expect(result.checkpoint.time).toBe(T0 + 150);
    expect(result.signedEnvelope).toEqual(plenary.entries[1]);
    // The leaf may instead be given by the verifier, which then does not rely on `extra`.
    const bare = formatTlogProof({ ...parseTlogProof(text), extra: undefined });
    const byHash = await verifyTlogProof(bare, { logKey: cell.logKey, leafHash: envelopeLeafHash(plenary.entries[1]!), verifier });
    expect(byHash.signedEnvelope).toBeUndefined();
    await expectCode(verifyTlogProof(bare, { logKey: cell.logKey, verifier }), 'leaf_missing');
  });

  it('[R12] reports cosigners whose cosignatures the checkpoint carries', async () => {
    const { cell, text } = await proofOfSecondEntry();
    const parsed = parseTlogProof(text);
    const device = namedSigner(cosignerName('paris', 'israel', 'il-duty-1'), 'il-duty-1');
    const line = await cosignCheckpoint(parseSignedNote(parsed.checkpoint).text, device, T0 + 160);
    const cosigned = formatTlogProof({ ...parsed, checkpoint: addSignatureLines(parsed.checkpoint, [line]) });
    const result = await verifyTlogProof(cosigned, { logKey: cell.logKey, cosigners: [device], verifier });
    expect(result.cosignedBy).toEqual([{ name: device.name, time: T0 + 160 }]);
  });

  it('[R12] fails with a code for each kind of problem', async () => {
    const { cell, plenary, text } = await proofOfSecondEntry();
    const options = { logKey: cell.logKey, verifier };
    const parsed = parseTlogProof(text);
    await expectCode(verifyTlogProof(text.replace('index 1', 'index 01'), options), 'proof_malformed');
    await expectCode(verifyTlogProof(text.replace('c2sp.org/tlog-proof@v1', 'tlog-proof'), options), 'proof_malformed');
    await expectCode(verifyTlogProof(formatTlogProof({ ...parsed, index: 2 }), options), 'inclusion_invalid');
    await expectCode(verifyTlogProof(formatTlogProof({ ...parsed, inclusionProof: parsed.inclusionProof.slice(1) }), options), 'inclusion_invalid');
    await expectCode(verifyTlogProof(formatTlogProof({ ...parsed, extra: leafData(plenary.entries[0]!) }), options), 'inclusion_invalid');
    await expectCode(
      verifyTlogProof(text, { ...options, leafData: leafData(plenary.entries[1]!), leafHash: new Uint8Array(32) }),
      'leaf_mismatch',
    );
    const stranger = namedSigner('fusion-cell/paris', 'someone else');
    await expectCode(verifyTlogProof(text, { ...options, logKey: formatVerifierKey(stranger.name, stranger.publicKey) }), 'checkpoint_invalid');
    await expectCode(verifyTlogProof(text, { ...options, origin: 'fusion-cell/paris/caucus-syria' }), 'checkpoint_invalid');
  });

  it('[R12] accepts a proof from another C2SP log whose checkpoint carries no timestamp, given its key and origin', async () => {
    const log = namedSigner('example.com/log', 'another log');
    const leaves = ['a', 'b', 'c'].map((text) => leafHash(new TextEncoder().encode(text)));
    const body = formatCheckpoint({ origin: 'example.com/log', size: 3, rootHash: merkleTreeHash(leaves) });
    const checkpoint = formatSignedNote(body, [await signNoteText(body, log)]);
    const text = formatTlogProof({ index: 2, inclusionProof: inclusionProof(leaves, 2, 3), checkpoint });
    const logKey = formatVerifierKey(log.name, log.publicKey);
    const verified = await verifyTlogProof(text, { logKey, origin: 'example.com/log', leafData: new TextEncoder().encode('c'), verifier });
    expect(verified.index).toBe(2);
    expect(verified.checkpoint.time).toBeUndefined();
    await expectCode(verifyTlogProof(text, { logKey, origin: 'example.com/other', leafData: new TextEncoder().encode('c'), verifier }), 'checkpoint_invalid');
    // A Fusion Cell log must sign its checkpoint's time; one without is refused.
    const ownLog = namedSigner('fusion-cell/paris', 'log without time');
    const ownBody = formatCheckpoint({ origin: 'fusion-cell/paris/plenary', size: 3, rootHash: merkleTreeHash(leaves) });
    const ownProof = formatTlogProof({ index: 2, inclusionProof: inclusionProof(leaves, 2, 3), checkpoint: formatSignedNote(ownBody, [await signNoteText(ownBody, ownLog)]) });
    await expectCode(verifyTlogProof(ownProof, { logKey: formatVerifierKey(ownLog.name, ownLog.publicKey), leafData: new TextEncoder().encode('c'), verifier }), 'checkpoint_invalid');
  });
});

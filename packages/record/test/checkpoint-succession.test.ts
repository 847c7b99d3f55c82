import { describe, expect, it } from 'vitest';
import {
  base64Encode,
  checkSuccession,
  compartmentOrigin,
  consistencyProof,
  formatVerifierKey,
  leafHash,
  logKeyName,
  merkleTreeHash,
  openCheckpoint,
  signCheckpoint,
  SUCCESSION_PROBLEMS,
  utf8Encode,
  type OpenedCheckpoint,
} from '../src/index.ts';
import { nodeVerifier } from '../src/node/index.ts';
import { CELL, namedSigner, T0 } from './fixtures/test-cell.ts';

const verifier = nodeVerifier();
const log = namedSigner(logKeyName(CELL), 'log');
const logKey = formatVerifierKey(log.name, log.publicKey);
const origin = compartmentOrigin(CELL, 'plenary');

const hashesOf = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => leafHash(utf8Encode(`${prefix} ${index}`)));
const history = hashesOf('entry', 8);
const rewritten = [...history.slice(0, 3), ...hashesOf('rewritten', 5)];

/** A checkpoint of the first `size` leaves, signed by the log key at T0 + `seconds`, opened as a client would. */
async function head(leaves: Uint8Array[], size: number, seconds = size, at = origin): Promise<OpenedCheckpoint> {
  const note = await signCheckpoint({ origin: at, size, rootHash: merkleTreeHash(leaves.slice(0, size)) }, log, T0 + seconds);
  return openCheckpoint(note, logKey, verifier, { origin: at });
}

/** The proof a server holding `leaves` would serve, base64 as on the wire. */
const proofOf = (leaves: Uint8Array[], from: number, to: number) => ({ from, to, hashes: consistencyProof(leaves, from, to).map(base64Encode) });

describe('checkpoint succession (client-side monitoring)', () => {
  it('[R39] accepts the first checkpoint a client sees: nothing to follow', async () => {
    expect(checkSuccession(undefined, await head(history, 3))).toEqual({ status: 'accepted', relation: 'first' });
  });

  it('[R39] accepts the same tree again, whenever it was signed', async () => {
    expect(checkSuccession(await head(history, 5, 50), await head(history, 5, 10))).toEqual({ status: 'accepted', relation: 'same' });
    expect(checkSuccession(await head(history, 0), await head(history, 0))).toEqual({ status: 'accepted', relation: 'same' });
  });

  it('[R39][R7] asks for the consistency proof when the tree grew, then accepts one that verifies', async () => {
    const before = await head(history, 3);
    const after = await head(history, 7);
    expect(checkSuccession(before, after)).toEqual({ status: 'proof_needed', from: 3, to: 7 });
    expect(checkSuccession(before, after, proofOf(history, 3, 7))).toEqual({ status: 'accepted', relation: 'extended', from: 3 });
    // Decoded hashes are taken as well as the wire's base64.
    const decoded = { from: 3, to: 7, hashes: consistencyProof(history, 3, 7) };
    expect(checkSuccession(before, after, decoded)).toMatchObject({ status: 'accepted', relation: 'extended' });
    // From the empty tree the proof is empty (R7).
    expect(checkSuccession(await head(history, 0), after, proofOf(history, 0, 7))).toMatchObject({ status: 'accepted', relation: 'extended', from: 0 });
  });

  it('[R39] refuses a log that shrank', async () => {
    expect(checkSuccession(await head(history, 6), await head(history, 4, 10))).toEqual({
      status: 'refused',
      problem: 'shrank',
      size: 4,
      previousSize: 6,
      message: expect.stringMatching(/shrank from size 6 to size 4/),
    });
  });

  it('[R39][R35] refuses another root at the same size: the log signed two trees of one size', async () => {
    expect(checkSuccession(await head(history, 5), await head(rewritten, 5))).toMatchObject({ status: 'refused', problem: 'forked', size: 5, previousSize: 5 });
  });

  it('[R39][R21] refuses a larger tree signed earlier, before any proof is asked for', async () => {
    const verdict = checkSuccession(await head(history, 4, 100), await head(history, 6, 50));
    expect(verdict).toMatchObject({ status: 'refused', problem: 'time_reversed', size: 6, previousSize: 4 });
    // Signed in the same second is not earlier.
    expect(checkSuccession(await head(history, 4, 100), await head(history, 6, 100))).toMatchObject({ status: 'proof_needed' });
  });

  it('[R39][R7] refuses a grown tree whose proof does not lead back to the tree verified before', async () => {
    const before = await head(history, 5);
    const forked = await head(rewritten, 8);
    expect(checkSuccession(before, forked, proofOf(rewritten, 5, 8))).toMatchObject({ status: 'refused', problem: 'inconsistent', size: 8, previousSize: 5 });
    // A valid proof, but for other sizes than the two checkpoints.
    const after = await head(history, 8);
    expect(checkSuccession(before, after, proofOf(history, 4, 8))).toMatchObject({ status: 'refused', problem: 'inconsistent' });
    expect(checkSuccession(before, after, { from: 5, to: 8, hashes: [] })).toMatchObject({ status: 'refused', problem: 'inconsistent' });
  });

  it('[R39] refuses a proof whose hashes are not base64', async () => {
    const verdict = checkSuccession(await head(history, 5), await head(history, 8), { from: 5, to: 8, hashes: ['not base64!'] });
    expect(verdict).toMatchObject({ status: 'refused', problem: 'proof_malformed' });
  });

  it('[R39] never compares checkpoints of two logs', async () => {
    const caucus = await head(history, 6, 6, compartmentOrigin(CELL, 'caucus-syria'));
    expect(checkSuccession(await head(history, 5), caucus, proofOf(history, 5, 6))).toMatchObject({ status: 'refused', problem: 'origin_mismatch' });
  });

  it('names every refusal from one closed list', () => {
    expect(SUCCESSION_PROBLEMS).toEqual(['origin_mismatch', 'shrank', 'forked', 'time_reversed', 'proof_malformed', 'inconsistent']);
  });
});

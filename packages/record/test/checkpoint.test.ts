import { describe, expect, it } from 'vitest';
import {
  addSignatureLines,
  compartmentOrigin,
  consistencyProof,
  cosignatureMessage,
  cosignCheckpoint,
  cosignerName,
  formatCheckpoint,
  formatVerifierKey,
  logKeyName,
  NoteError,
  openCheckpoint,
  openSignedNote,
  ed25519NoteVerifier,
  parseCheckpoint,
  parseSignedNote,
  signCheckpoint,
  utf8Decode,
  verifyConsistency,
  verifyCosignatureLine,
  type Checkpoint,
} from '../src/index.ts';
import { nodeVerifier } from '../src/node/index.ts';
import { namedSigner, T0 } from './fixtures/test-cell.ts';

const verifier = nodeVerifier();
const log = namedSigner(logKeyName('paris'), 'log');
const logKey = formatVerifierKey(log.name, log.publicKey);
const checkpoint: Checkpoint = {
  origin: compartmentOrigin('paris', 'plenary'),
  size: 20852163,
  rootHash: Uint8Array.from(atob('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I='), (c) => c.charCodeAt(0)),
};

describe('checkpoints (c2sp.org/tlog-checkpoint)', () => {
  it('[R8] writes the three-line body of the C2SP example', () => {
    const text = formatCheckpoint({ ...checkpoint, origin: 'example.com/behind-the-sofa' });
    expect(text).toBe('example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n');
    expect(parseCheckpoint(text)).toEqual({ ...checkpoint, origin: 'example.com/behind-the-sofa' });
  });

  it('[R8] refuses extension lines, leading zeros and short roots', () => {
    const text = formatCheckpoint(checkpoint);
    for (const bad of [
      `${text}extension\n`,
      text.replace('20852163', '020852163'),
      text.replace('20852163', '-1'),
      text.replace('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'CsUY'),
      text.slice(0, -1),
      `\n${text}`,
    ]) {
      expect(() => parseCheckpoint(bad), bad).toThrow(NoteError);
    }
  });

  it('[R9][R10] is signed by the log key and carries its signing time', async () => {
    const note = await signCheckpoint(checkpoint, log, T0);
    const lines = parseSignedNote(note).signatures;
    expect(lines.map((line) => line.name)).toEqual([log.name, log.name]);
    const opened = await openCheckpoint(note, logKey, verifier, { origin: checkpoint.origin });
    expect(opened).toMatchObject({ origin: checkpoint.origin, size: checkpoint.size, time: T0 });
    // Plain signed-note verifiers (like Go's note.Open) accept it and ignore the time line.
    const plain = await openSignedNote(note, [ed25519NoteVerifier(log, verifier)]);
    expect(plain.verified).toHaveLength(1);
    expect(plain.unverified).toHaveLength(1);
  });

  it('[R10] rejects a checkpoint without the timestamped signature, or with a forged one', async () => {
    const note = await signCheckpoint(checkpoint, log, T0);
    const [text, block] = note.split('\n\n') as [string, string];
    const [signatureLine, timeLine] = block.trimEnd().split('\n') as [string, string];
    await expect(openCheckpoint(`${text}\n\n${signatureLine}\n`, logKey, verifier)).rejects.toThrow('no timestamped signature');
    const otherTime = await cosignCheckpoint(`${text}\n`, log, T0 + 1);
    const forged = `${text}\n\n${signatureLine}\n${otherTime.slice(0, -8)}AAAAAAA=\n`;
    await expect(openCheckpoint(forged, logKey, verifier)).rejects.toThrow(NoteError);
    expect(timeLine).not.toBe(otherTime);
  });

  it('[R9] rejects a checkpoint from another key, another origin, or with a changed body', async () => {
    const note = await signCheckpoint(checkpoint, log, T0);
    const stranger = namedSigner(log.name, 'someone else');
    await expect(openCheckpoint(await signCheckpoint(checkpoint, stranger, T0), logKey, verifier)).rejects.toThrow(
      'not signed by the log key',
    );
    await expect(openCheckpoint(note, logKey, verifier, { origin: 'fusion-cell/paris/other' })).rejects.toThrow('origin');
    await expect(openCheckpoint(note.replace('20852163', '20852164'), logKey, verifier)).rejects.toThrow(
      'invalid log signature',
    );
  });

  it('[R7] successive checkpoints are proven consistent', async () => {
    const leaves = Array.from({ length: 10 }, (_, i) => new Uint8Array(32).fill(i));
    const { merkleTreeHash } = await import('../src/index.ts');
    const older = await signCheckpoint({ origin: checkpoint.origin, size: 6, rootHash: merkleTreeHash(leaves.slice(0, 6)) }, log, T0);
    const newer = await signCheckpoint({ origin: checkpoint.origin, size: 10, rootHash: merkleTreeHash(leaves) }, log, T0 + 1);
    const a = await openCheckpoint(older, logKey, verifier);
    const b = await openCheckpoint(newer, logKey, verifier);
    expect(verifyConsistency(a.size, b.size, consistencyProof(leaves, 6, 10), a.rootHash, b.rootHash)).toBe(true);
    const forked = [...leaves.slice(0, 5), new Uint8Array(32).fill(99), ...leaves.slice(6)];
    expect(verifyConsistency(a.size, b.size, consistencyProof(forked, 6, 10), a.rootHash, merkleTreeHash(forked))).toBe(false);
  });
});

describe('device cosignatures (c2sp.org/tlog-cosignature v1)', () => {
  const name = cosignerName('paris', 'israel', 'il-duty-1');
  const device = namedSigner(name, 'il-duty-1');

  it('[R11] signs "cosignature/v1\\ntime <t>\\n" + the checkpoint text', () => {
    const text = formatCheckpoint(checkpoint);
    expect(utf8Decode(cosignatureMessage(text, 1679315147))).toBe(`cosignature/v1\ntime 1679315147\n${text}`);
  });

  it('[R11] a device cosignature verifies with its name and key, and returns its time', async () => {
    const note = await signCheckpoint(checkpoint, log, T0);
    const text = parseSignedNote(note).text;
    const line = await cosignCheckpoint(text, device, T0 + 5);
    expect(line.startsWith(`— ${name} `)).toBe(true);
    expect(await verifyCosignatureLine(text, line, device, verifier)).toBe(T0 + 5);
    expect(await verifyCosignatureLine(text.replace('20852163', '20852164'), line, device, verifier)).toBeUndefined();
    expect(await verifyCosignatureLine(text, line, { ...device, name: cosignerName('paris', 'israel', 'other') }, verifier)).toBeUndefined();
    // Added to the note, the log's checkpoint still opens; the cosignature is another line.
    const cosigned = addSignatureLines(note, [line]);
    expect((await openCheckpoint(cosigned, logKey, verifier)).note.signatures).toHaveLength(3);
  });
});

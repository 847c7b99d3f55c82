import { describe, expect, it } from 'vitest';
import { nodeVerifier } from '@fusion-cell/record/node';
import { checkCheckpointEvidence } from '../src/client/split-view.ts';
import { checkpointOf, entries, logKey, ORIGIN, CELL } from './record-fixtures.ts';

const log = logKey();
const history = entries(['a', 'b', 'c', 'd', 'e']);
const bundle = { logKey: log.verifierKey, compartments: [{ id: 'plenary', origin: ORIGIN, entries: history }] };
const check = (notes: string[]) =>
  checkCheckpointEvidence(
    bundle,
    notes.map((note, i) => ({ source: `saved-${i}.note`, note })),
    nodeVerifier(),
  );

describe('checkpoints from outside the bundle', () => {
  it('[R35] accepts checkpoints that agree with the history at their sizes, empty included', async () => {
    expect(await check([await checkpointOf(log.signer, history, 0), await checkpointOf(log.signer, history, 3), await checkpointOf(log.signer, history)])).toEqual([]);
  });

  it('[R35] reports a checkpoint the log signed over another history of the same size as a split view', async () => {
    const other = entries(['a', 'b', 'X', 'd']);
    const failures = await check([await checkpointOf(log.signer, other)]);
    expect(failures).toEqual([
      expect.objectContaining({ rule: 'R35', code: 'split_view', compartment: 'plenary', message: expect.stringMatching(/^saved-0\.note: the log signed size 4 with root .*\(split view\)$/) }),
    ]);
  });

  it('[R33] reports a checkpoint beyond the bundle: the log was cut back, or the bundle is older', async () => {
    const longer = entries(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(await check([await checkpointOf(log.signer, longer)])).toEqual([expect.objectContaining({ code: 'entries_missing', compartment: 'plenary' })]);
  });

  it('[R20] refuses a checkpoint not signed by the bundle’s log key', async () => {
    const failures = await check([await checkpointOf(logKey().signer, history)]);
    expect(failures).toEqual([expect.objectContaining({ code: 'checkpoint_signature_invalid', message: expect.stringContaining('not signed by the log key') })]);
  });

  it('[R18] refuses a checkpoint for a compartment the bundle does not hold', async () => {
    const failures = await check([await checkpointOf(log.signer, history, 2, `fusion-cell/${CELL}/caucus-il`)]);
    expect(failures).toEqual([expect.objectContaining({ code: 'compartment_invalid', message: expect.stringContaining('caucus-il') })]);
  });

  it('leaves a bundle without a usable shape to verifyBundle (R16)', async () => {
    expect(await checkCheckpointEvidence({ format: 'nonsense' }, [{ source: 'x', note: 'y' }], nodeVerifier())).toEqual([]);
  });
});

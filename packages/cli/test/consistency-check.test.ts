import { describe, expect, it } from 'vitest';
import { base64Encode, consistencyProof, parseVerifierKey, signCheckpoint } from '@fusion-cell/record';
import { nodeVerifier } from '@fusion-cell/record/node';
import type { ApiClient } from '../src/client/api-client.ts';
import { checkConsistency } from '../src/client/consistency-check.ts';
import { checkpointOf, entries, leafHashes, logKey, open, ORIGIN, rootOf } from './record-fixtures.ts';

const log = logKey();
const key = log.verifierKey;
const history = entries(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
const forked = entries(['a', 'b', 'c', 'X', 'e', 'f', 'g']);

/** A server that answers consistency proofs from the given history. */
function serverOf(list: typeof history): ApiClient {
  return {
    getJson: async (url: string) => {
      const query = new URL(url, 'http://server').searchParams;
      const [from, to] = [Number(query.get('from')), Number(query.get('to'))];
      return { from, to, hashes: consistencyProof(leafHashes(list), from, to).map(base64Encode) };
    },
  } as unknown as ApiClient;
}

async function stored(list: typeof history, size: number) {
  return { compartment: 'plenary', size, file: `/home/checkpoints/${size}.note`, note: await checkpointOf(log.signer, list, size) };
}

async function judge(previous: Awaited<ReturnType<typeof stored>> | undefined, currentList: typeof history, size: number) {
  const current = await open(await checkpointOf(log.signer, currentList, size), key);
  return checkConsistency(serverOf(currentList), 'plenary', previous, current, parseVerifierKey(key), nodeVerifier());
}

describe("the witness's consistency check", () => {
  it('accepts the first checkpoint, the same tree again, and a grown tree with a valid proof', async () => {
    expect(await judge(undefined, history, 3)).toEqual({ ok: true, summary: 'first checkpoint seen' });
    expect(await judge(await stored(history, 5), history, 5)).toEqual({ ok: true, summary: 'same tree as last verified' });
    expect(await judge(await stored(history, 3), history, 7)).toEqual({ ok: true, summary: 'consistent with size 3' });
    expect(await judge(await stored(history, 0), history, 7)).toMatchObject({ ok: true });
  });

  it('[R7] refuses a grown tree whose proof does not lead back to what was verified', async () => {
    const verdict = await judge(await stored(history, 5), forked, 7);
    expect(verdict).toMatchObject({ ok: false, problem: expect.stringMatching(/size 7 is not consistent with the checkpoint of size 5/) });
  });

  it('[R35] refuses another root at the same size (split view) and a log that shrank', async () => {
    expect(await judge(await stored(history, 5), forked, 5)).toMatchObject({ ok: false, problem: expect.stringMatching(/two different trees of size 5/) });
    expect(await judge(await stored(history, 6), history, 5)).toMatchObject({ ok: false, problem: expect.stringMatching(/the log shrank/) });
  });

  it('[R39] refuses a grown tree signed before the one verified, without asking for a proof', async () => {
    const signedAt = (size: number, time: number) => signCheckpoint({ origin: ORIGIN, size, rootHash: rootOf(history, size) }, log.signer, time);
    const previous = { compartment: 'plenary', size: 5, file: '/home/checkpoints/5.note', note: await signedAt(5, 1_767_800_000) };
    const current = await open(await signedAt(7, 1_767_700_000), key);
    const noServer = { getJson: () => Promise.reject(new Error('no proof should be asked for')) } as unknown as ApiClient;
    const verdict = await checkConsistency(noServer, 'plenary', previous, current, parseVerifierKey(key), nodeVerifier());
    expect(verdict).toMatchObject({ ok: false, problem: expect.stringMatching(/size 7 was signed before the checkpoint of size 5/) });
  });

  it('refuses a stored checkpoint that the pinned key did not sign', async () => {
    const foreign = { compartment: 'plenary', size: 3, file: '/x/3.note', note: await checkpointOf(logKey().signer, history, 3) };
    expect(await judge(foreign, history, 5)).toMatchObject({ ok: false, problem: expect.stringMatching(/does not verify under the pinned log key/) });
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { base64Encode, base64UrlEncode, inclusionProof } from '@fusion-cell/record';
import type { ApiClient } from '../src/client/api-client.ts';
import { checkSentItems, rememberSentItem } from '../src/client/sent-items.ts';
import { CELL, checkpointOf, entries, leafHashes, logKey, open } from './record-fixtures.ts';

const log = logKey();
const history = entries(['a', 'b', 'c', 'd', 'e']);
const ids = leafHashes(history).map(base64UrlEncode);
let home: string;
let requests: number;

/** A server that proves inclusion in the given history. */
const server = {
  getJson: async (url: string) => {
    requests += 1;
    const query = new URL(url, 'http://server').searchParams;
    const [index, size] = [Number(query.get('index')), Number(query.get('size'))];
    return { index, size, hashes: inclusionProof(leafHashes(history), index, size).map(base64Encode) };
  },
} as unknown as ApiClient;

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'fusion-cell-sent-'));
  requests = 0;
});
afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

describe('items this client sent', () => {
  it('are proven included once, then not asked for again; items beyond the checkpoint wait', async () => {
    rememberSentItem(home, CELL, { id: ids[1]!, compartment: 'plenary', index: 1 });
    rememberSentItem(home, CELL, { id: ids[4]!, compartment: 'plenary', index: 4 });
    const atFour = await open(await checkpointOf(log.signer, history, 4), log.verifierKey);
    expect(await checkSentItems(server, home, CELL, 'plenary', atFour)).toEqual({ checked: 1, problems: [] });
    const atFive = await open(await checkpointOf(log.signer, history, 5), log.verifierKey);
    expect(await checkSentItems(server, home, CELL, 'plenary', atFive)).toEqual({ checked: 1, problems: [] });
    expect(requests).toBe(2);
    expect(fs.statSync(path.join(home, 'sent', CELL, 'plenary.json')).mode & 0o777).toBe(0o600);
  });

  it('[R7] raise a problem when the log holds something else at the index of the receipt', async () => {
    rememberSentItem(home, CELL, { id: ids[2]!, compartment: 'plenary', index: 3 });
    const checkpoint = await open(await checkpointOf(log.signer, history), log.verifierKey);
    const result = await checkSentItems(server, home, CELL, 'plenary', checkpoint);
    expect(result.problems).toEqual([`the item ${ids[2]} this client sent (entry #3) is not in the log at size 5`]);
  });
});

import {
  base64Decode,
  cosignCheckpoint,
  cosignerName,
  openCheckpoint,
  parseSignedNote,
  verifyBundle,
  verifyConsistency,
  verifyInclusion,
  verifyTlogProof,
  leafHash,
  utf8Encode,
} from '@fusion-cell/record';
import { nodeSigner, nodeVerifier } from '@fusion-cell/record/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildDerivedState } from '../src/record/rebuild.ts';
import type { ApiClient } from './support/api-client.ts';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { SigningClient } from './support/signing-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const verifier = nodeVerifier();

describe.each(ENGINES)('the record on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  let sy: SigningClient;
  let il: SigningClient;
  let us: SigningClient;
  let logKey: string;

  beforeAll(async () => {
    storage = await setup.create();
    server = await startTestServer(storage, { checkpointIntervalMs: 60_000 });
    sy = await SigningClient.open(server.url, 'sy.duty1', server.passwordOf('sy.duty1'));
    il = await SigningClient.open(server.url, 'il.duty1', server.passwordOf('il.duty1'));
    us = await SigningClient.open(server.url, 'us.duty1', server.passwordOf('us.duty1'));
    logKey = (await sy.get('/api/v1/record')).body.logKey;
  });

  afterAll(async () => {
    await server.close();
    await storage.cleanup();
  });

  const signCheckpoints = () => server.handle.services.record.checkpointer.signPending();

  async function latestCheckpoint(client: ApiClient, compartment: string) {
    const response = await client.get(`/api/v1/compartments/${compartment}/checkpoint`);
    expect(response.status).toBe(200);
    return { note: response.body as string, opened: await openCheckpoint(response.body, logKey, verifier, { origin: `fusion-cell/paris-2026/${compartment}` }) };
  }

  it('starts with the signed demo history, each compartment with a signed checkpoint', async () => {
    const record = (await us.get('/api/v1/record')).body;
    const sizes = Object.fromEntries(record.compartments.map((log: { id: string; size: number }) => [log.id, log.size]));
    // Plenary: four messages, an explanation request and the cell's finding on its area, two glossary terms and four
    // signatures; three zone versions with six signatures, two notices, an acknowledgment, an incident and a position,
    // and the cell's ten findings on the zones, notices and incident; an intelligence report with its acknowledgment and an
    // opinion, a request for information with its reply and close; three opportunities, an interest, its acknowledgment and a move.
    expect(sizes).toEqual({ plenary: 60, 'caucus-sy': 2, 'caucus-il': 2, 'internal-us': 0 });
    for (const log of record.compartments) {
      const opened = await openCheckpoint(log.checkpoint, logKey, verifier);
      expect(opened.size).toBe(log.size);
    }
  });

  it('proves inclusion of an entry and consistency between checkpoints', async () => {
    const first = await latestCheckpoint(il, 'plenary');
    const sent = await sy.send({ payload: { text: 'proof please', language: 'en' } });
    await il.send({ payload: { text: 'and another', language: 'he' } });
    await signCheckpoints();
    const second = await latestCheckpoint(il, 'plenary');
    expect(second.opened.size).toBe(first.opened.size + 2);

    const inclusion = await il.get(`/api/v1/compartments/plenary/proof/inclusion?index=${sent.body.index}&size=${second.opened.size}`);
    const leaf = (await il.get(`/api/v1/items/${sent.body.id}`)).body.leaf as string;
    expect(
      verifyInclusion(leafHash(utf8Encode(leaf)), sent.body.index, second.opened.size, inclusion.body.hashes.map(base64Decode), second.opened.rootHash),
    ).toBe(true);

    const consistency = await il.get(`/api/v1/compartments/plenary/proof/consistency?from=${first.opened.size}&to=${second.opened.size}`);
    expect(verifyConsistency(first.opened.size, second.opened.size, consistency.body.hashes.map(base64Decode), first.opened.rootHash, second.opened.rootHash)).toBe(true);

    const proof = await il.get(`/api/v1/items/${sent.body.id}/proof`);
    expect(proof.body).toMatch(/^c2sp\.org\/tlog-proof@v1\n/);
    const verified = await verifyTlogProof(proof.body, { logKey, verifier });
    expect(verified.index).toBe(sent.body.index);
  });

  it('refuses proofs beyond the log, with the field named', async () => {
    const size = (await latestCheckpoint(sy, 'plenary')).opened.size;
    const beyond = await sy.get(`/api/v1/compartments/plenary/proof/inclusion?index=0&size=${size + 100}`);
    expect(beyond.status).toBe(400);
    expect(beyond.body.error.field).toBe('query.size');
    const backwards = await sy.get(`/api/v1/compartments/plenary/proof/consistency?from=3&to=2`);
    expect(backwards.body.error.field).toBe('query.from');
  });

  it('stores cosignatures a party made of a checkpoint it verified, and refuses forged ones', async () => {
    await il.send({ payload: { text: 'to be cosigned', language: 'en' } });
    await signCheckpoints();
    const { note, opened } = await latestCheckpoint(il, 'plenary');
    const text = parseSignedNote(note).text;
    const cosigner = (client: SigningClient) => ({ name: cosignerName('paris-2026', client.partyId, client.deviceId), publicKey: base64UrlPublicKey(client), sign: nodeSigner(client.key.privateKey) });
    const line = await cosignCheckpoint(text, cosigner(il), 1_767_690_000);
    const stored = await il.post('/api/v1/compartments/plenary/cosignatures', { size: opened.size, device: il.deviceId, line });
    expect(stored.status).toBe(204);
    const record = (await sy.get('/api/v1/record')).body.compartments.find((log: { id: string }) => log.id === 'plenary');
    expect(record.cosignedBy).toContainEqual({ party: 'il', device: il.deviceId, size: opened.size });
    expect(record.checkpoint).toContain(line);

    const forgedBySy = await cosignCheckpoint(text, { ...cosigner(sy), name: cosignerName('paris-2026', 'il', il.deviceId) }, 1_767_690_000);
    const refused = await il.post('/api/v1/compartments/plenary/cosignatures', { size: opened.size, device: il.deviceId, line: forgedBySy });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'signature_invalid', field: 'body.line' });
    const otherDevice = await il.post('/api/v1/compartments/plenary/cosignatures', { size: opened.size, device: sy.deviceId, line });
    expect(otherDevice.body.error.code).toBe('device_unknown');
    const noCheckpoint = await il.post('/api/v1/compartments/plenary/cosignatures', { size: 999_999, device: il.deviceId, line });
    expect(noCheckpoint.status).toBe(404);
  });

  /** Every record endpoint, asked by an outsider about a real compartment, and about none. */
  it.each([
    ['GET', 'entries'],
    ['GET', 'checkpoint'],
    ['GET', 'proof/inclusion?index=0&size=1'],
    ['GET', 'proof/consistency?from=0&to=1'],
    ['POST', 'cosignatures'],
  ])('answers %s %s of a hidden compartment like one that does not exist', async (method, path) => {
    const body = method === 'POST' ? { size: 1, device: il.deviceId, line: 'x' } : undefined;
    const hidden = await il.request(method, `/api/v1/compartments/caucus-sy/${path}`, body);
    const missing = await il.request(method, `/api/v1/compartments/caucus-zz/${path}`, body);
    const internal = await il.request(method, `/api/v1/compartments/internal-us/${path}`, body);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    expect(internal.body).toEqual(missing.body);
  });

  it('hides items of other compartments by id, and leaves them out of the directory and the record', async () => {
    const secret = await sy.send({ compartment: 'internal-sy', payload: { text: 'internal note', language: 'ar' } });
    const byId = await il.get(`/api/v1/items/${secret.body.id}`);
    const none = await il.get(`/api/v1/items/${'B'.repeat(43)}`);
    expect(byId.status).toBe(404);
    expect(byId.body).toEqual(none.body);
    expect((await us.get(`/api/v1/items/${secret.body.id}/proof`)).body).toEqual((await us.get(`/api/v1/items/${'B'.repeat(43)}/proof`)).body);
    const record = (await il.get('/api/v1/record')).body;
    expect(record.compartments.map((log: { id: string }) => log.id)).toEqual(['plenary', 'caucus-il', 'internal-il']);
    expect(JSON.stringify(record)).not.toMatch(/caucus-sy|internal-sy|internal-us/);
  });

  it('exports a bundle that verifies offline, and that holds only the party’s compartments', async () => {
    await sy.send({ payload: { text: 'before export', language: 'en' } });
    const response = await il.get('/api/v1/export');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="fusion-cell-paris-2026-il-/);
    const bundle = response.body;
    expect(bundle.compartments.map((compartment: { id: string }) => compartment.id)).toEqual(['plenary', 'caucus-il', 'internal-il']);
    const report = await verifyBundle(bundle, { verifier });
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checked.entries).toBeGreaterThan(8);
  });

  it('rebuilds the derived state from the logs identically, and notices a difference', async () => {
    const clean = await rebuildDerivedState(server.handle.services.db, { repair: false });
    expect(clean.differences).toEqual([]);
    expect(clean.entries).toBeGreaterThan(10);
    await server.handle.services.db.updateTable('items').set({ track: 'commercial' }).where('compartment_id', '=', 'plenary').where('idx', '=', 0).execute();
    const dirty = await rebuildDerivedState(server.handle.services.db, { repair: false });
    expect(dirty.differences).toEqual([expect.objectContaining({ table: 'items', problem: 'different' })]);
    const repaired = await rebuildDerivedState(server.handle.services.db, { repair: true });
    expect(repaired.differences).toHaveLength(1);
    expect((await rebuildDerivedState(server.handle.services.db, { repair: false })).differences).toEqual([]);
  });
});

function base64UrlPublicKey(client: SigningClient): Uint8Array {
  return new Uint8Array(Buffer.from(client.key.publicKey, 'base64url'));
}

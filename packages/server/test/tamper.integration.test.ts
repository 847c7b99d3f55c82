import { openCheckpoint, verifyBundle, verifyConsistency, base64Decode } from '@fusion-cell/record';
import { nodeVerifier } from '@fusion-cell/record/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { SigningClient } from './support/signing-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const verifier = nodeVerifier();

/**
 * The operator changes the database behind the server's back. Whatever it does to the
 * entries, the export no longer verifies, and the report names the entry and the rule.
 */
describe.each(ENGINES)('tampering with the stored record on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  let sy: SigningClient;
  let il: SigningClient;

  /** The plenary indices of the messages this test sent, after the demo's history. */
  let sent: number[] = [];
  const nth = (n: number) => sent[n] ?? -1;

  beforeEach(async () => {
    storage = await setup.create();
    server = await startTestServer(storage, { checkpointIntervalMs: 60_000 });
    sy = await SigningClient.open(server.url, 'sy.duty1', server.passwordOf('sy.duty1'));
    il = await SigningClient.open(server.url, 'il.duty1', server.passwordOf('il.duty1'));
    sent = [];
    for (let n = 0; n < 3; n++) {
      sent.push((await sy.send({ payload: { text: `sy ${n}`, language: 'ar' } })).body.index);
      sent.push((await il.send({ payload: { text: `il ${n}`, language: 'he' } })).body.index);
    }
    await server.handle.services.record.checkpointer.signPending();
  });

  afterEach(async () => {
    await server.close();
    await storage.cleanup();
  });

  const db = () => server.handle.services.db;

  async function exportedReport() {
    const bundle = (await il.get('/api/v1/export')).body;
    return verifyBundle(bundle, { verifier });
  }

  it('verifies before anyone tampers', async () => {
    expect((await exportedReport()).failures).toEqual([]);
  });

  it('catches one changed byte of a payload, naming the entry', async () => {
    const row = await db().selectFrom('log_entries').select('leaf').where('compartment_id', '=', 'plenary').where('idx', '=', nth(1)).executeTakeFirstOrThrow();
    const changed = row.leaf.replace('"text":"', '"text":"!');
    expect(changed).not.toBe(row.leaf);
    await db().updateTable('log_entries').set({ leaf: changed }).where('compartment_id', '=', 'plenary').where('idx', '=', nth(1)).execute();
    const report = await exportedReport();
    expect(report.ok).toBe(false);
    expect(report.failures).toContainEqual(expect.objectContaining({ code: 'entry_signature_invalid', rule: 'R30', compartment: 'plenary', index: nth(1) }));
    expect(report.failures).toContainEqual(expect.objectContaining({ code: 'checkpoint_root_mismatch', compartment: 'plenary' }));
  });

  it('catches a deleted entry', async () => {
    await db().deleteFrom('log_entries').where('compartment_id', '=', 'plenary').where('idx', '=', nth(2)).execute();
    const report = await exportedReport();
    expect(report.failures).toContainEqual(expect.objectContaining({ code: 'entry_index_gap', compartment: 'plenary' }));
  });

  it('catches two swapped entries', async () => {
    const rows = await db().selectFrom('log_entries').select(['idx', 'leaf', 'item_id']).where('compartment_id', '=', 'plenary').where('idx', 'in', [nth(2), nth(3)]).orderBy('idx').execute();
    const [six, seven] = rows;
    if (!six || !seven) throw new Error('missing rows');
    await db().transaction().execute(async (trx) => {
      await trx.updateTable('log_entries').set({ leaf: seven.leaf, item_id: `${seven.item_id}-` }).where('compartment_id', '=', 'plenary').where('idx', '=', nth(2)).execute();
      await trx.updateTable('log_entries').set({ leaf: six.leaf, item_id: six.item_id.replace(/.$/, '') }).where('compartment_id', '=', 'plenary').where('idx', '=', nth(3)).execute();
    });
    const report = await exportedReport();
    expect(report.failures).toContainEqual(expect.objectContaining({ code: 'checkpoint_root_mismatch', compartment: 'plenary' }));
  });
});

describe.each(ENGINES)('restarting with entries in flight on $engine', (setup) => {
  it('continues the same tree: the checkpoint after restart is consistent with the one before', async () => {
    const storage = await setup.create();
    let server = await startTestServer(storage, { checkpointIntervalMs: 60_000 });
    try {
      const sy = await SigningClient.open(server.url, 'sy.duty1', server.passwordOf('sy.duty1'));
      await Promise.all(Array.from({ length: 25 }, (_, n) => sy.send({ payload: { text: `before ${n}`, language: 'en' } })));
      await server.handle.services.record.checkpointer.signPending();
      const first = (await sy.get('/api/v1/compartments/plenary/checkpoint')).body as string;
      await server.close();

      const password = server.passwordOf('sy.duty1');
      server = await startTestServer(storage, { checkpointIntervalMs: 60_000, clock: server.clock });
      const again = new SigningClient(server.url);
      Object.assign(again, { memberId: sy.memberId, partyId: sy.partyId, deviceId: sy.deviceId, key: sy.key });
      await again.login('sy.duty1', password);
      await Promise.all(Array.from({ length: 7 }, (_, n) => again.send({ payload: { text: `after ${n}`, language: 'en' } })));
      await server.handle.services.record.checkpointer.signPending();
      const second = (await again.get('/api/v1/compartments/plenary/checkpoint')).body as string;
      const logKey = (await again.get('/api/v1/record')).body.logKey;
      const [a, b] = await Promise.all([openCheckpoint(first, logKey, verifier), openCheckpoint(second, logKey, verifier)]);
      expect(b.size).toBe(a.size + 7);
      const proof = (await again.get(`/api/v1/compartments/plenary/proof/consistency?from=${a.size}&to=${b.size}`)).body.hashes.map(base64Decode);
      expect(verifyConsistency(a.size, b.size, proof, a.rootHash, b.rootHash)).toBe(true);
    } finally {
      await server.close();
      await storage.cleanup();
    }
  });
});

import { base64UrlDecode, itemId, signEnvelope, verifyEnvelopeSignature, type SignedEnvelope } from '@fusion-cell/record';
import { nodeSigner, nodeVerifier } from '@fusion-cell/record/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDeviceKey } from './support/device-keys.ts';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { SigningClient } from './support/signing-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

/** Submitting signed items: every check, and every attack the server must refuse. */
describe.each(ENGINES)('items on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  let syDuty: SigningClient;
  let ilDuty: SigningClient;
  let usDuty: SigningClient;

  beforeAll(async () => {
    storage = await setup.create();
    server = await startTestServer(storage);
    syDuty = await SigningClient.open(server.url, 'sy.duty2', server.passwordOf('sy.duty2'));
    ilDuty = await SigningClient.open(server.url, 'il.duty2', server.passwordOf('il.duty2'));
    usDuty = await SigningClient.open(server.url, 'us.duty2', server.passwordOf('us.duty2'));
  });

  afterAll(async () => {
    await server.close();
    await storage.cleanup();
  });

  async function logSize(compartment: string): Promise<number> {
    const record = await usDuty.get('/api/v1/record');
    const log = record.body.compartments.find((entry: { id: string }) => entry.id === compartment);
    if (log) return log.size;
    return (await syDuty.get('/api/v1/record')).body.compartments.find((entry: { id: string }) => entry.id === compartment).size;
  }

  it('appends a signed message and answers with its place in the log', async () => {
    const before = await logSize('plenary');
    const signed = await syDuty.sign(syDuty.envelope({ payload: { text: 'Convoy at checkpoint 4 at 14:00', language: 'en', ackRequested: true } }));
    const response = await syDuty.post('/api/v1/items', signed);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ id: itemId(signed), compartment: 'plenary', index: before, duplicate: false });
    expect(await logSize('plenary')).toBe(before + 1);

    const read = await ilDuty.get(`/api/v1/items/${response.body.id}`);
    expect(read.status).toBe(200);
    const stored = JSON.parse(read.body.leaf) as SignedEnvelope;
    const directory = (await ilDuty.get('/api/v1/directory')).body;
    const device = directory.devices.find((entry: { id: string }) => entry.id === syDuty.deviceId);
    expect(await verifyEnvelopeSignature(stored, base64UrlDecode(device.publicKey), nodeVerifier())).toBe(true);
    expect(directory.members.find((member: { id: string }) => member.id === syDuty.memberId)).toMatchObject({ party: 'sy' });
  });

  it('does not append a replayed envelope twice', async () => {
    const signed = await ilDuty.sign(ilDuty.envelope({ payload: { text: 'replay me', language: 'he' } }));
    const first = await ilDuty.post('/api/v1/items', signed);
    const before = await logSize('plenary');
    const again = await ilDuty.post('/api/v1/items', signed);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, index: first.body.index, duplicate: true });
    expect(await logSize('plenary')).toBe(before);
  });

  it('appends concurrent submissions with distinct, gapless indices', async () => {
    const before = await logSize('caucus-il');
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, n) => ilDuty.send({ compartment: 'caucus-il', payload: { text: `report ${n}`, language: 'en' } })),
    );
    expect(responses.every((response) => response.status === 201)).toBe(true);
    const indices = responses.map((response) => response.body.index).sort((a, b) => a - b);
    expect(indices).toEqual(Array.from({ length: 60 }, (_, n) => before + n));
  });

  async function expectRefused(client: SigningClient, body: unknown, status: number, code: string, field?: string) {
    const sizes = await Promise.all(['plenary', 'caucus-sy', 'caucus-il'].map(logSize));
    const response = await client.post('/api/v1/items', body);
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.body.error.code).toBe(code);
    if (field) expect(response.body.error.field).toBe(field);
    expect(await Promise.all(['plenary', 'caucus-sy', 'caucus-il'].map(logSize))).toEqual(sizes);
    return response;
  }

  it('refuses a signature that does not match the envelope', async () => {
    const signed = await syDuty.sign(syDuty.envelope());
    await expectRefused(syDuty, { ...signed, envelope: { ...signed.envelope, payload: { text: 'hellO', language: 'en' } } }, 400, 'signature_invalid', 'body.signature');
  });

  it('refuses a signature by another key than the device’s', async () => {
    const envelope = syDuty.envelope();
    const forged = await signEnvelope(envelope, nodeSigner(newDeviceKey().privateKey));
    await expectRefused(syDuty, forged, 400, 'signature_invalid');
  });

  it('refuses an unknown device, and a device of another member, alike', async () => {
    const unknown = await expectRefused(syDuty, await syDuty.sign(syDuty.envelope({ device: 'd_unknown' })), 403, 'device_unknown', 'body.envelope.device');
    const othersDevice = await expectRefused(syDuty, await syDuty.sign(syDuty.envelope({ device: ilDuty.deviceId })), 403, 'device_unknown', 'body.envelope.device');
    expect(othersDevice.body).toEqual(unknown.body);
  });

  it('refuses an envelope whose author is not the caller', async () => {
    await expectRefused(syDuty, await ilDuty.sign(ilDuty.envelope()), 403, 'forbidden', 'body.envelope.author');
  });

  it('refuses items from a revoked device, and from a device waiting for approval', async () => {
    const member = await SigningClient.open(server.url, 'sy.translator', server.passwordOf('sy.translator'));
    const signed = await member.sign(member.envelope());
    expect((await member.post(`/api/v1/devices/${member.deviceId}/revoke`, {})).status).toBe(200);
    await expectRefused(member, signed, 403, 'device_revoked');
    // A device registered by hand in the database as pending stands for a cell without auto-approval.
    const pendingKey = newDeviceKey();
    await server.handle.services.db
      .insertInto('devices')
      .values({ id: 'd_pending', member_id: member.memberId, label: 'x', public_key: pendingKey.publicKey, status: 'pending', registered_at: 0, approved_at: null, approved_by: null, revoked_at: null, revoked_by: null })
      .execute();
    const pending = await signEnvelope(member.envelope({ device: 'd_pending' }), nodeSigner(pendingKey.privateKey));
    await expectRefused(member, pending, 403, 'device_not_approved');
  });

  it('answers a compartment the party is not in exactly like one that does not exist', async () => {
    const hidden = await expectRefused(ilDuty, await ilDuty.sign(ilDuty.envelope({ compartment: 'caucus-sy' })), 404, 'not_found', undefined);
    const missing = await expectRefused(ilDuty, await ilDuty.sign(ilDuty.envelope({ compartment: 'caucus-xx' })), 404, 'not_found', undefined);
    expect(hidden.body).toEqual(missing.body);
    const internal = await expectRefused(usDuty, await usDuty.sign(usDuty.envelope({ compartment: 'internal-sy' })), 404, 'not_found');
    expect(internal.body).toEqual(missing.body);
  });

  it('answers a reference to an item the author cannot see exactly like a reference to nothing', async () => {
    const secret = await syDuty.send({ compartment: 'caucus-sy', payload: { text: 'for the mediator only', language: 'ar' } });
    expect(secret.status).toBe(201);
    const hidden = await expectRefused(ilDuty, await ilDuty.sign(ilDuty.envelope({ references: [secret.body.id] })), 400, 'reference_not_found', 'body.envelope.references[0]');
    const nothing = await expectRefused(ilDuty, await ilDuty.sign(ilDuty.envelope({ references: ['A'.repeat(43)] })), 400, 'reference_not_found');
    expect(hidden.body).toEqual(nothing.body);
    // The supervisor is in that caucus and may refer to it.
    expect((await usDuty.send({ compartment: 'caucus-sy', references: [secret.body.id] })).status).toBe(201);
  });

  it.each([
    ['a payload without its language', { payload: { text: 'x' } }, 'body.envelope.payload.language'],
    ['an unknown payload field', { payload: { text: 'x', language: 'en', urgent: true } }, 'body.envelope.payload'],
    ['[R40] a payload version newer than its type', { payload: { v: 2, text: 'x', language: 'en' } }, 'body.envelope.payload.v'],
    ['[R40] version 1 said in v', { payload: { v: 1, text: 'x', language: 'en' } }, 'body.envelope.payload.v'],
    ['an unknown item type', { type: 'intel.leak' }, undefined],
    ['a track that does not exist', { track: 'sports' }, 'body.envelope.track'],
    ['another cell', { cell: 'other-cell' }, 'body.envelope.cell'],
    ['a time far in the future', { authoredAt: '2026-01-07T09:00:00.000Z' }, 'body.envelope.authoredAt'],
    ['a time far in the past', { authoredAt: '0001-01-01T00:00:00.000Z' }, 'body.envelope.authoredAt'],
    ['a time six minutes old', { authoredAt: '2026-01-06T08:54:00.000Z' }, 'body.envelope.authoredAt'],
    ['a NUL character in the text', { payload: { text: 'ceasefire\u0000 holds', language: 'en' } }, 'body.envelope.payload.text'],
    ['a carriage return in the text', { payload: { text: 'line\r', language: 'en' } }, 'body.envelope.payload.text'],
  ])('refuses %s', async (_name, overrides, field) => {
    const response = await expectRefused(syDuty, await syDuty.sign(syDuty.envelope(overrides as never)), 400, 'validation_failed');
    if (field) expect(response.body.error.field).toBe(field);
  });

  it('refuses an unpaired surrogate in the text before anything else is checked', async () => {
    const signed = await syDuty.sign(syDuty.envelope());
    const broken = { ...signed, envelope: { ...signed.envelope, payload: { text: 'broken \ud800 text', language: 'en' } } };
    const response = await expectRefused(syDuty, broken, 400, 'validation_failed', 'body.envelope.payload.text');
    expect(response.body.error.message).toMatch(/surrogate/);
  });

  it('refuses malformed bodies: bad base64, unknown fields, oversized payloads, not JSON', async () => {
    const signed = await syDuty.sign(syDuty.envelope());
    await expectRefused(syDuty, { ...signed, signature: `${signed.signature.slice(0, 85)}!` }, 400, 'validation_failed', 'body.signature');
    await expectRefused(syDuty, { ...signed, envelope: { ...signed.envelope, extra: 1 } }, 400, 'validation_failed', 'body.envelope.extra');
    await expectRefused(syDuty, { ...signed, relayedBy: 'x' }, 400, 'validation_failed', 'body.relayedBy');
    await expectRefused(syDuty, { ...signed, envelope: { ...signed.envelope, payload: { text: 'x'.repeat(70_000), language: 'en' } } }, 400, 'validation_failed');
    await expectRefused(syDuty, JSON.stringify(signed).slice(0, 50), 400, 'malformed_request');
    await expectRefused(syDuty, 'x'.repeat(300_000), 413, 'payload_too_large');
  });
});

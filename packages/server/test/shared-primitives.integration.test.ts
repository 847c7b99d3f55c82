import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildDerivedState } from '../src/record/rebuild.ts';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { SigningClient } from './support/signing-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

/** Lifecycles, co-signed versioned documents and the cell's findings, as the tracks will use them. */
describe.each(ENGINES)('shared primitives on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  let syHead: SigningClient;
  let ilHead: SigningClient;
  let usChief: SigningClient;
  let syDuty: SigningClient;
  let ilDuty: SigningClient;
  let usDuty: SigningClient;

  beforeAll(async () => {
    storage = await setup.create();
    server = await startTestServer(storage, { checkpointIntervalMs: 60_000, timerIntervalMs: 3_600_000 });
    const open = (username: string) => SigningClient.open(server.url, username, server.passwordOf(username));
    [syHead, ilHead, usChief, syDuty, ilDuty, usDuty] = await Promise.all([open('sy.head'), open('il.head'), open('us.chief'), open('sy.duty1'), open('il.duty1'), open('us.duty1')]);
  });

  afterAll(async () => {
    await server.close();
    await storage.cleanup();
  });

  let authored = 0;
  const now = () => new Date(server.clock.now() + ++authored).toISOString();
  const db = () => server.handle.services.db;
  const term = (client: SigningClient, text: string, replaces?: string) =>
    client.send({ type: 'glossary.term', references: replaces ? [replaces] : [], authoredAt: now(), payload: { term: text, language: 'en', equivalents: { ar: 'انسحاب', he: 'נסיגה' } } });
  const sign = (client: SigningClient, version: string, act = 'signature', named = version) =>
    client.send({ type: 'document.sign', references: [version], authoredAt: now(), payload: { act, version: named } as never });
  const documentOf = (id: string) => db().selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  describe('a co-signed document', () => {
    it('is in force once every side and the supervisor have signed the same version, and only then', async () => {
      const v1 = await term(syDuty, 'withdrawal');
      expect(v1.status).toBe(201);
      expect((await sign(syHead, v1.body.id)).status).toBe(201);
      expect((await sign(ilHead, v1.body.id)).status).toBe(201);
      expect(await documentOf(v1.body.id)).toMatchObject({ latest_number: 1, in_force_version_id: null });
      expect((await sign(usChief, v1.body.id)).status).toBe(201);
      expect(await documentOf(v1.body.id)).toMatchObject({ latest_number: 1, in_force_version_id: v1.body.id, in_force_number: 1 });
    });

    it('keeps the version in force until a newer one is fully signed, and refuses signing a stale version', async () => {
      const v1 = await term(syDuty, 'ceasefire');
      for (const head of [syHead, ilHead, usChief]) expect((await sign(head, v1.body.id)).status).toBe(201);
      const v2 = await term(ilDuty, 'cessation of hostilities', v1.body.id);
      expect(v2.status).toBe(201);
      expect(await documentOf(v1.body.id)).toMatchObject({ latest_version_id: v2.body.id, latest_number: 2, in_force_version_id: v1.body.id });

      const stale = await sign(syHead, v1.body.id);
      expect(stale.status).toBe(409);
      expect(stale.body.error).toMatchObject({ code: 'conflict', field: 'body.envelope.references[0]' });
      expect(stale.body.error.message).toContain('version 1 is stale');
      const fork = await term(usDuty, 'truce', v1.body.id);
      expect(fork.status).toBe(409);
      expect(fork.body.error.message).toContain('version 1 is stale');

      expect((await sign(syHead, v2.body.id)).status).toBe(201);
      expect((await sign(ilHead, v2.body.id)).status).toBe(201);
      expect((await documentOf(v1.body.id)).in_force_version_id).toBe(v1.body.id);
      expect((await sign(usChief, v2.body.id)).status).toBe(201);
      expect(await documentOf(v1.body.id)).toMatchObject({ in_force_version_id: v2.body.id, in_force_number: 2 });

      // The state of a version over the API, as the protocol's rules compute it.
      const state = (await ilDuty.get(`/api/v1/items/${v1.body.id}/state`)).body;
      expect(state.document).toMatchObject({ id: v1.body.id, version: 1, latest: { id: v2.body.id, number: 2 }, inForce: { id: v2.body.id, number: 2 } });
      expect(state.document.versions.map((version: { state: string }) => version.state)).toEqual(['replaced', 'in-force']);
      expect(state.document.versions[1]).toMatchObject({ signers: ['sy', 'il', 'us'], done: { signature: ['sy', 'il', 'us'] }, awaiting: [] });
      expect((await ilDuty.get(`/api/v1/items/${v2.body.id}/state`)).body.document.version).toBe(2);
    });

    it('refuses a second signature, a signature by someone who does not sign, and one that names another version', async () => {
      const v1 = await term(syDuty, 'buffer zone');
      expect((await sign(syHead, v1.body.id)).status).toBe(201);
      const twice = await sign(syHead, v1.body.id);
      expect(twice.status).toBe(409);
      expect(twice.body.error.field).toBe('body.envelope.payload.act');
      // Heads of delegation sign; a duty officer may propose, not sign.
      expect((await sign(ilDuty, v1.body.id)).status).toBe(403);
      const other = await term(syDuty, 'line of contact');
      const mismatch = await sign(ilHead, v1.body.id, 'signature', other.body.id);
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.error.field).toBe('body.envelope.payload.version');
      const initials = await sign(ilHead, v1.body.id, 'initials');
      expect(initials.status).toBe(400);
      expect(initials.body.error.field).toBe('body.envelope.payload.act');
      const notADocument = await usDuty.send({ type: 'message', authoredAt: now(), payload: { text: 'not a document', language: 'en' } });
      const onMessage = await sign(usChief, notADocument.body.id);
      expect(onMessage.status).toBe(400);
      expect(onMessage.body.error.field).toBe('body.envelope.references[0]');
    });

    it('lets one of several racing new versions of the same version through, and one of several racing signatures of a party', async () => {
      const v1 = await term(syDuty, 'observer post');
      const versions = await Promise.all([syDuty, ilDuty, usDuty].flatMap((client) => [0, 1, 2].map((n) => term(client, `observation post ${n}`, v1.body.id))));
      const statuses = versions.map((response) => response.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(versions.length - 1);
      expect((await documentOf(v1.body.id)).latest_number).toBe(2);
      const latest = versions.find((response) => response.status === 201)?.body.id as string;
      // Different envelopes (authored a millisecond apart): one is entered, the others refused as done.
      const signatures = (await Promise.all([0, 1, 2, 3, 4, 5].map(() => sign(syHead, latest)))).map((response) => response.status);
      expect(signatures.filter((status) => status === 201)).toHaveLength(1);
      expect(signatures.filter((status) => status === 409)).toHaveLength(5);
    });
  });

  describe('findings entered by the cell', () => {
    const inBufferZone = { type: 'Polygon', coordinates: [[[35.85, 32.9], [35.9, 32.9], [35.9, 32.95], [35.85, 32.95], [35.85, 32.9]]] };
    const farAway = { type: 'Polygon', coordinates: [[[34.0, 31.0], [34.1, 31.0], [34.1, 31.1], [34.0, 31.1], [34.0, 31.0]]] };
    const request = (area?: object) =>
      syDuty.send({ type: 'explanation.request', track: 'deescalation', authoredAt: now(), payload: { question: 'What moved at dawn?', language: 'en', ...(area ? { area } : {}) } as never });
    const findingsOf = (subject: string) =>
      db().selectFrom('findings').innerJoin('log_entries', 'log_entries.item_id', 'findings.item_id').select(['findings.item_id', 'findings.result', 'findings.check_key', 'log_entries.leaf']).where('findings.subject_id', '=', subject).execute();

    it('checks an area against the zones in force, signs what it found into the record in the same commit', async () => {
      const flagged = await request(inBufferZone);
      const clear = await request(farAway);
      const none = await request();
      // No timer ran: the findings committed with the requests.
      const [finding, ...more] = await findingsOf(flagged.body.id);
      expect(more).toEqual([]);
      expect(finding).toMatchObject({ check_key: 'area-in-zone', result: 'flagged' });
      const entry = JSON.parse(finding?.leaf ?? '{}');
      expect(entry.envelope).toMatchObject({ type: 'finding', author: '@cell', compartment: 'plenary', track: 'deescalation', references: [flagged.body.id] });
      const buffer = await db().selectFrom('documents').select('id').where('type', '=', 'zone').orderBy('id').execute();
      expect(entry.envelope.payload).toMatchObject({
        check: 'area-in-zone',
        subject: flagged.body.id,
        result: 'flagged',
        detail: { zones: [{ name: expect.objectContaining({ en: expect.stringContaining('Buffer zone') }), rule: 'no-forces', relation: 'within', breach: 'intrusion' }], zonesInForce: 2 },
      });
      expect(buffer.map((zone) => zone.id)).toContain(entry.envelope.payload.detail.zones[0].zone);
      expect((await findingsOf(clear.body.id)).map((row) => row.result)).toEqual(['clear']);
      expect(await findingsOf(none.body.id)).toEqual([]);
      const state = (await ilDuty.get(`/api/v1/items/${flagged.body.id}/state`)).body;
      expect(state.findings).toEqual([{ item: finding?.item_id, check: 'area-in-zone', result: 'flagged', at: expect.any(String) }]);
      expect(state.document).toBeNull();
      expect(state.lifecycle).toMatchObject({ name: 'explanation request', subject: flagged.body.id, state: 'awaiting-reply' });
    });

    it('refuses a finding from a member: only the cell enters them', async () => {
      const forged = await usDuty.send({ type: 'finding', track: 'deescalation', authoredAt: now(), payload: { check: 'area-in-zone', subject: 'A'.repeat(43), result: 'clear', checked: [], detail: { zones: [] } } as never });
      expect(forged.status).toBe(403);
    });
  });

  describe('an item’s lifecycle', () => {
    it('moves an explanation request as it is answered, and refuses a second meeting naming the state', async () => {
      const asked = await syDuty.send({ type: 'explanation.request', track: 'deescalation', authoredAt: now(), payload: { question: 'Why the night convoy?', language: 'en' } });
      const state = async () => (await db().selectFrom('lifecycle_states').selectAll().where('subject', '=', asked.body.id).executeTakeFirstOrThrow()).state;
      expect(await state()).toBe('awaiting-reply');
      const reply = await ilDuty.send({ type: 'explanation.reply', track: 'deescalation', references: [asked.body.id], authoredAt: now(), payload: { answer: 'A rotation.', language: 'en' } });
      expect(reply.status).toBe(201);
      expect(await state()).toBe('replied');
      expect((await syDuty.send({ type: 'ack', track: 'deescalation', references: [reply.body.id], authoredAt: now(), payload: { level: 'contested', reason: 'Not a rotation.', language: 'en' } })).status).toBe(201);
      const convene = () =>
        usDuty.send({ type: 'meeting.convene', track: 'deescalation', references: [asked.body.id], authoredAt: now(), payload: { purpose: 'The convoy', proposedAt: '2026-01-10T10:00:00.000Z', language: 'en' } });
      expect((await convene()).status).toBe(201);
      expect(await state()).toBe('meeting-convened');
      const again = await convene();
      expect(again.status).toBe(409);
      expect(again.body.error.message).toBe('meeting.convene cannot be entered while the explanation request is meeting-convened');
    });

    it('refuses suspending a suspended channel, naming the state', async () => {
      const suspend = () => ilHead.send({ type: 'channel.suspended', authoredAt: now(), payload: { reason: 'Maintenance', language: 'en' } });
      expect((await suspend()).status).toBe(201);
      const again = await suspend();
      expect(again.status).toBe(409);
      expect(again.body.error.message).toBe('channel.suspended cannot be entered while the channel is suspended');
      expect((await ilHead.send({ type: 'channel.resumed', authoredAt: now(), payload: { reason: 'Done', language: 'en' } })).status).toBe(201);
    });
  });

  it('rebuilds lifecycles, documents and findings from the logs to the same state', async () => {
    const report = await rebuildDerivedState(db(), { repair: false });
    expect(report.differences).toEqual([]);
  });
});

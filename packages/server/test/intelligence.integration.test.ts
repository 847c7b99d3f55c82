import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '@fusion-cell/protocol';
import { rebuildDerivedState } from '../src/record/rebuild.ts';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { SigningClient } from './support/signing-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const HOUR = 3_600_000;
const withoutNulls = (payload: Record<string, unknown>) => Object.fromEntries(Object.entries(payload).filter(([, value]) => value !== null));
const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The intelligence track: reports marked and graded, opinions, requests for information and their deadlines. */
describe.each(ENGINES)('intelligence on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  let syAnalyst: SigningClient;
  let ilAnalyst: SigningClient;
  let ilDuty: SigningClient;
  let usChief: SigningClient;

  beforeAll(async () => {
    storage = await setup.create();
    server = await startTestServer(storage, { checkpointIntervalMs: 60_000, timerIntervalMs: 3_600_000 });
    const open = (username: string) => SigningClient.open(server.url, username, server.passwordOf(username));
    [syAnalyst, ilAnalyst, ilDuty, usChief] = await Promise.all([open('sy.analyst'), open('il.analyst'), open('il.duty1'), open('us.chief')]);
  });

  afterAll(async () => {
    await server.close();
    await storage.cleanup();
  });

  let authored = 0;
  const now = () => new Date(server.clock.now() + ++authored).toISOString();
  const at = (offset: number) => new Date(server.clock.now() + offset).toISOString();
  const db = () => server.handle.services.db;
  const itemCount = async () => Number((await db().selectFrom('items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const tick = () => server.handle.live.timers.tick();

  /** A report's payload; a field given as null is left out. */
  const reportPayload = (overrides: Record<string, unknown> = {}) => withoutNulls({
    title: 'Armour moving south of Quneitra',
    summary: 'A company of tanks seen on the road south.',
    body: 'At dawn, ten tanks moved south on the Quneitra road.',
    language: 'en',
    tlp: 'AMBER',
    reliability: 'B',
    credibility: 2,
    informationTime: at(-2 * HOUR),
    ...overrides,
  });
  const report = (client: SigningClient, overrides: Record<string, unknown> = {}, compartment = 'plenary') =>
    client.send({ type: 'intel.report', track: 'intelligence', compartment, authoredAt: now(), payload: reportPayload(overrides) as never });
  const answer = (client: SigningClient, type: string, target: string, payload: object) =>
    client.send({ type, track: 'intelligence', references: [target], authoredAt: now(), payload: payload as never });
  const stateOf = async (client: SigningClient, item: string) => {
    const response = await client.get(`/api/v1/items/${item}/state`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };
  const upload = async (client: SigningClient, bytes: Uint8Array, mediaType: string, query = '') => {
    const response = await fetch(`${server.url}/api/v1/attachments${query}`, {
      method: 'POST',
      headers: { origin: new URL(server.url).origin, cookie: client.sessionCookie ?? '', 'content-type': mediaType },
      body: bytes,
    });
    return { status: response.status, json: (await response.json()) as Record<string, never> };
  };
  const download = async (client: SigningClient, sha256: string) => (await fetch(`${server.url}/api/v1/attachments/${sha256}`, { headers: { cookie: client.sessionCookie ?? '' } })).status;

  it('shares an AMBER report in plenary: the other side owes understanding, acknowledges it and disagrees; the supervisor sees both', async () => {
    const filed = await report(syAnalyst);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const owed = await stateOf(syAnalyst, filed.body.id);
    expect(owed.obligations).toEqual([expect.objectContaining({ party: 'il', kind: 'ack', required: 'understood', met: false })]);
    expect(Date.parse(owed.obligations[0].dueAt) - Date.parse(owed.item.receivedAt)).toBe(24 * HOUR);

    expect((await answer(ilAnalyst, 'ack', filed.body.id, { level: 'understood' })).status).toBe(201);
    const first = await answer(ilAnalyst, 'intel.opinion', filed.body.id, { opinion: 'disagree', explanation: 'The road was closed that morning.', language: 'en' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const second = await answer(ilDuty, 'intel.opinion', filed.body.id, { opinion: 'strongly-disagree', explanation: 'Our patrol saw no armour.', language: 'en' });
    expect(second.status).toBe(201);
    // Its own report is not the author's to give an opinion on.
    const own = await answer(syAnalyst, 'intel.opinion', filed.body.id, { opinion: 'agree', explanation: 'Ours.', language: 'en' });
    expect(own.status).toBe(403);

    const seen = await stateOf(usChief, filed.body.id);
    expect(seen.payload).toMatchObject({ tlp: 'AMBER', reliability: 'B', credibility: 2 });
    expect(seen.obligations).toEqual([expect.objectContaining({ party: 'il', met: true, reached: 'understood' })]);
    expect(seen.details.opinions).toEqual([{ party: 'il', item: second.body.id, opinion: 'strongly-disagree', history: [{ item: first.body.id, opinion: 'disagree' }] }]);
  });

  it('refuses AMBER+STRICT in the plenary, naming the marking, and files it in a caucus the other side cannot read', async () => {
    const before = await itemCount();
    const refused = await report(syAnalyst, { tlp: 'AMBER+STRICT' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'validation_failed', field: 'body.envelope.payload.tlp' });
    expect(refused.body.error.message).toContain('AMBER+STRICT');
    expect(await itemCount()).toBe(before);

    const inCaucus = await report(syAnalyst, { tlp: 'AMBER+STRICT' }, 'caucus-sy');
    expect(inCaucus.status, JSON.stringify(inCaucus.body)).toBe(201);
    expect((await ilAnalyst.get(`/api/v1/items/${inCaucus.body.id}/state`)).status).toBe(404);
    expect((await stateOf(usChief, inCaucus.body.id)).obligations).toEqual([expect.objectContaining({ party: 'us', required: 'understood' })]);
    // RED is filed wherever its author chooses; it only never leaves its compartment.
    expect((await report(syAnalyst, { tlp: 'RED' }, 'internal-sy')).status).toBe(201);
  });

  it.each([
    ['a missing marking', { tlp: null }, 'body.envelope.payload.tlp'],
    ['an unknown marking', { tlp: 'PURPLE' }, 'body.envelope.payload.tlp'],
    ['a TLP 1.0 marking', { tlp: 'WHITE' }, 'body.envelope.payload.tlp'],
    ['a reliability outside A–F', { reliability: 'G' }, 'body.envelope.payload.reliability'],
    ['a credibility of 7', { credibility: 7 }, 'body.envelope.payload.credibility'],
    ['a credibility of 0', { credibility: 0 }, 'body.envelope.payload.credibility'],
    ['a fractional credibility', { credibility: 2.5 }, 'body.envelope.payload.credibility'],
    ['a credibility as text', { credibility: '2' }, 'body.envelope.payload.credibility'],
    ['a location that crosses itself', { location: { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] } }, 'body.envelope.payload.location.coordinates[0]'],
    ['a title too long', { title: 'x'.repeat(301) }, 'body.envelope.payload.title'],
    [
      'a kept STIX object whose identifier is not STIX',
      { stix: [{ type: 'indicator', spec_version: '2.1', id: 'indicator--not-a-uuid', created: '2026-01-05T05:40:00.000Z', modified: '2026-01-05T05:40:00.000Z' }] },
      'body.envelope.payload.stix[0].id',
    ],
  ])('refuses %s, naming the field, and stores nothing', async (_name, overrides, field) => {
    const before = await itemCount();
    const refused = await report(syAnalyst, overrides);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'validation_failed', field });
    expect(await itemCount()).toBe(before);
  });

  it('takes evidence by hash: a file over the limit or with another hash is refused, and a caucus report’s file is served to its readers alone', async () => {
    const bytes = randomBytes(2048);
    const sha256 = sha256Of(bytes);
    const mismatch = await upload(syAnalyst, bytes, 'application/pdf', `?sha256=${sha256Of(randomBytes(8))}`);
    expect(mismatch.status).toBe(400);
    expect(mismatch.json.error).toMatchObject({ code: 'validation_failed', field: 'query.sha256' });
    const tooLarge = await upload(syAnalyst, Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 1), 'application/pdf');
    expect(tooLarge.status).toBe(413);
    const unknownType = await upload(syAnalyst, bytes, 'application/zip');
    expect(unknownType.status).toBe(415);
    expect((await upload(syAnalyst, bytes, 'application/pdf', `?sha256=${sha256}`)).status).toBe(201);

    const evidence = { sha256, name: 'imagery.pdf', mediaType: 'application/pdf', size: bytes.length };
    const wrongSize = await report(syAnalyst, { evidence: [{ ...evidence, size: 99 }] });
    expect(wrongSize.body.error).toMatchObject({ code: 'validation_failed', field: 'body.envelope.payload.evidence[0].size' });
    const otherHash = await report(syAnalyst, { evidence: [{ ...evidence, sha256: sha256Of(randomBytes(8)) }] });
    expect(otherHash.body.error).toMatchObject({ code: 'validation_failed', field: 'body.envelope.payload.evidence[0].sha256' });

    const filed = await report(syAnalyst, { evidence: [evidence], location: { type: 'Point', coordinates: [35.82, 33.1] } }, 'caucus-sy');
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(await download(usChief, sha256)).toBe(200);
    expect(await download(ilAnalyst, sha256)).toBe(404);
    const place = await db().selectFrom('geo_features').select(['compartment_id', 'type']).where('item_id', '=', filed.body.id).executeTakeFirst();
    expect(place).toEqual({ compartment_id: 'caucus-sy', type: 'intel.report' });
  });

  describe('requests for information', () => {
    const rfi = (client: SigningClient, overrides: Record<string, unknown> = {}) =>
      client.send({ type: 'intel.rfi', track: 'intelligence', authoredAt: now(), payload: { question: 'Which unit holds the ridge?', priority: 'priority', language: 'en', ...overrides } as never });
    const close = (client: SigningClient, request: string, outcome: string) => answer(client, 'intel.rfi.close', request, { outcome, language: 'en' });

    it('is owed its reply by its own deadline, and is closed as answered by the asker alone', async () => {
      const asked = await rfi(ilAnalyst, { replyDue: at(6 * HOUR) });
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      const owed = await stateOf(ilAnalyst, asked.body.id);
      expect(owed.obligations).toEqual([expect.objectContaining({ party: 'sy', kind: 'reply', required: 'intel.rfi.reply', met: false })]);
      expect(Date.parse(owed.obligations[0].dueAt) - Date.parse(owed.item.receivedAt)).toBeLessThanOrEqual(6 * HOUR);
      expect(owed.lifecycle).toMatchObject({ name: 'rfi', state: 'open' });

      const unsent = await answer(syAnalyst, 'intel.rfi.reply', asked.body.id, { answer: 'See the file.', language: 'en', evidence: [{ sha256: sha256Of(randomBytes(8)), name: 'order.pdf', mediaType: 'application/pdf', size: 10 }] });
      expect(unsent.body.error).toMatchObject({ code: 'validation_failed', field: 'body.envelope.payload.evidence[0].sha256' });
      const reply = await answer(syAnalyst, 'intel.rfi.reply', asked.body.id, { answer: 'The 5th brigade.', language: 'en' });
      expect(reply.status).toBe(201);
      expect((await stateOf(ilAnalyst, asked.body.id)).obligations[0]).toMatchObject({ met: true });

      const notTheirs = await close(syAnalyst, asked.body.id, 'answered');
      expect(notTheirs.status).toBe(403);
      expect(notTheirs.body.error.field).toBe('body.envelope.type');
      expect((await close(ilAnalyst, asked.body.id, 'answered')).status).toBe(201);
      expect((await stateOf(usChief, asked.body.id)).lifecycle).toMatchObject({ state: 'answered' });
      const again = await close(ilAnalyst, asked.body.id, 'unanswered');
      expect(again.status).toBe(409);
    });

    it('refuses a deadline already past, and escalates a reply not given by the rule’s deadline', async () => {
      const past = await rfi(ilAnalyst, { replyDue: at(-HOUR) });
      expect(past.body.error).toMatchObject({ code: 'validation_failed', field: 'body.envelope.payload.replyDue' });
      expect((await rfi(ilAnalyst, { priority: 'urgent' })).body.error).toMatchObject({ field: 'body.envelope.payload.priority' });

      const asked = await rfi(ilAnalyst);
      const due = (await stateOf(ilAnalyst, asked.body.id)).obligations[0];
      expect(Date.parse(due.dueAt) - Date.parse((await stateOf(ilAnalyst, asked.body.id)).item.receivedAt)).toBe(72 * HOUR);
      server.clock.advance(72 * HOUR + 1);
      await tick();
      // Three days on, the sessions have expired: each logs in again.
      const open = (username: string) => SigningClient.open(server.url, username, server.passwordOf(username));
      [ilAnalyst, usChief] = await Promise.all([open('il.analyst'), open('us.chief')]);
      const overdue = await stateOf(usChief, asked.body.id);
      expect(overdue.escalations).toEqual([expect.objectContaining({ party: 'sy', required: 'intel.rfi.reply' })]);

      // Closed unanswered, it asks nothing more of anyone.
      expect((await close(ilAnalyst, asked.body.id, 'unanswered')).status).toBe(201);
      const closed = await stateOf(usChief, asked.body.id);
      expect(closed.lifecycle).toMatchObject({ state: 'unanswered' });
      expect(closed.obligations[0]).toMatchObject({ met: true });
    });
  });

  it('rebuilds obligations, lifecycles, places and evidence from the logs to the same state', async () => {
    const rebuilt = await rebuildDerivedState(db(), { repair: false });
    expect(rebuilt.differences).toEqual([]);
  });
});

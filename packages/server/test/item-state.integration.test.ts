import { ItemState } from '@fusion-cell/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { SigningClient } from './support/signing-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const MINUTE = 60_000;

/** GET /api/v1/items/:id/state: an item with what the record derives around it, on both engines. */
describe.each(ENGINES)('an item with its derived state on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  let sy: SigningClient;
  let il: SigningClient;
  let us: SigningClient;
  let syHead: SigningClient;

  beforeAll(async () => {
    storage = await setup.create();
    server = await startTestServer(storage, { checkpointIntervalMs: 60_000, timerIntervalMs: 3_600_000, sessionIdleMinutes: 10_000_000, sessionMaxHours: 1_000_000 });
    const open = (username: string) => SigningClient.open(server.url, username, server.passwordOf(username));
    [sy, il, us, syHead] = await Promise.all([open('sy.duty1'), open('il.duty1'), open('us.duty1'), open('sy.head')]);
  });

  afterAll(async () => {
    await server?.close();
    await storage?.cleanup();
  });

  // Each act is authored a millisecond after the last, so two acts are never one replayed envelope.
  let authored = 0;
  const now = () => new Date(server.clock.now() + ++authored).toISOString();
  const enter = async (client: SigningClient, overrides: Parameters<SigningClient['envelope']>[0]) => {
    const response = await client.send({ authoredAt: now(), ...overrides });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.id as string;
  };
  const alert = (client: SigningClient, title: string) => enter(client, { type: 'alert', payload: { title, severity: 'flash', language: 'en' } });
  const stateOf = async (client: SigningClient, item: string): Promise<ItemState> => {
    const response = await client.get(`/api/v1/items/${item}/state`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return ItemState.parse(response.body);
  };

  it('gives the item as signed, its payload as read now, and every party’s answer to what it asks', async () => {
    const item = await alert(sy, 'Shots near crossing 3');
    const ack = await enter(il, { type: 'ack', references: [item], payload: { level: 'understood', readBack: 'Shots at crossing 3.', language: 'en' } });
    const supervisorAck = await enter(us, { type: 'ack', references: [item], payload: { level: 'received' } });
    const question = await enter(il, { type: 'clarification', references: [item], payload: { question: 'Which side of the crossing?', language: 'en' } });
    const aside = await enter(sy, { compartment: 'caucus-sy', references: [item], payload: { text: 'They have seen it.', language: 'en' } });

    const state = await stateOf(il, item);
    expect(state.item).toMatchObject({ id: item, compartment: 'plenary' });
    expect(JSON.parse(state.item.leaf).envelope.payload).toEqual({ title: 'Shots near crossing 3', severity: 'flash', language: 'en' });
    expect(state).toMatchObject({ type: 'alert', track: 'general', author: sy.memberId, authorParty: 'sy', references: [], lifecycle: null, details: {} });
    // Read at the type's current version: the default the schema gives is there, the signed bytes are untouched.
    expect(state.payload).toEqual({ title: 'Shots near crossing 3', description: '', severity: 'flash', language: 'en' });
    expect(state.obligations).toEqual([
      { party: 'il', kind: 'ack', required: 'received', dueAt: expect.any(String), urgent: true, met: true, metAt: expect.any(String), metBy: ack, reached: 'understood', overdue: false, escalatedAt: null, escalation: null },
    ]);
    expect(state.acknowledgments.map((given) => [given.party, given.level, given.item])).toEqual([
      ['il', 'understood', ack],
      ['us', 'received', supervisorAck],
    ]);
    expect(state.referencedBy.map((referrer) => [referrer.id, referrer.type, referrer.party, referrer.answers])).toEqual([
      [ack, 'ack', 'il', true],
      [supervisorAck, 'ack', 'us', true],
      [question, 'clarification', 'il', true],
    ]);
    expect(state.escalations).toEqual([]);
    // Its author is in the caucus that refers to it as well, and sees that item; the other side does not.
    expect((await stateOf(sy, item)).referencedBy.map((referrer) => [referrer.id, referrer.compartment, referrer.answers])).toContainEqual([aside, 'caucus-sy', false]);
  });

  it('shows an overdue obligation escalated, and the escalation with the obligation it is about', async () => {
    const item = await alert(sy, 'Convoy stopped at checkpoint 4');
    server.clock.advance(5 * MINUTE + 1);
    await server.handle.live.timers.tick();
    const state = await stateOf(us, item);
    expect(state.obligations).toMatchObject([{ party: 'il', met: false, reached: null, overdue: true, escalatedAt: expect.any(String) }]);
    const [escalation] = state.escalations;
    expect(escalation).toMatchObject({ party: 'il', required: 'received', item: state.obligations[0]?.escalation });

    const escalated = await stateOf(il, escalation!.item);
    expect(escalated).toMatchObject({ type: 'escalation', author: '@cell', authorParty: '@cell', references: [item] });
    expect(escalated.details).toEqual({ escalated: { item, party: 'il', required: 'received', metAt: null, metBy: null } });
    const late = await enter(il, { type: 'ack', references: [item], payload: { level: 'received' } });
    expect((await stateOf(il, escalation!.item)).details).toMatchObject({ escalated: { metBy: late } });
    expect((await stateOf(sy, item)).referencedBy.map((referrer) => [referrer.type, referrer.party, referrer.answers])).toEqual([
      ['escalation', '@cell', true],
      ['ack', 'il', true],
    ]);
  });

  it('says where the lifecycle an item starts or moves stands: its own, or the cell’s', async () => {
    const request = await enter(sy, { type: 'explanation.request', track: 'deescalation', payload: { question: 'Why the troops at the ridge?', language: 'en' } });
    expect((await stateOf(il, request)).lifecycle).toMatchObject({ name: 'explanation request', subject: request, state: 'awaiting-reply', by: request });
    expect((await stateOf(il, request)).obligations).toMatchObject([{ party: 'il', kind: 'reply', required: 'explanation.reply', met: false }]);
    const reply = await enter(il, { type: 'explanation.reply', track: 'deescalation', references: [request], payload: { answer: 'An exercise, announced.', language: 'en' } });
    const replied = { name: 'explanation request', subject: request, state: 'replied', by: reply };
    expect((await stateOf(sy, request)).lifecycle).toMatchObject(replied);
    expect((await stateOf(sy, reply)).lifecycle).toMatchObject(replied);
    expect((await stateOf(sy, request)).obligations).toMatchObject([{ party: 'il', met: true, metBy: reply }]);

    const suspension = await enter(syHead, { type: 'channel.suspended', payload: { reason: 'Maintenance of the line', language: 'en' } });
    expect((await stateOf(il, suspension)).lifecycle).toMatchObject({ name: 'channel', subject: null, state: 'suspended', by: suspension });
  });

  it('answers for an item of a compartment the caller is not in exactly as for an id that names nothing', async () => {
    const secret = await enter(sy, { compartment: 'caucus-sy', payload: { text: 'for the mediator only', language: 'en' } });
    expect((await stateOf(us, secret)).item.compartment).toBe('caucus-sy');
    const hidden = await il.get(`/api/v1/items/${secret}/state`);
    const missing = await il.get(`/api/v1/items/${'A'.repeat(43)}/state`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
  });
});

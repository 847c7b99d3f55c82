import type { CellEvent } from '../src/events/event-bus.ts';
import { rebuildDerivedState } from '../src/record/rebuild.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { SigningClient } from './support/signing-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const MINUTE = 60_000;

/** Acknowledgments, deadlines, reminders, escalations and the hotline, with a clock moved by hand. */
describe.each(ENGINES)('coordination on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  let sy: SigningClient;
  let il: SigningClient;
  let us: SigningClient;
  let ilHead: SigningClient;
  const events: CellEvent[] = [];

  beforeAll(async () => {
    storage = await setup.create();
    // The clock moves by days here; sessions must outlive it.
    server = await startTestServer(storage, { checkpointIntervalMs: 60_000, timerIntervalMs: 3_600_000, sessionIdleMinutes: 10_000_000, sessionMaxHours: 1_000_000 });
    server.handle.live.bus.subscribe((event) => events.push(event));
    sy = await SigningClient.open(server.url, 'sy.duty1', server.passwordOf('sy.duty1'));
    il = await SigningClient.open(server.url, 'il.duty1', server.passwordOf('il.duty1'));
    us = await SigningClient.open(server.url, 'us.duty1', server.passwordOf('us.duty1'));
    ilHead = await SigningClient.open(server.url, 'il.head', server.passwordOf('il.head'));
  });

  afterAll(async () => {
    await server.close();
    await storage.cleanup();
  });

  // Each act is authored a millisecond after the last, so two acts are never one replayed envelope.
  let authored = 0;
  const now = () => new Date(server.clock.now() + ++authored).toISOString();
  const tick = () => server.handle.live.timers.tick();
  const inbox = async (client: SigningClient, view = 'mine') => (await client.get(`/api/v1/inbox?view=${view}`)).body;
  const alert = (client: SigningClient, title: string, compartment = 'plenary') =>
    client.send({ type: 'alert', compartment, authoredAt: now(), payload: { title, description: 'Shots heard near the crossing', severity: 'flash', language: 'en' } });
  const ack = (client: SigningClient, item: string, payload: Record<string, unknown>, compartment = 'plenary') =>
    client.send({ type: 'ack', compartment, references: [item], authoredAt: now(), payload: payload as never });
  async function escalationsOf(item: string) {
    return server.handle.services.db.selectFrom('items').innerJoin('item_references', 'item_references.item_id', 'items.id').select('items.id').where('items.type', '=', 'escalation').where('item_references.referenced_id', '=', item).execute();
  }

  it('puts an alert in the other side’s inbox, urgent, due in five minutes, and not in the supervisor’s', async () => {
    const sent = await alert(sy, 'Incident at crossing 3');
    expect(sent.status).toBe(201);
    const ilInbox = await inbox(il);
    const entry = ilInbox.entries.find((candidate: { item: string }) => candidate.item === sent.body.id);
    expect(entry).toMatchObject({ party: 'il', kind: 'ack', required: 'received', urgent: true, overdue: false, acknowledged: null, authorParty: 'sy' });
    expect(Date.parse(entry.dueAt) - Date.parse(entry.receivedAt)).toBe(5 * MINUTE);
    expect(ilInbox.counts.general.open).toBeGreaterThan(0);
    expect((await inbox(us)).entries.some((candidate: { item: string }) => candidate.item === sent.body.id)).toBe(false);
    expect((await inbox(sy)).entries.some((candidate: { item: string }) => candidate.item === sent.body.id)).toBe(false);
  });

  it('meets the obligation with a signed acknowledgment, and refuses acknowledging twice, downwards or one’s own item', async () => {
    const sent = await alert(sy, 'Convoy delayed');
    const received = await ack(il, sent.body.id, { level: 'received' });
    expect(received.status).toBe(201);
    expect((await inbox(il)).entries.some((candidate: { item: string }) => candidate.item === sent.body.id)).toBe(false);

    const twice = await ack(ilHead, sent.body.id, { level: 'received' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.field).toBe('body.envelope.payload.level');
    const understood = await ack(il, sent.body.id, { level: 'understood', readBack: 'Your convoy is delayed; we hold our patrols.', language: 'en' });
    expect(understood.status).toBe(201);
    expect((await ack(il, sent.body.id, { level: 'received' })).status).toBe(409);
    const own = await ack(sy, sent.body.id, { level: 'received' });
    expect(own.status).toBe(403);
    expect(own.body.error.field).toBe('body.envelope.references[0]');
    expect((await ack(us, sent.body.id, { level: 'accepted' })).status).toBe(201);
    expect((await ack(us, sent.body.id, { level: 'contested', reason: 'too late', language: 'en' })).status).toBe(409);
  });

  it('lets only one of several racing acknowledgments at one level through, and answers a replay with its first receipt', async () => {
    const sent = await alert(sy, 'Drone sighted');
    const ilDuty2 = await SigningClient.open(server.url, 'il.duty2', server.passwordOf('il.duty2'));
    const racing = [il, ilDuty2, ilHead].flatMap((client) => [0, 1, 2].map(() => ack(client, sent.body.id, { level: 'received' })));
    const statuses = (await Promise.all(racing)).map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(racing.length - 1);
    const acks = await server.handle.services.db
      .selectFrom('items')
      .innerJoin('item_references', 'item_references.item_id', 'items.id')
      .select('items.id')
      .where('items.type', '=', 'ack')
      .where('item_references.referenced_id', '=', sent.body.id)
      .execute();
    expect(acks).toHaveLength(1);

    const signed = await il.sign(il.envelope({ type: 'ack', references: [sent.body.id], authoredAt: now(), payload: { level: 'understood', readBack: 'A drone near the line.', language: 'en' } }));
    const first = await il.post('/api/v1/items', signed);
    expect(first.status).toBe(201);
    const replay = await il.post('/api/v1/items', signed);
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ id: first.body.id, index: first.body.index, duplicate: true });
  });

  it.each([
    ['a contest without its reason', { level: 'contested' }, 'body.envelope.payload.reason'],
    ['a read-back on a received acknowledgment', { level: 'received', readBack: 'x', language: 'en' }, 'body.envelope.payload.readBack'],
    ['a level that does not exist', { level: 'seen' }, 'body.envelope.payload.level'],
    ['a party field', { level: 'received', party: 'us' }, 'body.envelope.payload'],
  ])('refuses %s', async (_name, payload, field) => {
    const sent = await alert(sy, `Refusal check ${field}`);
    const response = await ack(il, sent.body.id, payload);
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe(field);
  });

  it('refuses an acknowledgment of an item the party cannot see, as if it did not exist, and one filed elsewhere', async () => {
    const secret = await sy.send({ compartment: 'caucus-sy', payload: { text: 'to the mediator', language: 'ar', ackRequested: true } });
    const hidden = await ack(il, secret.body.id, { level: 'received' });
    const nothing = await ack(il, 'A'.repeat(43), { level: 'received' });
    expect(hidden.status).toBe(400);
    expect(hidden.body).toEqual(nothing.body);
    const plenaryItem = await alert(sy, 'Filed in plenary');
    const elsewhere = await ack(il, plenaryItem.body.id, { level: 'received' }, 'caucus-il');
    expect(elsewhere.body.error.field).toBe('body.envelope.compartment');
  });

  it('reminds the watch before the deadline, escalates at it in the record, once, and repeats urgent alarms until acknowledged', async () => {
    events.length = 0;
    const sent = await alert(sy, 'Unanswered alarm');
    server.clock.advance(2 * MINUTE);
    await tick();
    expect(events).not.toContainEqual(expect.objectContaining({ type: 'notify', item: sent.body.id }));
    server.clock.advance(1 * MINUTE + 1);
    await tick();
    expect(events).toContainEqual(expect.objectContaining({ type: 'notify', kind: 'reminder', party: 'il', item: sent.body.id }));
    server.clock.advance(2 * MINUTE);
    await tick();
    const escalations = await escalationsOf(sent.body.id);
    expect(escalations).toHaveLength(1);
    const entry = (await us.get(`/api/v1/items/${escalations[0]?.id}`)).body;
    const envelope = JSON.parse(entry.leaf).envelope;
    expect(envelope).toMatchObject({ author: '@cell', device: '@log', type: 'escalation', payload: { kind: 'acknowledgment-overdue', party: 'il', required: 'received', item: sent.body.id } });
    expect(events).toContainEqual(expect.objectContaining({ type: 'notify', kind: 'escalation', party: 'il', item: sent.body.id }));
    expect(events).toContainEqual(expect.objectContaining({ type: 'notify', kind: 'urgent-repeat', party: 'il', item: sent.body.id }));

    const overdue = await inbox(us, 'overdue');
    expect(overdue.entries.find((candidate: { item: string }) => candidate.item === sent.body.id)).toMatchObject({ party: 'il', overdue: true, escalatedAt: expect.any(String) });
    expect((await il.get('/api/v1/inbox?view=overdue')).status).toBe(403);

    await tick();
    expect(await escalationsOf(sent.body.id)).toHaveLength(1);
    const repeatsBefore = events.filter((event) => event.type === 'notify' && event.kind === 'urgent-repeat' && event.item === sent.body.id).length;
    server.clock.advance(5 * MINUTE);
    await tick();
    expect(events.filter((event) => event.type === 'notify' && event.kind === 'urgent-repeat' && event.item === sent.body.id)).toHaveLength(repeatsBefore + 1);
    await ack(il, sent.body.id, { level: 'received' });
    server.clock.advance(5 * MINUTE);
    await tick();
    expect(events.filter((event) => event.type === 'notify' && event.kind === 'urgent-repeat' && event.item === sent.body.id)).toHaveLength(repeatsBefore + 1);
  });

  it('asks for a reply to an explanation request, lets the supervisor convene a meeting only when it is missing or contested', async () => {
    const request = await sy.send({
      type: 'explanation.request',
      track: 'deescalation',
      authoredAt: now(),
      payload: { question: 'Why were armoured vehicles moved at night near the line?', language: 'en' },
    });
    expect(request.status).toBe(201);
    const owed = (await inbox(il)).entries.find((candidate: { item: string }) => candidate.item === request.body.id);
    expect(owed).toMatchObject({ kind: 'reply', required: 'explanation.reply' });
    expect(Date.parse(owed.dueAt) - Date.parse(owed.receivedAt)).toBe(48 * 60 * MINUTE);
    const convene = (client: SigningClient) =>
      client.send({ type: 'meeting.convene', track: 'deescalation', references: [request.body.id], authoredAt: now(), payload: { purpose: 'Discuss the night movement', proposedAt: '2026-01-10T10:00:00.000Z', language: 'en' } });
    expect((await convene(us)).status).toBe(409);
    expect((await convene(sy)).status).toBe(403);
    server.clock.advance(48 * 60 * MINUTE + 1);
    await tick();
    expect((await escalationsOf(request.body.id)).length).toBe(1);
    expect((await convene(us)).status).toBe(201);
    const reply = await il.send({ type: 'explanation.reply', track: 'deescalation', references: [request.body.id], authoredAt: now(), payload: { answer: 'A scheduled rotation, notified last week.', language: 'he' } });
    expect(reply.status).toBe(201);
    expect((await inbox(il)).entries.some((candidate: { item: string }) => candidate.item === request.body.id)).toBe(false);
  });

  it('asks for an answer to a clarification request', async () => {
    const message = await il.send({ payload: { text: 'Patrols resume at first light.', language: 'en' }, authoredAt: now() });
    const question = await sy.send({ type: 'clarification', references: [message.body.id], authoredAt: now(), payload: { question: 'Which sector?', language: 'ar' } });
    expect(question.status).toBe(201);
    expect((await inbox(il)).entries.find((candidate: { item: string }) => candidate.item === question.body.id)).toMatchObject({ required: 'clarification.reply' });
    const answer = await il.send({ type: 'clarification.reply', references: [question.body.id], authoredAt: now(), payload: { answer: 'Sector north.', language: 'en' } });
    expect(answer.status).toBe(201);
    expect((await inbox(il)).entries.some((candidate: { item: string }) => candidate.item === question.body.id)).toBe(false);
  });

  it('checks the link with every party on schedule; a missed check is escalated as such', async () => {
    server.clock.advance(8 * 60 * MINUTE);
    await tick();
    const checks = await server.handle.services.db.selectFrom('items').select(['id', 'received_at']).where('type', '=', 'link.check').where('author_id', '=', '@cell').orderBy('received_at', 'desc').execute();
    expect(checks.length).toBeGreaterThan(0);
    const check = checks[0]?.id ?? '';
    for (const client of [sy, il, us]) {
      const owed = (await inbox(client)).entries.find((candidate: { item: string }) => candidate.item === check);
      expect(owed).toMatchObject({ required: 'received', urgent: true });
    }
    expect((await ack(sy, check, { level: 'received' })).status).toBe(201);
    expect((await ack(us, check, { level: 'received' })).status).toBe(201);
    server.clock.advance(10 * MINUTE + 1);
    await tick();
    const escalation = (await escalationsOf(check))[0];
    const entry = (await il.get(`/api/v1/items/${escalation?.id}`)).body;
    expect(JSON.parse(entry.leaf).envelope.payload).toMatchObject({ kind: 'link-check-missed', party: 'il' });
  });

  it('records the channel as suspended and resumed, and refuses a transition that does not follow', async () => {
    const suspend = (client: SigningClient) => client.send({ type: 'channel.suspended', authoredAt: now(), payload: { reason: 'Technical maintenance', language: 'en' } });
    const resume = (client: SigningClient) => client.send({ type: 'channel.resumed', authoredAt: now(), payload: { reason: 'Maintenance over', language: 'en' } });
    expect((await suspend(il)).status).toBe(403);
    expect((await resume(ilHead)).status).toBe(409);
    expect((await suspend(ilHead)).status).toBe(201);
    expect((await inbox(sy)).channel.status).toBe('suspended');
    expect((await suspend(ilHead)).status).toBe(409);
    expect((await resume(ilHead)).status).toBe(201);
    expect((await inbox(sy)).channel.status).toBe('open');

    const syHead = await SigningClient.open(server.url, 'sy.head', server.passwordOf('sy.head'));
    const racing = await Promise.all([suspend(ilHead), suspend(syHead), suspend(ilHead), suspend(syHead)]);
    expect(racing.map((response) => response.status).sort()).toEqual([201, 409, 409, 409]);
    expect((await resume(syHead)).status).toBe(201);
  });

  it('derives exactly the same coordination state when rebuilt from the logs', async () => {
    const report = await rebuildDerivedState(server.handle.services.db, { repair: false });
    expect(report.differences).toEqual([]);
  });
});

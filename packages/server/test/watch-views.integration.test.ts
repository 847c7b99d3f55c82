import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { SigningClient } from './support/signing-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const MINUTE = 60_000;

/**
 * What each watch sees: the sender what it awaits from others, the supervisor every open
 * answer between the parties as it happens, and deadlines and repeats that follow an alert's
 * severity from the cell's rules.
 */
describe.each(ENGINES)('the watch views on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  let sy: SigningClient;
  let il: SigningClient;
  let us: SigningClient;

  beforeAll(async () => {
    storage = await setup.create();
    server = await startTestServer(storage, { checkpointIntervalMs: 60_000, timerIntervalMs: 3_600_000, sessionIdleMinutes: 10_000, sessionMaxHours: 10_000 });
    [sy, il, us] = await Promise.all([
      SigningClient.open(server.url, 'sy.duty1', server.passwordOf('sy.duty1')),
      SigningClient.open(server.url, 'il.duty1', server.passwordOf('il.duty1')),
      SigningClient.open(server.url, 'us.duty1', server.passwordOf('us.duty1')),
    ]);
  });

  afterAll(async () => {
    await server.close();
    await storage.cleanup();
  });

  let authored = 0;
  const now = () => new Date(server.clock.now() + ++authored).toISOString();
  const alert = (severity: string, title: string) => sy.send({ type: 'alert', authoredAt: now(), payload: { title, severity, language: 'en' } });
  const view = async (client: SigningClient, name: string) => (await client.get(`/api/v1/inbox?view=${name}`)).body;
  const entriesFor = async (client: SigningClient, name: string, item: string) => (await view(client, name)).entries.filter((entry: { item: string }) => entry.item === item);

  it('gives a FLASH and a PRIORITY alert the deadlines and repeats of their severity', async () => {
    const flash = await alert('flash', 'Shots at crossing 2');
    const priority = await alert('priority', 'Convoy schedule changed');
    const [owedFlash] = await entriesFor(il, 'mine', flash.body.id);
    const [owedPriority] = await entriesFor(il, 'mine', priority.body.id);
    expect(Date.parse(owedFlash.dueAt) - Date.parse(owedFlash.receivedAt)).toBe(5 * MINUTE);
    expect(owedFlash.urgent).toBe(true);
    expect(Date.parse(owedPriority.dueAt) - Date.parse(owedPriority.receivedAt)).toBe(4 * 60 * MINUTE);
    expect(owedPriority.urgent).toBe(false);
    const repeat = await server.handle.services.db.selectFrom('timers').select(['due_at']).where('id', '=', `repeat:${flash.body.id}:il`).executeTakeFirstOrThrow();
    expect(Number(repeat.due_at) - Date.parse(owedFlash.receivedAt)).toBe(5 * MINUTE);
    expect(await server.handle.services.db.selectFrom('timers').select('id').where('id', '=', `repeat:${priority.body.id}:il`).executeTakeFirst()).toBeUndefined();
  });

  it('shows the sender what it awaits, and the supervisor every open answer at once; not to others', async () => {
    const sent = await alert('flash', 'Drone over the line');
    const [awaiting] = await entriesFor(sy, 'sent', sent.body.id);
    expect(awaiting).toMatchObject({ party: 'il', authorParty: 'sy', kind: 'ack', required: 'received', overdue: false, acknowledged: null });
    expect(await entriesFor(us, 'open', sent.body.id)).toEqual([expect.objectContaining({ party: 'il', overdue: false })]);
    // The other side owes it: it is in its own view, not in what it sent.
    expect(await entriesFor(il, 'sent', sent.body.id)).toEqual([]);
    expect((await il.get('/api/v1/inbox?view=open')).status).toBe(403);
    expect((await sy.get('/api/v1/inbox?view=open')).status).toBe(403);

    await il.send({ type: 'ack', references: [sent.body.id], authoredAt: now(), payload: { level: 'received' } });
    expect(await entriesFor(sy, 'sent', sent.body.id)).toEqual([]);
    expect(await entriesFor(us, 'open', sent.body.id)).toEqual([]);
  });

  it('puts what is overdue first for the sender and the supervisor, escalated as it is', async () => {
    const late = await alert('flash', 'Artillery fire reported');
    const later = await alert('priority', 'Road closure');
    server.clock.advance(5 * MINUTE + 1);
    await server.handle.live.timers.tick();
    const sent = (await view(sy, 'sent')).entries.map((entry: { item: string; overdue: boolean; escalatedAt: string | null }) => entry);
    expect(sent[0]).toMatchObject({ overdue: true });
    expect(sent.find((entry: { item: string }) => entry.item === late.body.id)).toMatchObject({ overdue: true, escalatedAt: expect.any(String) });
    expect(sent.find((entry: { item: string }) => entry.item === later.body.id)).toMatchObject({ overdue: false });
    const open = (await view(us, 'open')).entries as Array<{ overdue: boolean }>;
    expect(open.findIndex((entry) => !entry.overdue)).toBeGreaterThan(open.findLastIndex((entry) => entry.overdue));
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { SigningClient } from './support/signing-client.ts';
import { StreamClient } from './support/stream-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const FIVE_MINUTES = 5 * 60_000;

async function escalationCount(server: TestServer, item: string): Promise<number> {
  const rows = await server.handle.services.db
    .selectFrom('items')
    .innerJoin('item_references', 'item_references.item_id', 'items.id')
    .select('items.id')
    .where('items.type', '=', 'escalation')
    .where('item_references.referenced_id', '=', item)
    .execute();
  return rows.length;
}

function sendAlert(client: SigningClient, clock: ManualClock, title: string) {
  return client.send({ type: 'alert', authoredAt: new Date(clock.now()).toISOString(), payload: { title, description: '', severity: 'flash', language: 'en' } });
}

describe.each(ENGINES)('timers across a restart on $engine', (setup) => {
  let storage: TestStorage | undefined;
  let server: TestServer | undefined;

  afterEach(async () => {
    await server?.close();
    await storage?.cleanup();
  });

  it('fire at once when overdue at start, and only once', async () => {
    storage = await setup.create();
    const clock = new ManualClock();
    const first = await startTestServer(storage, { clock, timerIntervalMs: 3_600_000, checkpointIntervalMs: 60_000 });
    const passwords = { sy: first.passwordOf('sy.duty1') };
    const sy = await SigningClient.open(first.url, 'sy.duty1', passwords.sy);
    const overdue = await sendAlert(sy, clock, 'Pending across a restart');
    await first.close();
    clock.advance(FIVE_MINUTES + 30_000);

    server = await startTestServer(storage, { clock, timerIntervalMs: 3_600_000, checkpointIntervalMs: 60_000 });
    // The first tick runs as the server starts; wait for it rather than calling another.
    for (let wait = 0; wait < 100 && (await escalationCount(server, overdue.body.id)) === 0; wait++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await escalationCount(server, overdue.body.id)).toBe(1);
    await server.handle.live.timers.tick();
    expect(await escalationCount(server, overdue.body.id)).toBe(1);
  });

  it('fire on time when not yet due at start', async () => {
    storage = await setup.create();
    const clock = new ManualClock();
    const first = await startTestServer(storage, { clock, timerIntervalMs: 3_600_000, checkpointIntervalMs: 60_000 });
    const sy = await SigningClient.open(first.url, 'sy.duty1', first.passwordOf('sy.duty1'));
    const pending = await sendAlert(sy, clock, 'Not yet due at restart');
    await first.close();
    clock.advance(60_000);
    server = await startTestServer(storage, { clock, timerIntervalMs: 3_600_000, checkpointIntervalMs: 60_000 });
    await server.handle.live.timers.tick();
    expect(await escalationCount(server, pending.body.id)).toBe(0);
    clock.advance(FIVE_MINUTES - 60_000 - 1);
    await server.handle.live.timers.tick();
    expect(await escalationCount(server, pending.body.id)).toBe(0);
    clock.advance(1);
    await server.handle.live.timers.tick();
    expect(await escalationCount(server, pending.body.id)).toBe(1);
  });
});

const postgres = ENGINES.find((engine) => engine.engine === 'postgres');

describe.runIf(postgres)('two server instances on one PostgreSQL database', () => {
  const servers: TestServer[] = [];
  let storage: TestStorage | undefined;

  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
    await storage?.cleanup();
  });

  it('deliver an entry written on one instance to stream clients of the other, and fire each timer once', async () => {
    storage = await postgres!.create();
    const clock = new ManualClock();
    const options = { clock, timerIntervalMs: 3_600_000, checkpointIntervalMs: 60_000, heartbeatMs: 60_000 };
    const a = await startTestServer(storage, options);
    servers.push(a);
    const b = await startTestServer(storage, { ...options, scenario: undefined });
    servers.push(b);
    const sy = await SigningClient.open(a.url, 'sy.duty1', a.passwordOf('sy.duty1'));
    const il = await SigningClient.open(b.url, 'il.duty1', a.passwordOf('il.duty1'));
    const stream = await StreamClient.open(b.url, il.sessionCookie);
    stream.send({ type: 'subscribe', compartment: 'plenary', from: 0 });
    await stream.waitFor((frame) => frame.type === 'caught-up');

    const sent = await sendAlert(sy, clock, 'Across instances');
    const delivered = await stream.waitFor((frame) => frame.type === 'entry' && frame.id === sent.body.id, 5000);
    expect(delivered).toMatchObject({ compartment: 'plenary', index: sent.body.index });

    clock.advance(FIVE_MINUTES + 1);
    await Promise.all([a.handle.live.timers.tick(), b.handle.live.timers.tick(), a.handle.live.timers.tick(), b.handle.live.timers.tick()]);
    expect(await escalationCount(a, sent.body.id)).toBe(1);
    // The escalation, appended by whichever instance fired, reaches the client on B.
    await stream.waitFor((frame) => frame.type === 'entry' && JSON.parse(frame.leaf).envelope.type === 'escalation', 5000);
    stream.close();
  });
});

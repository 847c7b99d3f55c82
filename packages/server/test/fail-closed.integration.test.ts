import type { ServerFrame } from '@fusion-cell/protocol';
import { base64UrlEncode, canonicalEnvelopeJson, canonicalSignedEnvelopeJson, leafHash, utf8Encode, type SignedEnvelope } from '@fusion-cell/record';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../../../test-support/environment.ts';
import { startTcpProxy, type TcpProxy } from '../../../test-support/tcp-proxy.ts';
import { ManualClock } from '../src/clock.ts';
import { isDatabaseUnavailable } from '../src/db/database-unavailable.ts';
import { openDatabase } from '../src/db/open-database.ts';
import { rebuildDerivedState } from '../src/record/rebuild.ts';
import { ApiClient } from './support/api-client.ts';
import { newDeviceKey, registrationFor } from './support/device-keys.ts';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { SigningClient } from './support/signing-client.ts';
import { StreamClient } from './support/stream-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const FIVE_MINUTES = 5 * 60_000;
/** Every answer while the database is cut must come at once: a request left hanging is not failing closed. */
const PROMPT_MS = 2_000;

/** The health check gives the database two seconds; with some slack for a busy machine. */
const HEALTH_CHECK_PATIENCE_MS = 3_500;

/** What the database holds, read past the proxy, so it can be compared across an outage. */
interface Counts {
  entries: number;
  items: number;
  members: number;
  devices: number;
  sessions: number;
}

async function counts(direct: pg.Client): Promise<Counts> {
  const { rows } = await direct.query<Record<keyof Counts, string>>(`
    select (select count(*) from log_entries) as entries, (select count(*) from items) as items,
           (select count(*) from members) as members, (select count(*) from devices) as devices,
           (select count(*) from sessions) as sessions`);
  const row = rows[0] as Record<keyof Counts, string>;
  return { entries: Number(row.entries), items: Number(row.items), members: Number(row.members), devices: Number(row.devices), sessions: Number(row.sessions) };
}

async function timesOfEntry(direct: pg.Client, itemId: string): Promise<number> {
  const { rows } = await direct.query<{ count: string }>('select count(*) from log_entries where item_id = $1', [itemId]);
  return Number(rows[0]?.count);
}

/** The id the cell gives a signed envelope: the hash of its log leaf. */
function itemIdOf(signed: SignedEnvelope): string {
  return base64UrlEncode(leafHash(utf8Encode(canonicalSignedEnvelopeJson(canonicalEnvelopeJson(signed.envelope), signed.signature))));
}

async function eventually<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await attempt();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error(`${what} did not happen within ${timeoutMs} ms`)), timeoutMs))]);
}

/** Runs a request and checks it was answered promptly. */
async function prompt<T>(request: Promise<T>): Promise<T> {
  const started = Date.now();
  const answer = await request;
  expect(Date.now() - started).toBeLessThan(PROMPT_MS);
  return answer;
}

function expectUnavailable(response: { status: number; body: any }): void {
  expect(response.status).toBe(503);
  expect(response.body).toEqual({ error: { code: 'unavailable', message: expect.any(String), retryAfterSeconds: expect.any(Number) } });
}

/** The append's transaction writing its entries: the connection to cut. */
const APPEND_INSERT = /insert into "log_entries"/;
/** node-postgres sends COMMIT as a simple query: 'Q', the message length, the text. */
const COMMIT = /^Q[\s\S]{4}commit\0$/;

/** Present when PostgreSQL answers; always under CI=true, where its absence fails the run. */
const postgres = ENGINES.find((engine) => engine.engine === 'postgres');

// PostgreSQL only: SQLite is embedded, there is no connection to lose.
describe.runIf(postgres)('with PostgreSQL cut off mid-run', () => {
  const clock = new ManualClock();
  let storage: TestStorage;
  let proxy: TcpProxy;
  let direct: pg.Client;
  let a: TestServer;
  let b: TestServer;
  let sy: SigningClient;
  let il: SigningClient;
  let admin: ApiClient;
  let streamOnA: StreamClient;
  let streamOnB: StreamClient;
  /** What A logs at warn and above. */
  const warningsOnA: Array<{ level: number; msg: string; compartment?: string }> = [];

  beforeAll(async () => {
    storage = await postgres!.create();
    const target = new URL(TEST_DATABASE_URL);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    direct = new pg.Client({ connectionString: storage.databaseUrl });
    await direct.connect();
    // Short intervals, so the workers' own recovery is what the test waits for.
    const options = { clock, databaseUrl: proxy.urlFor(storage.databaseUrl as string), checkpointIntervalMs: 100, timerIntervalMs: 100, heartbeatMs: 300 };
    a = await startTestServer(storage, { ...options, logger: pino({ level: 'warn' }, { write: (line: string) => void warningsOnA.push(JSON.parse(line)) }) });
    b = await startTestServer(storage, { ...options, scenario: undefined });
    sy = await SigningClient.open(a.url, 'sy.duty1', a.passwordOf('sy.duty1'));
    il = await SigningClient.open(b.url, 'il.duty1', a.passwordOf('il.duty1'));
    admin = new ApiClient(a.url);
    await admin.login('sy.admin', a.passwordOf('sy.admin'));
    streamOnA = await StreamClient.open(a.url, sy.sessionCookie);
    streamOnB = await StreamClient.open(b.url, il.sessionCookie);
    for (const stream of [streamOnA, streamOnB]) {
      stream.send({ type: 'subscribe', compartment: 'plenary', from: 0 });
      await stream.waitFor((frame) => frame.type === 'caught-up');
    }
  });

  afterEach(() => proxy.restore());

  const now = () => new Date(clock.now()).toISOString();
  /** A plain message authored now: the clock moves during the suite, and stale times are refused. */
  const message = (text: string) => ({ authoredAt: now(), payload: { text, language: 'en' } });

  afterAll(async () => {
    streamOnA?.close();
    streamOnB?.close();
    await a?.close();
    await b?.close();
    await direct?.end();
    await proxy?.close();
    await storage?.cleanup();
  });

  // First: an instance whose event connection comes back re-reads every log's head, and this
  // one needs a log that A has never read.
  it('refuses a stream subscription as unavailable while the database is cut, and sends it whole once it returns', async () => {
    const headOf = async (compartment: string) => Number((await direct.query<{ size: number }>('select size from log_heads where compartment_id = $1', [compartment])).rows[0]?.size);
    // internal-sy: A knows its head from the entry just appended, but holds none of its backlog.
    expect((await sy.send({ compartment: 'internal-sy', ...message('before the cut, in our own compartment') })).status).toBe(201);
    streamOnA.send({ type: 'subscribe', compartment: 'internal-sy', from: await headOf('internal-sy') });
    await streamOnA.waitFor((frame) => frame.type === 'caught-up' && frame.compartment === 'internal-sy');
    streamOnA.send({ type: 'unsubscribe', compartment: 'internal-sy' });
    // caucus-sy: A has not read it at all, so even its size needs the database.
    const compartments = ['caucus-sy', 'internal-sy'];
    const heads = new Map(await Promise.all(compartments.map(async (compartment) => [compartment, await headOf(compartment)] as const)));
    expect(heads.get('caucus-sy')).toBeGreaterThan(0);

    proxy.cut();
    for (const compartment of compartments) {
      streamOnA.send({ type: 'subscribe', compartment, from: 0 });
      const refusal = await prompt(streamOnA.waitFor((frame) => frame.type === 'error' && frame.compartment === compartment));
      expect(refusal).toEqual({ type: 'error', code: 'unavailable', message: expect.any(String), compartment });
      expect(warningsOnA).toContainEqual(expect.objectContaining({ level: 40, msg: 'stream subscription refused: the database is unavailable', compartment }));
    }

    proxy.restore();
    // The refused subscriptions were dropped: asking again is not refused as already_subscribed.
    const before = new Set<ServerFrame>(streamOnA.frames);
    for (const compartment of compartments) streamOnA.send({ type: 'subscribe', compartment, from: 0 });
    for (const compartment of compartments) {
      const size = heads.get(compartment)!;
      const caughtUp = await streamOnA.waitFor((frame) => (frame.type === 'caught-up' || frame.type === 'error') && frame.compartment === compartment && !before.has(frame));
      expect(caughtUp).toEqual({ type: 'caught-up', compartment, size });
      const sent = streamOnA.frames.filter((frame) => !before.has(frame) && frame.type === 'entry' && frame.compartment === compartment);
      expect(sent.map((frame) => (frame as { index: number }).index)).toEqual(Array.from({ length: size }, (_, index) => index));
    }
  });

  it('refuses writes and reads with 503, stores nothing, and resumes by itself when it returns', async () => {
    const before = await sy.send(message('before the outage'));
    expect(before.status).toBe(201);
    await streamOnB.waitFor((frame) => frame.type === 'entry' && frame.id === before.body.id);
    // Due five minutes from now: it falls due while the database is away.
    const alert = await sy.send({ type: 'alert', authoredAt: now(), payload: { title: 'Due during the outage', description: '', severity: 'flash', language: 'en' } });
    expect(alert.status).toBe(201);
    const stored = await counts(direct);
    await eventually('the checkpoint of the alert', async () => ((await latestCheckpointSize(direct)) >= alert.body.index + 1 ? true : undefined));

    proxy.cut();
    clock.advance(FIVE_MINUTES + 1);

    // Writes: signed items on either instance, member creation, device registration, login.
    expectUnavailable(await prompt(sy.send(message('during the outage'))));
    expectUnavailable(await prompt(il.send(message('during the outage, on B'))));
    expectUnavailable(await prompt(admin.post('/api/v1/members', { username: 'sy.duty9', displayName: 'Outage watch', roles: ['duty'] })));
    expectUnavailable(await prompt(sy.post('/api/v1/devices', registrationFor(newDeviceKey(), 'paris-2026', sy.memberId))));
    expectUnavailable(await prompt(new ApiClient(a.url).post('/api/v1/auth/login', { username: 'sy.duty2', password: a.passwordOf('sy.duty2') })));
    // Reads of what cannot be checked, the session lookup included: never 401, never stale.
    for (const path of ['/api/v1/compartments/plenary/entries?from=0', '/api/v1/record', '/api/v1/members', '/api/v1/auth/me', '/api/v1/inbox', `/api/v1/items/${before.body.id}`]) {
      expectUnavailable(await prompt(sy.get(path)));
    }
    expectUnavailable(await prompt(new ApiClient(b.url).get('/healthz')));
    // A new stream cannot check its session either: refused as unavailable, not as unauthenticated.
    const refusedStream = await prompt(StreamClient.open(a.url, sy.sessionCookie).then(() => undefined, (error: Error) => error.message));
    expect(refusedStream).toBe('upgrade refused: 503');
    // The stream's heartbeat cannot check sessions meanwhile; that is no reason to drop clients.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(streamOnA.closed).toBeUndefined();
    expect(streamOnB.closed).toBeUndefined();

    proxy.restore();
    expect(await counts(direct)).toEqual(stored);

    // New requests succeed at once: the pool opens fresh connections.
    const after = await prompt(sy.send(message('after the outage')));
    expect(after.status).toBe(201);
    expect((await admin.post('/api/v1/members', { username: 'sy.duty9', displayName: 'Outage watch', roles: ['duty'] })).status).toBe(201);
    expect((await new ApiClient(b.url).get('/healthz')).status).toBe(200);
    // Fan-out: locally at once, and on the other instance once its LISTEN connection is back.
    await streamOnA.waitFor((frame) => frame.type === 'entry' && frame.id === after.body.id);
    await streamOnB.waitFor((frame) => frame.type === 'entry' && frame.id === after.body.id, 10_000);
    // The checkpoint signer signs again, and its checkpoints reach the streams.
    await streamOnB.waitFor((frame) => frame.type === 'checkpoint' && frame.size >= after.body.index + 1, 10_000);
    // The timer that fell due meanwhile fires: its escalation is entered and streamed.
    const escalation = await streamOnB.waitFor((frame) => frame.type === 'entry' && JSON.parse(frame.leaf).envelope.type === 'escalation', 10_000);
    expect(JSON.parse((escalation as { leaf: string }).leaf).envelope.references).toEqual([alert.body.id]);

    const report = await rebuildDerivedState(a.handle.services.db, { repair: false });
    expect(report.differences).toEqual([]);
    expect(report.unreadable).toEqual([]);
  });

  it('answers the health check 503 while the database does not answer at all, and recovers after', async () => {
    proxy.stall();
    // A connection that cannot be opened fails after the connect timeout, as unavailable.
    const unreachable = openDatabase({ databaseUrl: proxy.urlFor(storage.databaseUrl as string), dataDir: storage.dataDir, databaseConnectTimeoutMs: 300 });
    try {
      const failure = await prompt(unreachable.db.selectFrom('cells').select('id').execute().then(() => undefined, (error: unknown) => error));
      expect(isDatabaseUnavailable(failure)).toBe(true);
    } finally {
      await unreachable.close();
    }
    // The health check does not wait for a query that may never be answered.
    const started = Date.now();
    expectUnavailable(await new ApiClient(a.url).get('/healthz'));
    expect(Date.now() - started).toBeLessThan(HEALTH_CHECK_PATIENCE_MS);

    // The silent network fails the connections it held; what was waiting on them fails too,
    // and the server carries on by itself.
    proxy.restore();
    await eventually('a healthy answer', async () => ((await new ApiClient(a.url).get('/healthz')).status === 200 ? true : undefined));
    const after = await eventually('a write accepted', async () => {
      const response = await sy.send(message('after the silence'));
      return response.status === 503 ? undefined : response;
    });
    expect(after.status).toBe(201);
    await streamOnB.waitFor((frame) => frame.type === 'entry' && frame.id === after.body.id, 10_000);
  });

  const midAppendCuts = [
    { deliver: false, everything: true, what: 'before its COMMIT, as the database stops' },
    { deliver: true, everything: true, what: 'after its COMMIT was sent, as the database stops' },
    { deliver: true, everything: false, what: 'after its COMMIT was sent, on its connection alone' },
  ];
  for (const { deliver, everything, what } of midAppendCuts) {
    it(`answers 503 to a write cut ${what}, and stores it once when resent`, async () => {
      const signed = await sy.sign(sy.envelope(message(`cut mid-append: ${what}`)));
      const cutting = proxy.cutDuring({ after: APPEND_INSERT, at: COMMIT, deliver, everything });
      const first = await prompt(sy.post('/api/v1/items', signed));
      await within(cutting, 5_000, 'the cut mid-append');
      proxy.restore();
      // The connection is reset before any answer can come back, so the outcome is unknown to
      // the server too: it must refuse, not guess.
      expectUnavailable(first);
      // The commit either landed with only its answer lost (PostgreSQL may still be finishing
      // it), or never happened.
      if (deliver) await eventually('the commit landing', async () => ((await timesOfEntry(direct, itemIdOf(signed))) === 1 ? true : undefined), 2_000);
      else expect(await timesOfEntry(direct, itemIdOf(signed))).toBe(0);
      const receipt = await eventually('a resend accepted', async () => {
        const response = await sy.post('/api/v1/items', signed);
        return response.status === 503 ? undefined : response;
      });
      expect(receipt.status).toBe(deliver ? 200 : 201);
      expect(await timesOfEntry(direct, receipt.body.id)).toBe(1);
      // Stream clients get the entry once, on both instances, whichever way it went in: also
      // when no other connection dropped, so nothing else makes the instances look again.
      for (const stream of [streamOnA, streamOnB]) {
        await stream.waitFor((frame) => frame.type === 'entry' && frame.id === receipt.body.id, 10_000);
        expect(stream.entries('plenary').filter((entry) => entry.id === receipt.body.id)).toHaveLength(1);
      }
      const report = await rebuildDerivedState(a.handle.services.db, { repair: false });
      expect(report.differences).toEqual([]);
    });
  }
});

async function latestCheckpointSize(direct: pg.Client): Promise<number> {
  const { rows } = await direct.query<{ size: string | null }>("select max(size) as size from checkpoints where compartment_id = 'plenary'");
  return Number(rows[0]?.size ?? 0);
}
